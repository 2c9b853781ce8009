"""How certificates plug into the personal-data registry: their part of a person's data download and erasure."""

from ..accounts.personal_data import register_eraser, register_exporter
from . import personal_data

register_exporter("certificates", personal_data.export)
register_eraser("certificates", personal_data.erase)
