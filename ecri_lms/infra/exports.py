"""Tables out as CSV and XLSX, safe to open in a spreadsheet.

A text cell that starts with = + - @ (or a tab / carriage return) would be run as a formula by Excel or
LibreOffice; such cells are prefixed with an apostrophe (OWASP's advice). In CSV that is not enough: a
spreadsheet set to another delimiter (`;` in Spain, Greece, Poland and Italy, or tab) cuts a cell such as
`Eleni;=1+1` in two, and the second piece is a formula. So in CSV every piece a reader could start at
(after ; tab or a line break, past white space and quotes) that would start with a trigger gets the
apostrophe too, and a line never starts with a negative number. Numbers (negative ones included) stay
numbers, and dates stay dates in XLSX; in CSV, dates are ISO 8601. Every CSV goes through `csv_lines`, a
row at a time, so an export of any size is streamed in constant memory.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import chain

from flask import Response, stream_with_context
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .extensions import db
from .i18n import gettext as _

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_BATCH = 1000  # rows fetched from the database at a time by a streamed export
# The start of the text, or a character after which a reader with another delimiter starts a new cell
# (; tab, line breaks; a comma inside a cell is quoted, so comma readers never split there), when what
# follows, past white space and quotes (which readers may drop), is = + - or @; and, as for any cell, a
# tab or carriage return at the very start.
_PIECE_STARTING_A_FORMULA = re.compile(r'(^|[;\t\r\n])(?=[\s"]*[=+\-@])|^(?=[\t\r])')


def neutralise(value):
    """The cell value with a formula trigger at its start defused; non-text values are returned as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_every_piece(text: str) -> str:
    """The text with an apostrophe wherever a reader, whatever its delimiter, could start a formula cell."""
    return _PIECE_STARTING_A_FORMULA.sub(r"\1'", text)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise_every_piece(str(value))


def stream_query(query, *, scalars: bool = False) -> Iterator:
    """The query's rows (or first column), fetched a batch at a time once iteration starts, the cursor closed
    when it ends or is abandoned (a client that hangs up). Build the query, with its permission checks, first."""
    result = db.session.execute(query.execution_options(yield_per=EXPORT_BATCH))
    try:
        yield from (result.scalars() if scalars else result)
    finally:
        result.close()


def _csv_row(row: Sequence) -> list[str]:
    cells = [_csv_cell(value) for value in row]
    if cells and cells[0].startswith("-"):
        # Split on ; or tab, a line is one cell up to its first ; and `-1,5+X(…)` would be a formula: a
        # negative number never starts a line (no export has one first; this keeps a future one safe).
        cells[0] = "'" + cells[0]
    return cells


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV text (comma-separated, CRLF line ends), one row at a time: rows are read as it is consumed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in chain([[str(header) for header in headers]], rows):
        writer.writerow(_csv_row(row))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _xlsx_cell(value):
    if isinstance(value, datetime):
        # Excel has no time zones: write the wall-clock time in UTC, as the header says.
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    return neutralise(value)


@dataclass(frozen=True)
class Sheet:
    """A further sheet of a workbook (definitions, notes): its title, headers and rows."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence]


def _fill(sheet, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    headers = [str(header) for header in headers]  # lazy messages (`_l("Trainee")`) read in the reader's language
    sheet.append(headers)
    for row in rows:
        sheet.append([_xlsx_cell(value) for value in row])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(50, len(str(header)) + 4))
    sheet.freeze_panes = "A2"


def to_xlsx(
    headers: Sequence[str], rows: Iterable[Sequence], sheet_title: str | None = None, more: Sequence[Sheet] = ()
) -> bytes:
    """The workbook; headers and sheet titles may be lazy messages, read in the language of the moment."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(_("Data") if sheet_title is None else sheet_title)
    _fill(sheet, headers, rows)
    for extra in more:
        _fill(workbook.create_sheet(_sheet_title(extra.title)), extra.headers, extra.rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_NOT_IN_SHEET_TITLES = str.maketrans({character: " " for character in "[]:*?/\\"})


def _sheet_title(title) -> str:
    """A title Excel accepts: at most 31 characters, none of [ ] : * ? / \\ (a translation may hold one)."""
    return " ".join(str(title).translate(_NOT_IN_SHEET_TITLES).split())[:31] or _("Data")


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """The download of a CSV file, streamed as its rows are read (call it while handling the request)."""
    # A BOM so that Excel opens UTF-8 (accents, Greek) correctly.
    body = chain(["\ufeff"], csv_lines(headers, rows))
    return Response(
        stream_with_context(body),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


def xlsx_response(
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    sheet_title: str | None = None,
    more: Sequence[Sheet] = (),
) -> Response:
    return Response(
        to_xlsx(headers, rows, sheet_title, more),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'},
    )
