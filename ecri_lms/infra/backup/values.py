"""Column values to and from JSON, decided by the column's type (never guessed from the value)."""

import base64
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import Column
from sqlalchemy import types as sqltypes
from sqlalchemy.types import TypeDecorator


def _base_type(column: Column):
    type_ = column.type
    while isinstance(type_, TypeDecorator):
        type_ = type_.impl
    return type_


def encode(value):
    """A JSON-ready form of a value read from the database."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, timedelta):
        return value.total_seconds()
    return value


def decode(column: Column, value):
    """The Python value to insert into `column`, from its JSON form."""
    if value is None:
        return None
    type_ = _base_type(column)
    if isinstance(type_, sqltypes.JSON):
        return value
    if isinstance(type_, sqltypes.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(type_, sqltypes.Date):
        return date.fromisoformat(value)
    if isinstance(type_, sqltypes.Time):
        return time.fromisoformat(value)
    if isinstance(type_, sqltypes.Interval):
        return timedelta(seconds=value)
    if isinstance(type_, sqltypes.Numeric) and getattr(type_, "asdecimal", False):
        return Decimal(value)
    if isinstance(type_, sqltypes.LargeBinary):
        return base64.b64decode(value)
    if isinstance(type_, sqltypes.Boolean):
        return bool(value)
    return value
