"""How notifications plug into the personal-data registry: their part of a person's data download."""

from ..accounts.personal_data import register_exporter
from . import personal_data

register_exporter("notifications", personal_data.export)
