"""How the audit log plugs into other areas' registries: its part of a person's data download."""

from ..personal_data import register_exporter
from . import personal_data

register_exporter("audit", personal_data.export)
