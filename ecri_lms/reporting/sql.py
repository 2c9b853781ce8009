"""SQL expressions the two supported databases spell differently (SQLite for tests, PostgreSQL live)."""

from sqlalchemy import Float, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class hours_between(FunctionElement):
    """Hours from the first timestamp to the second, as a float."""

    type = Float()
    inherit_cache = True
    name = "hours_between"


@compiles(hours_between)
def _hours_sqlite(element, compiler, **kw):
    start, end = list(element.clauses)
    return f"((julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)})) * 24.0)"


@compiles(hours_between, "postgresql")
def _hours_postgresql(element, compiler, **kw):
    start, end = list(element.clauses)
    return f"(EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - {compiler.process(start, **kw)})) / 3600.0)"


class year_month(FunctionElement):
    """'YYYY-MM' of a UTC timestamp."""

    type = String()
    inherit_cache = True
    name = "year_month"


@compiles(year_month)
def _month_sqlite(element, compiler, **kw):
    (moment,) = list(element.clauses)
    return f"strftime('%Y-%m', {compiler.process(moment, **kw)})"


@compiles(year_month, "postgresql")
def _month_postgresql(element, compiler, **kw):
    (moment,) = list(element.clauses)
    return f"to_char({compiler.process(moment, **kw)} AT TIME ZONE 'UTC', 'YYYY-MM')"
