"""Tables out as CSV and XLSX, safe to open in a spreadsheet.

A text cell that starts with = + - @ (or a tab / carriage return) would be run as a formula by
Excel or LibreOffice; such cells are prefixed with an apostrophe (OWASP's advice). Numbers stay
numbers and dates stay dates in XLSX; in CSV, dates are ISO 8601.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from flask import Response
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell value with any formula trigger defused; non-text values are returned as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(neutralise(value))


def to_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def _xlsx_cell(value):
    if isinstance(value, datetime):
        # Excel has no time zones: write the wall-clock time in UTC, as the header says.
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    return neutralise(value)


def to_xlsx(headers: Sequence[str], rows: Iterable[Sequence], sheet_title: str = "Data") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_xlsx_cell(value) for value in row])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(50, len(str(header)) + 4))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Response:
    # A BOM so that Excel opens UTF-8 (accents, Greek) correctly.
    body = "\ufeff" + to_csv(headers, rows)
    return Response(body, mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence],
                  sheet_title: str = "Data") -> Response:
    return Response(to_xlsx(headers, rows, sheet_title),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'})
