"""Reading a CSV export as spreadsheets in the partners' locales do: split on `,`, `;` or tab."""

import csv
import io

DELIMITERS = (",", ";", "\t")
FORMULA_START = ("=", "+", "-", "@")
# What a spreadsheet may drop before reading a cell: white space (tab and CR are OWASP's triggers for this
# reason) and quotes.
DROPPED = ' \t\r\n"'

# Text as the partners' staff, and attackers, type it into names and titles.
FORMULA_PAYLOADS = (
    "Eleni;=1+1;@SUM(1+1)",
    '=HYPERLINK("http://evil.example","x")',
    "+1+2",
    "-3+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "Núñez, José;=1+1",
    "a\t=1+1",
    "a\n=1+1",
    "a\r\n@SUM(1)",
    "a; =1+1",
    'a;"=1+1"',
    'x,"=1";@y',
    "a,-2+3",
    "=1;=2;=3",
    "  =1+1",
    '"=1+1"',
    "a;\t=1",
    "Κώστας;+30 210 1234567",
    "Żółć;-SUM(1)",
)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def formula_cells(text: str) -> list[tuple[str, str]]:
    """(delimiter, cell) for every text cell a spreadsheet would run as a formula, for each delimiter: cells that
    start with = + - or @, past any white space and quotes, and are not numbers."""
    found = []
    for delimiter in DELIMITERS:
        for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter):
            found += [
                (delimiter, cell)
                for cell in row
                if cell.lstrip(DROPPED).startswith(FORMULA_START) and not _is_number(cell)
            ]
    return found
