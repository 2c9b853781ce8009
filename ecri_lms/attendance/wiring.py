"""How attendance plugs into other areas' registries: its part of a person's data download."""

from ..accounts.personal_data import register_exporter
from . import personal_data

register_exporter("attendance", personal_data.export)
