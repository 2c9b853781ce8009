"""Location-quotient screening: specialisation by segment, its sensitivity to one employer and its trend (CE01, lesson 5)."""

from openpyxl.styles import Font, PatternFill

COURSE = "CE01"
FILE = "lq-screening.xlsx"

INPUT = PatternFill("solid", start_color="FFF2CC")
BOLD = Font(bold=True)
# Example data: the catchment screened by the fictional Thermaikos MedTech Cluster (invented figures).
# (segment, region, reference area, jobs in the region's largest employer in the segment)
SEGMENTS = (
    ("Pharmaceuticals (NACE 21)", 750, 9000, 420),
    ("Medical devices (NACE Rev. 2: 26.60, 32.50)", 900, 5000, 260),
    ("Biotech R&D (NACE Rev. 2: 72.11; Rev. 2.1: part of 72.10)", 350, 2000, 120),
    ("(another segment)", None, None, None),
    ("(another segment)", None, None, None),
)
FIRST, LAST = 6, 6 + len(SEGMENTS) - 1


def _how_to_use(workbook) -> None:
    sheet = workbook.create_sheet("How to use")
    lines = (
        "Location-quotient screening (CE01, lesson 5: Screening a cluster initiative)",
        "",
        "1. On 'LQ by segment', type the region's and the reference area's total employment (yellow cells).",
        "2. Type each segment's employment in the region and in the reference area (the country or the EU).",
        "3. Read the LQ: 1 = the reference share; above 1 relatively specialised; 2 or more marked specialisation.",
        "4. Type the jobs of the region's largest employer in each segment: column I shows the LQ without it.",
        "   If the LQ falls below 1 or halves without one employer, the 'specialisation' is one firm, not a cluster.",
        "5. On 'Trend', type the same totals for an earlier year to see whether the region is specialising.",
        "",
        "The example figures are invented for the fictional Thermaikos MedTech Cluster; they are not official statistics.",
        "Use one NACE revision for the region, the reference area and both years: NACE Rev. 2.1",
        "(Commission Delegated Regulation (EU) 2023/137) merges Rev. 2 class 72.11 (biotech R&D) into 72.10.",
        "Headquarter effects: check that a large employer's jobs are counted where the work is done.",
        "Small numbers: below 100 jobs one firm opening or closing can move an LQ a lot; the sheet warns.",
        "The European Cluster Observatory measured specialisation against Europe, not the country:",
        "say which reference area you use, because the same region can score differently against each.",
    )
    for row, text in enumerate(lines, start=1):
        sheet.cell(row, 1, text)
    sheet["A1"].font = BOLD
    sheet.column_dimensions["A"].width = 110


