"""One row per table that has been written: its current version token."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class DataVersion(db.Model):
    __tablename__ = "data_version"

    table_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
