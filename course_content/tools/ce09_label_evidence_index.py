"""Evidence index for an ESCA/EUCLES label assessment: evidence per indicator and area, status and owner, with a readiness summary."""

from openpyxl.styles import Font
from sheet_styles import BOLD, INPUT_FILL, WRAP, header, how_to_lines, list_validation

COURSE = "CE09"
FILE = "label-evidence-index.xlsx"  # written to course_content/courses/CE09/media/label-evidence-index.xlsx


AREAS = [
    "Structure of the cluster",
    "Management and governance",
    "Financing",
    "Strategy and services",
    "Contacts and interaction",
    "Achievements and recognition",
]
STATUSES = ["Ready", "Needs update", "Missing"]
SCORES = ["Met", "Partly met", "Not met"]
YES_NO = ["Yes", "No"]

COLUMNS = [
    ("Area", 24),
    ("Indicator (use the wording of the current ESCA list)", 36),
    ("Main evidence document", 34),
    ("Further evidence", 28),
    ("Owner", 16),
    ("Where it is kept", 22),
    ("Dated and approved?", 11),
    ("Status", 13),
    ("Self-score", 12),
    ("Action needed (what, by when)", 34),
]

# Example data: the fictional Monviso BioDistrict (Cuneo, Piedmont). Invented for teaching.
# The indicator wordings are examples for practice, not ESCA's official list.
ROWS = [
    (
        "Structure of the cluster",
        "Member base and its composition documented",
        "Member register by category (SME, large firm, research, public)",
        "General assembly minutes",
        "Office manager",
        "CRM export, folder 1.1",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Structure of the cluster",
        "Research and education partners actively involved",
        "Cooperation agreements with the research park and two universities",
        "Joint project list",
        "Cluster manager",
        "Folder 1.2",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Structure of the cluster",
        "Geographical concentration described",
        "Map of members by municipality",
        "",
        "Office manager",
        "Folder 1.3",
        "No",
        "Needs update",
        "Partly met",
        "Update the map with this year's members (month 1)",
    ),
    (
        "Management and governance",
        "Staff qualifications and development",
        "Staff CVs and training plan",
        "Training certificates",
        "Cluster manager",
        "Folder 2.1",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Management and governance",
        "Members take part in decisions",
        "Statutes and board rules",
        "Working group minutes",
        "Cluster manager",
        "Folder 2.2",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Management and governance",
        "Roles and responsibilities are written down",
        "Organisation chart and job descriptions",
        "",
        "Cluster manager",
        "Folder 2.3",
        "No",
        "Needs update",
        "Partly met",
        "Board to approve updated job descriptions (month 2)",
    ),
    (
        "Financing",
        "Sustainable financing model",
        "Three-year financial plan",
        "Annual accounts, last two years",
        "Finance officer",
        "Folder 3.1",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Financing",
        "Share of own income (fees, paid services)",
        "Income breakdown by source",
        "Fee schedule adopted by the assembly",
        "Finance officer",
        "Folder 3.2",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Financing",
        "Budget linked to the action plan",
        "Budget with one line per strategic objective",
        "",
        "Finance officer",
        "Folder 3.3",
        "No",
        "Missing",
        "Not met",
        "Rebuild the budget by objective with the board (month 4)",
    ),
    (
        "Strategy and services",
        "Strategy developed with the members",
        "Strategy document",
        "Attendance lists and results of member workshops",
        "Cluster manager",
        "Folder 4.1",
        "No",
        "Missing",
        "Not met",
        "Run two member workshops and minute them (months 1-3)",
    ),
    (
        "Strategy and services",
        "Strategy based on analysis",
        "Member survey and value-chain analysis",
        "Regional smart specialisation references",
        "Cluster manager",
        "Folder 4.2",
        "Yes",
        "Needs update",
        "Partly met",
        "Add last year's survey results (month 2)",
    ),
    (
        "Strategy and services",
        "Strategy turned into an action plan and KPIs",
        "Action plan",
        "KPI handbook",
        "Cluster manager",
        "Folder 4.3",
        "No",
        "Needs update",
        "Partly met",
        "Link each objective to a KPI and owner (month 4)",
    ),
    (
        "Strategy and services",
        "Strategy monitored and revised",
        "Minutes of the yearly strategy review",
        "",
        "Cluster manager",
        "Folder 4.4",
        "No",
        "Missing",
        "Not met",
        "Hold and minute a board strategy review (month 5)",
    ),
    (
        "Strategy and services",
        "Services match members' needs",
        "Service catalogue with usage figures",
        "Evaluation plans (four levels)",
        "Services manager",
        "Folder 4.5",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Contacts and interaction",
        "Regular communication with members",
        "Communication plan",
        "Newsletter archive",
        "Communications officer",
        "Folder 5.1",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Contacts and interaction",
        "Members cooperate with each other",
        "List of member-to-member projects",
        "Matchmaking records",
        "Services manager",
        "Folder 5.2",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Contacts and interaction",
        "International links",
        "International agreements and missions",
        "EU project list",
        "Cluster manager",
        "Folder 5.3",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Achievements and recognition",
        "Results documented with evidence",
        "Three success stories with data",
        "Member testimonials",
        "Communications officer",
        "Folder 6.1",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Achievements and recognition",
        "Member satisfaction measured",
        "Yearly member survey results",
        "",
        "Services manager",
        "Folder 6.2",
        "Yes",
        "Ready",
        "Met",
        "",
    ),
    (
        "Achievements and recognition",
        "Visibility in media and policy",
        "Press review",
        "Invitations to regional policy groups",
        "Communications officer",
        "Folder 6.3",
        "No",
        "Missing",
        "Not met",
        "Compile the press review (month 2)",
    ),
]
EXTRA_ROWS = 40


