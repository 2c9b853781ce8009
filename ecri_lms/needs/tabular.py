"""Reading an uploaded table, CSV or XLSX, into text cells with the line number of every row.

CSV may be comma- or semicolon-separated (what spreadsheets in Spain, Italy, Poland and Greece
write), UTF-8 with or without a byte-order mark. XLSX is recognised by its content (a ZIP), not by
the file name. Rows whose cells are all empty are skipped; line numbers stay those of the file.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..infra.archives import ArchiveTooLarge, check_unpacked_size
from ..infra.i18n import gettext as _
from ..infra.input_guards import NUL

ZIP_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 16 * 1024


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)


class TableError(Exception):
    """The file cannot be read as a table; the message says why, and the line when one line is to blame."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message if line is None else _("line %(line)d: %(reason)s", line=line, reason=message))
        self.message, self.line = message, line


def read_table(data: bytes) -> Table:
    """The table in a CSV or XLSX file; the first non-empty row is the header."""
    rows = _xlsx_rows(data) if data.startswith(ZIP_MAGIC) else _csv_rows(data)
    _refuse_nul(rows)
    filled = [(line, cells) for line, cells in rows if any(cells)]
    if not filled:
        raise TableError(_("The file is empty."))
    (_first_line, header), *body = filled
    if not body:
        raise TableError(_("The file has a header but no data rows."))
    return Table(header=header, rows=body)


def _refuse_nul(rows: list[tuple[int, list[str]]]) -> None:
    """A NUL character in a cell is refused as in a form field (PostgreSQL cannot store it in text)."""
    line = next((line for line, cells in rows if any(NUL in cell for cell in cells)), None)
    if line is not None:
        raise TableError(_("a NUL character: the file is not plain text, or is damaged."), line)


def _text(value) -> str:
    """A spreadsheet cell as the text a person would read in it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).strip()


# What openpyxl raises on a damaged workbook, when opening it or while reading its rows.
UNREADABLE_XLSX = (
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    OSError,
    EOFError,
    IndexError,
    ParseError,
    InvalidFileException,
)


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        check_unpacked_size(zipfile.ZipFile(io.BytesIO(data)))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ArchiveTooLarge as error:
        raise TableError(str(error)) from error
    except UNREADABLE_XLSX as error:
        raise TableError(_("The file looks like a spreadsheet but cannot be read as XLSX.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_text(value) for value in row])
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except UNREADABLE_XLSX as error:
        raise TableError(_("The spreadsheet is damaged and cannot be read.")) from error
    finally:
        workbook.close()


def _dialect(text: str):
    sample = text[:SNIFF_BYTES]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;")
    except csv.Error:
        first_line = sample.split("\n", 1)[0]
        return csv.excel if first_line.count(",") >= first_line.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(_("The file is neither XLSX nor UTF-8 text: save it as 'CSV UTF-8' or as XLSX.")) from error
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    rows: list[tuple[int, list[str]]] = []
    previous_line = 0
    try:
        for cells in reader:
            rows.append((previous_line + 1, [cell.strip() for cell in cells]))
            previous_line = reader.line_num
    except csv.Error as error:
        raise TableError(str(error), previous_line + 1) from error
    return rows
