"""Input no database can store, refused at the door with a 400 or a 404 instead of a 500 later.

- URL ids beyond PostgreSQL's `integer` (and SQLite's 64-bit) range match no route (404).
- Numbers in the query string (`?category=`, `?survey=`…) are held to the same range: anything else is a 400.
- Text with NUL characters (PostgreSQL refuses them in text columns) is a 400; an uploaded file whose
  text is stored (GIFT, CSV) is held to the same rule by its importer, which names the line (`nul_line`).
"""

import re

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

from .i18n import gettext as _

MAX_ID = 2**31 - 1
NUL = "\x00"
LINE_BREAK = re.compile(r"\r\n|\r|\n")


class IdConverter(IntegerConverter):
    """`<int:…>` with an upper bound: an id no row can have is simply not found."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002 (werkzeug's names)
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=MAX_ID if max is None else max, signed=signed)


def parse_id(text: str | None) -> int | None:
    """An id typed by the client: ASCII digits within range, else None (`"²".isdigit()` is true, too)."""
    if not text or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= MAX_ID else None


def int_arg(name: str) -> int | None:
    """An optional id or count from the query string: None when absent or blank, a 400 with the reason when it
    is not a whole number from 0 to MAX_ID (a larger one would overflow PostgreSQL's integer in the query)."""
    text = request.args.get(name, "").strip()
    if not text:
        return None
    number = parse_id(text)
    if number is None:
        abort(400, _("?%(name)s= must be a whole number from 0 to %(max)d.", name=name, max=MAX_ID))
    return number


def nul_line(text: str) -> int | None:
    """The line (from 1) of the first NUL character of a text, or None when it has none."""
    index = text.find(NUL)
    return None if index < 0 else len(LINE_BREAK.findall(text, 0, index)) + 1


def _has_nul(values) -> bool:
    return any(NUL in key or NUL in value for key, value in values)


def install_input_guards(app: Flask) -> None:
    """Call before blueprints are registered, so that their rules use the bounded converter."""
    app.url_map.converters["int"] = IdConverter

    @app.before_request
    def refuse_nul_characters():
        view_args = ((name, value) for name, value in (request.view_args or {}).items() if isinstance(value, str))
        if _has_nul(view_args) or _has_nul(request.args.items(multi=True)) or _has_nul(request.form.items(multi=True)):
            abort(400, _("Text containing NUL characters is refused."))