def _how_to_use(ws):
    lines = [
        ("Evidence index for a cluster management excellence label (course CE09, lesson 5)", True),
        ("", False),
        (
            "What it is for: one index that maps every indicator of the label assessment to the documents "
            "that prove it, who owns them, whether they are ready, and how you rate yourself.",
            False,
        ),
        ("", False),
        (
            "Sheet 'Evidence index': one row per indicator. Use the indicator wording of the current list that "
            "ESCA provides; the example rows are practice wordings, not ESCA's official list. Fill the yellow "
            "cells; Area, Dated and approved?, Status and Self-score have drop-down lists.",
            False,
        ),
        (
            "Status: Ready = dated, final, owned and retrievable; Needs update = exists but is out of date or "
            "not approved; Missing = no document yet.",
            False,
        ),
        ("", False),
        (
            "Sheet 'Readiness': computed by formulas. Per area it counts the indicators and their status and "
            "estimates a self-score with the convention Met = 1, Partly met = 0.5, Not met = 0. This is your "
            "own estimate, not ESCA's scoring formula: no weighting of the areas is published. Compare it with "
            "the 80 % a Gold label requires and keep a safety margin (yellow cells).",
            False,
        ),
        ("It also counts items without an owner and documents not dated and approved: fix those first.", False),
        ("", False),
        (
            "Example data: the Monviso BioDistrict (Cuneo, Piedmont) is a fictional cluster; all its entries are "
            "invented for teaching. Replace them with your own.",
            False,
        ),
        ("Yellow cells = your input. Bold cells = results computed by formulas; do not type over them.", False),
    ]
    how_to_lines(ws, lines)


def _index(ws):
    header(ws, 1, [title for title, _ in COLUMNS])
    for col, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    for r, values in enumerate(ROWS, start=2):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value if value != "" else None)
            cell.fill = INPUT_FILL
            cell.alignment = WRAP
    last = len(ROWS) + 1 + EXTRA_ROWS
    for r in range(len(ROWS) + 2, last + 1):
        for c in range(1, len(COLUMNS) + 1):
            ws.cell(row=r, column=c).fill = INPUT_FILL
    list_validation(ws, AREAS, f"A2:A{last}")
    list_validation(ws, YES_NO, f"G2:G{last}")
    list_validation(ws, STATUSES, f"H2:H{last}")
    list_validation(ws, SCORES, f"I2:I{last}")
    ws.freeze_panes = "C2"
    return last


