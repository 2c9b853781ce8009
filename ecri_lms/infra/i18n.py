"""Languages: which ones the product speaks, the language of the moment, and numbers and dates in it.

Messages are marked with `gettext`/`_` (at request or job time) or `lazy_gettext`/`_l` (module
constants: form labels, enum wordings) and translated by Flask-Babel from `ecri_lms/translations`.
Everything made without a request (an e-mail, a PDF a job writes) is made inside `in_language(code)`
with the language stored for its reader, so a person never reads an English site and Greek mail.

A short word that means different things in different places ("Open" a link, an "Open" survey; a
"Failed" e-mail, a "Failed" grade) is given a context: `pgettext("link", "Open")` in templates and
requests, `lazy_pgettext` imported as `pgettext` for module constants (so that it is extracted with
its context, and read lazily).
"""

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.numbers import NumberFormatError, get_decimal_symbol, parse_decimal
from flask import has_app_context
from flask_babel import force_locale, get_locale, gettext, lazy_gettext, lazy_pgettext, ngettext, pgettext
from flask_babel import format_decimal as babel_format_decimal
from flask_babel import format_percent as babel_format_percent
from flask_babel.speaklater import LazyString

__all__ = [
    "gettext",
    "lazy_gettext",
    "ngettext",
    "pgettext",
    "lazy_pgettext",
    "_",
    "_l",
    "N_",
    "LazyString",
    "Wording",
    "text_of",
]

_ = gettext
_l = lazy_gettext


def N_(message: str) -> str:
    """Marks a message for translation where it is translated later by `gettext` (Flask-Login's flash)."""
    return message


DEFAULT_LANGUAGE = "en"
# Each language the product speaks, named in itself: how a reader finds their own in the switcher.
LANGUAGES = {
    "en": "English",
    "es": "Español",
    "el": "Ελληνικά",
    "pl": "Polski",
    "it": "Italiano",
}


def is_language(code: str | None) -> bool:
    return code in LANGUAGES


def current_language() -> str:
    """The language of this request or of the `in_language` block around it; English outside the app."""
    if not has_app_context():
        return DEFAULT_LANGUAGE
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT_LANGUAGE


def in_language(code: str | None):
    """A block whose messages, dates and numbers are in `code` (the stored language of the person it is for)."""
    return force_locale(code if is_language(code) else DEFAULT_LANGUAGE)


# A text made for someone later, in their language: a plain str (used as it is), a lazy message
# (`_l("Hello %(name)s", name=...)`) or a function that builds the text with `_()` when it is called.
Wording = str | LazyString | Callable[[], str]


def text_of(wording: "Wording | None") -> str | None:
    """The wording as a str in the language of the moment (call it inside `in_language(...)`)."""
    if wording is None:
        return None
    if callable(wording) and not isinstance(wording, str | LazyString):
        return str(wording())
    return str(wording)


def country_name(code: str | None, stored: str = "") -> str:
    """A partner's country in the reader's language, when its stored name is the usual English one for its
    ISO code ("Spain" for ES → "España"); any other stored name is shown as it is."""
    code = (code or "").upper()
    if stored and Locale("en").territories.get(code) != stored:
        return stored
    return Locale.parse(current_language()).territories.get(code, stored or code)


def format_number(value, digits: int = 1, grouped: bool = True) -> str:
    """A number as the reader writes it: 62.5 → "62,5" in es/el/pl/it; at most `digits` decimals.
    Ungrouped for a form's input, where "1.000" would read back as one in `parse_number`."""
    if value is None:
        return ""
    pattern = ("#,##0" if grouped else "0") + ("." + "#" * digits if digits else "")
    return babel_format_decimal(value, format=pattern)


def format_percent(value, digits: int = 0) -> str:
    """A share of 1 as a percentage in the reader's way: 0.625 → "62,5 %" in es, "62.5%" in en."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return babel_format_percent(value, format=pattern)


def parse_number(text: str, language: str | None = None) -> Decimal:
    """A number typed in the reader's language ("62,5" or "1.140" in es/el/pl/it) or the English way.

    Where the language writes a decimal comma, full stops that group thousands ("1.140", "1.000,5")
    are grouping; any other full stop is a decimal point (a grade "62.5" typed on a Spanish page means
    62.5). Spaces (the Polish grouping) are ignored. Raises ValueError when no number is found.
    """
    typed = "".join(text.split())
    if not typed:
        raise ValueError("empty")
    if get_decimal_symbol(language or current_language()) == ",":
        typed = _comma_decimal_to_point(typed)
    try:
        return parse_decimal(typed, locale="en", strict=True)
    except (NumberFormatError, InvalidOperation) as error:
        raise ValueError(str(error)) from None


_GROUPED_WITH_STOPS = re.compile(r"[-+]?\d{1,3}(\.\d{3})+(,\d*)?")


def _comma_decimal_to_point(typed: str) -> str:
    if _GROUPED_WITH_STOPS.fullmatch(typed):
        return typed.replace(".", "").replace(",", ".")
    if "," in typed and "." not in typed:
        return typed.replace(",", ".")
    return typed
