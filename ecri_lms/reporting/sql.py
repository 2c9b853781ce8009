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


class joined_codes(FunctionElement):
    """The distinct values of a text column in a group, joined by ', ' (partner codes: never a comma in them)."""

    type = String()
    inherit_cache = True
    name = "joined_codes"


@compiles(joined_codes)
def _joined_sqlite(element, compiler, **kw):
    (value,) = list(element.clauses)
    return f"replace(group_concat(DISTINCT {compiler.process(value, **kw)}), ',', ', ')"


@compiles(joined_codes, "postgresql")
def _joined_postgresql(element, compiler, **kw):
    (value,) = list(element.clauses)
    text = compiler.process(value, **kw)
    return f"string_agg(DISTINCT {text}, ', ' ORDER BY {text})"
