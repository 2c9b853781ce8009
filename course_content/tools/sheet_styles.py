"""What the curriculum's tools share: the look of input, header and result cells, drop-down lists and the
how-to sheet."""

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

INPUT_FILL = PatternFill(start_color="FFFFF2CC", end_color="FFFFF2CC", fill_type="solid")
HEADER_FILL = PatternFill(start_color="FFD9E1F2", end_color="FFD9E1F2", fill_type="solid")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def header(ws, row: int, titles: list[str]) -> None:
    """A bold, shaded, wrapping header row."""
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAP


def how_to_lines(ws, lines: list[tuple[str, bool]]) -> None:
    """The how-to sheet's text, one line a row in a wide first column; (text, True) is a heading."""
    ws.column_dimensions["A"].width = 110
    for row, (text, heading) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = Font(bold=True, size=13)


def list_validation(ws, values: list[str], cells: str) -> None:
    """A drop-down of `values` on `cells` (blank allowed)."""
    validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    validation.add(cells)
    ws.add_data_validation(validation)
