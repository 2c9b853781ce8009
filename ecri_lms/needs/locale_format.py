"""Numbers and dates of the needs area as the reader writes them (the request's or `in_language`'s language).

The MWDS figures keep their fixed number of decimals ("8,4000" in es/el/pl/it, "8.4000" in en), as the
command line and the downloads print them: the places say how precise the figure is.
"""

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from ..infra.i18n import current_language


def fixed(value, places: int = 4) -> str:
    """A figure with exactly `places` decimals in the reader's way; '–' when there is none."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=current_language())


def day(value: date) -> str:
    """A day such as '5 Mar 2027' ('5 mar 2027' in Spanish)."""
    return format_date(value, "d MMM y", locale=current_language())


def long_day(value: date) -> str:
    """A day with the month written out: '5 March 2027' ('5 de marzo de 2027' in Spanish)."""
    return format_date(value, "long", locale=current_language())


def month_year(value: date) -> str:
    """A month such as 'Mar 2027'."""
    return format_date(value, "MMM y", locale=current_language())