def _readiness(ws, last):
    idx = "'Evidence index'!"
    area = f"{idx}$A$2:$A${last}"
    owner = f"{idx}$E$2:$E${last}"
    dated = f"{idx}$G$2:$G${last}"
    status = f"{idx}$H$2:$H${last}"
    score = f"{idx}$I$2:$I${last}"

    widths = {"A": 30, "B": 12, "C": 10, "D": 13, "E": 10, "F": 11, "G": 8, "H": 13, "I": 9, "J": 14}
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    ws.cell(row=1, column=1, value="Readiness by area").font = Font(bold=True, size=12)
    header(
        ws,
        2,
        [
            "Area",
            "Indicators",
            "Ready",
            "Needs update",
            "Missing",
            "% ready",
            "Met",
            "Partly met",
            "Not met",
            "Self-score estimate",
        ],
    )
    first = 3
    for i, name in enumerate(AREAS):
        r = first + i
        ws.cell(row=r, column=1, value=name)
        formulas = [
            f"=COUNTIF({area},A{r})",
            f'=COUNTIFS({area},A{r},{status},"Ready")',
            f'=COUNTIFS({area},A{r},{status},"Needs update")',
            f'=COUNTIFS({area},A{r},{status},"Missing")',
            f'=IF(B{r}=0,"",C{r}/B{r})',
            f'=COUNTIFS({area},A{r},{score},"Met")',
            f'=COUNTIFS({area},A{r},{score},"Partly met")',
            f'=COUNTIFS({area},A{r},{score},"Not met")',
            f'=IF((G{r}+H{r}+I{r})=0,"",(G{r}+0.5*H{r})/(G{r}+H{r}+I{r}))',
        ]
        for c, formula in enumerate(formulas, start=2):
            cell = ws.cell(row=r, column=c, value=formula)
            cell.font = BOLD
            if c in (6, 10):
                cell.number_format = "0%"
    end = first + len(AREAS) - 1
    total = end + 1
    ws.cell(row=total, column=1, value="All areas").font = BOLD
    for c, letter in enumerate("BCDEFGHIJ", start=2):
        if letter == "F":
            value = f"=IF(B{total}=0,0,C{total}/B{total})"
        elif letter == "J":
            value = f"=IF((G{total}+H{total}+I{total})=0,0,(G{total}+0.5*H{total})/(G{total}+H{total}+I{total}))"
        else:
            value = f"=SUM({letter}{first}:{letter}{end})"
        cell = ws.cell(row=total, column=c, value=value)
        cell.font = BOLD
        if letter in "FJ":
            cell.number_format = "0%"

    r = total + 2
    ws.cell(row=r, column=1, value="Decision").font = Font(bold=True, size=12)
    ws.cell(row=r + 1, column=1, value="Score a Gold label requires")
    required = ws.cell(row=r + 1, column=2, value=0.8)
    required.fill = INPUT_FILL
    required.number_format = "0%"
    ws.cell(row=r + 2, column=1, value="Safety margin you want above it")
    margin = ws.cell(row=r + 2, column=2, value=0.05)
    margin.fill = INPUT_FILL
    margin.number_format = "0%"
    ws.cell(row=r + 3, column=1, value="Your self-score estimate")
    est = ws.cell(row=r + 3, column=2, value=f"=J{total}")
    est.font = BOLD
    est.number_format = "0%"
    ws.cell(row=r + 4, column=1, value="Verdict")
    verdict = ws.cell(
        row=r + 4,
        column=2,
        value=(
            f'=IF(B{r + 3}>=B{r + 1}+B{r + 2},"Apply: estimate above the line with margin",'
            f'IF(B{r + 3}>=B{r + 1},"Borderline: close the gaps first",'
            f'"Not yet: postpone and work on the gaps"))'
        ),
    )
    verdict.font = BOLD
    ws.cell(row=r + 5, column=1, value="Area with the lowest self-score")
    weakest = ws.cell(
        row=r + 5,
        column=2,
        value=f"=INDEX(A{first}:A{end},MATCH(MIN(J{first}:J{end}),J{first}:J{end},0))",
    )
    weakest.font = BOLD

    q = r + 7
    ws.cell(row=q, column=1, value="Housekeeping").font = Font(bold=True, size=12)
    checks = [
        ("Indicators with no owner", f'=COUNTIFS({area},"<>",{owner},"")'),
        ("Documents not dated and approved", f'=COUNTIFS({area},"<>",{dated},"No")'),
        ("Indicators with no status", f'=COUNTIFS({area},"<>",{status},"")'),
        ("Indicators with no self-score", f'=COUNTIFS({area},"<>",{score},"")'),
    ]
    for i, (label, formula) in enumerate(checks, start=q + 1):
        ws.cell(row=i, column=1, value=label)
        cell = ws.cell(row=i, column=2, value=formula)
        cell.font = BOLD


def build(workbook) -> None:
    """Fill an empty openpyxl Workbook: an 'How to use' sheet first, then the tool's sheets."""
    _how_to_use(workbook.create_sheet("How to use"))
    last = _index(workbook.create_sheet("Evidence index"))
    _readiness(workbook.create_sheet("Readiness"), last)