def _segments(workbook) -> None:
    sheet = workbook.create_sheet("LQ by segment")
    sheet["A1"], sheet["A1"].font = "Location quotient by segment", BOLD
    sheet["A2"], sheet["B2"] = "Total employment in the region", 250000
    sheet["A3"], sheet["B3"] = "Total employment in the reference area", 4000000
    for cell in ("B2", "B3"):
        sheet[cell].fill = INPUT
    headers = (
        "Segment",
        "Region",
        "Reference area",
        "Share of region",
        "Share of reference",
        "LQ",
        "Reading",
        "Largest employer (jobs)",
        "LQ without it",
    )
    for column, header in enumerate(headers, start=1):
        sheet.cell(FIRST - 1, column, header).font = BOLD
    for row, (name, region, reference, largest) in enumerate(SEGMENTS, start=FIRST):
        sheet.cell(row, 1, name).fill = INPUT
        sheet.cell(row, 2, region).fill = INPUT
        sheet.cell(row, 3, reference).fill = INPUT
        sheet.cell(row, 4, f'=IF(B{row}="","",B{row}/$B$2)').number_format = "0.00%"
        sheet.cell(row, 5, f'=IF(C{row}="","",C{row}/$B$3)').number_format = "0.000%"
        sheet.cell(row, 6, f'=IF(OR(B{row}="",C{row}=""),"",D{row}/E{row})').number_format = "0.00"
        sheet.cell(row, 7, _reading(row))
        sheet.cell(row, 8, largest).fill = INPUT
        without = sheet.cell(
            row,
            9,
            f'=IF(OR(B{row}="",C{row}="",H{row}=""),"",((B{row}-H{row})/($B$2-H{row}))/((C{row}-H{row})/($B$3-H{row})))',
        )
        without.number_format = "0.00"
    total = LAST + 1
    sheet.cell(total, 1, "All segments").font = BOLD
    sheet.cell(total, 2, f"=SUM(B{FIRST}:B{LAST})")
    sheet.cell(total, 3, f"=SUM(C{FIRST}:C{LAST})")
    sheet.cell(total, 4, f"=B{total}/$B$2").number_format = "0.00%"
    sheet.cell(total, 5, f"=C{total}/$B$3").number_format = "0.000%"
    lq = sheet.cell(total, 6, f"=D{total}/E{total}")
    lq.number_format, lq.font = "0.00", BOLD
    sheet.cell(total, 7, _reading(total))
    sheet.cell(total + 2, 1, "Region's share of the reference area's jobs in these segments")
    sheet.cell(total + 2, 4, f"=B{total}/C{total}").number_format = "0.0%"
    sheet.cell(total + 3, 1, "Region's share of all the reference area's jobs")
    sheet.cell(total + 3, 4, "=B2/B3").number_format = "0.0%"
    sheet.cell(total + 4, 1, "Column I removes the largest employer from the region and from the reference area.")
    sheet.column_dimensions["A"].width = 58
    for column in "BCDEFHI":
        sheet.column_dimensions[column].width = 16
    sheet.column_dimensions["G"].width = 48


def _reading(row: int) -> str:
    return (
        f'=IF(F{row}="","",IF(B{row}<100,"small numbers: read with care; ","")'
        f'&IF(F{row}>=2,"marked specialisation",IF(F{row}>1,"relatively specialised","under-represented")))'
    )


def _trend(workbook) -> None:
    sheet = workbook.create_sheet("Trend")
    sheet["A1"], sheet["A1"].font = "Is the region specialising? Two points in time", BOLD
    sheet["A2"] = "Both years must use the same NACE revision and the same boundary of the region."
    for column, header in enumerate(("", "Earlier year", "Latest year", "Growth"), start=1):
        sheet.cell(3, column, header).font = BOLD
    rows = (
        ("Field employment in the region", 1600, f"='LQ by segment'!B{LAST + 1}"),
        ("Total employment in the region", 240000, "='LQ by segment'!B2"),
        ("Field employment in the reference area", 15200, f"='LQ by segment'!C{LAST + 1}"),
        ("Total employment in the reference area", 3900000, "='LQ by segment'!B3"),
    )
    for row, (label, earlier, latest) in enumerate(rows, start=4):
        sheet.cell(row, 1, label)
        sheet.cell(row, 2, earlier).fill = INPUT
        sheet.cell(row, 3, latest)
        sheet.cell(row, 4, f"=C{row}/B{row}-1").number_format = "0.0%"
    sheet["A9"], sheet["B9"], sheet["C9"] = "LQ", "=(B4/B5)/(B6/B7)", "=(C4/C5)/(C6/C7)"
    sheet["B9"].number_format = sheet["C9"].number_format = "0.00"
    sheet["A10"] = "Reading"
    sheet["B10"] = (
        '=IF(AND(C9>B9,D4>D6),"specialising: the field grows faster than in the reference area",'
        'IF(C9>B9,"LQ up, but check: the field may be shrinking more slowly than elsewhere",'
        '"not specialising: the region loses weight in the field"))'
    )
    sheet["A10"].font = sheet["B10"].font = BOLD
    sheet.column_dimensions["A"].width = 42
    for column in "BCD":
        sheet.column_dimensions[column].width = 16


def build(workbook) -> None:
    """The how-to sheet, the LQ by segment (with and without the largest employer) and the trend."""
    _how_to_use(workbook)
    _segments(workbook)
    _trend(workbook)
