"""How notifications plug into other areas' registries: personal-data download and erasure."""

from ..accounts.personal_data import register_eraser, register_exporter
from . import personal_data

register_exporter("notifications", personal_data.export)
register_eraser("notifications", personal_data.erase)
