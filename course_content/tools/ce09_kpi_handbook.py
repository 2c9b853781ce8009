"""KPI handbook for a cluster organisation: indicators by results-chain level, and a sheet that computes some of them."""

from openpyxl.styles import Font
from sheet_styles import BOLD, INPUT_FILL, WRAP, header, how_to_lines, list_validation

COURSE = "CE09"
FILE = "kpi-handbook.xlsx"  # written to course_content/courses/CE09/media/kpi-handbook.xlsx


LEVELS = ["Input", "Activity", "Output", "Outcome", "Impact"]

HANDBOOK_COLUMNS = [
    ("Level", 11),
    ("KPI", 30),
    ("Strategic objective it serves", 30),
    ("Definition (what counts, what does not)", 42),
    ("Formula", 34),
    ("Data source", 24),
    ("Frequency", 12),
    ("Owner", 16),
    ("Baseline", 10),
    ("Target", 10),
    ("Benchmarking area", 20),
]

# Example data: the fictional Podgórze Diagnostics Network (Kraków). Invented for teaching.
OBJ_MARKET = "O1 Help member SMEs bring more diagnostic tests to the European market under the IVDR"
OBJ_SUSTAIN = "O2 Make the cluster organisation less dependent on project funding"
OBJ_ENGAGE = "O3 Members use the cluster and take part in its decisions"

HANDBOOK_ROWS = [
    (
        "Input",
        "Staff time on regulatory services",
        OBJ_MARKET,
        "Hours logged by staff on IVDR clinics, follow-up calls and advice; excludes project administration",
        "Sum of logged hours in the year",
        "Timesheets",
        "Quarterly",
        "Cluster manager",
        "620",
        "800",
        "Management and governance",
    ),
    (
        "Activity",
        "IVDR clinics held",
        OBJ_MARKET,
        "Half-day sessions with an external regulatory expert and at least 3 member SMEs",
        "Count of clinics in the year",
        "Event records",
        "Quarterly",
        "Services manager",
        "4",
        "6",
        "Services",
    ),
    (
        "Output",
        "SMEs attending IVDR clinics",
        OBJ_MARKET,
        "Distinct member SMEs attending at least one clinic in the year; each SME counted once",
        "Count of distinct SMEs on attendance lists",
        "Attendance records",
        "Quarterly",
        "Services manager",
        "12",
        "25",
        "Services",
    ),
    (
        "Outcome",
        "SMEs with a written regulatory plan",
        OBJ_MARKET,
        "SMEs that show a written plan (classification, route, notified body, timeline) 6 months after a clinic",
        "SMEs with a plan ÷ SMEs that attended",
        "Follow-up call at 6 months",
        "Yearly",
        "Services manager",
        "—",
        "50 %",
        "Services",
    ),
    (
        "Outcome",
        "Applications to a notified body",
        OBJ_MARKET,
        "Applications for conformity assessment filed by SMEs that attended a clinic in the last 24 months",
        "Count of applications reported",
        "Follow-up survey",
        "Yearly",
        "Services manager",
        "2",
        "6",
        "Achievements and recognition",
    ),
    (
        "Impact",
        "Tests placed on the market",
        OBJ_MARKET,
        "New member devices placed on the EU market in the year (shared result: the cluster tracks, does not claim)",
        "Count reported by members",
        "Annual member survey",
        "Yearly",
        "Cluster manager",
        "3",
        "5",
        "Achievements and recognition",
    ),
    (
        "Output",
        "Own income share",
        OBJ_SUSTAIN,
        "Income from member fees and paid services as a share of total income of the cluster organisation",
        "(Fees + paid services) ÷ total income",
        "Annual accounts",
        "Yearly",
        "Finance officer",
        "18 %",
        "30 %",
        "Financing",
    ),
    (
        "Outcome",
        "Leverage of facilitated projects",
        OBJ_SUSTAIN,
        "Funding won by members in projects the cluster helped to set up, per euro of cluster budget",
        "Funding won ÷ cluster budget",
        "Project sheets, CRM",
        "Yearly",
        "Cluster manager",
        "1.4",
        "2.0",
        "Achievements and recognition",
    ),
    (
        "Output",
        "Service reach",
        OBJ_ENGAGE,
        "Members that used at least one service (free or paid) in the year",
        "Members using ≥ 1 service ÷ all members",
        "CRM",
        "Yearly",
        "Services manager",
        "55 %",
        "70 %",
        "Services",
    ),
    (
        "Output",
        "Member participation in governance",
        OBJ_ENGAGE,
        "Members with a seat on the board or active in a working group (attended ≥ 2 meetings)",
        "Active members ÷ all members",
        "Minutes, attendance lists",
        "Yearly",
        "Cluster manager",
        "15 %",
        "25 %",
        "Management and governance",
    ),
    (
        "Outcome",
        "Member satisfaction",
        OBJ_ENGAGE,
        "Mean answer to 'Overall, how satisfied are you with the cluster?' on a 1–5 scale; same wording every year",
        "Mean of survey answers",
        "Annual member survey",
        "Yearly",
        "Communications officer",
        "3.6",
        "4.0",
        "Contacts and interaction",
    ),
]

# Calculator: label, value (input) — the rows are referred to by the formulas below.
CALC_INPUTS = [
    ("All members (end of year)", 80),
    ("SME members", 56),
    ("Members on the board or active in a working group", 12),
    ("Members that used at least one service", 47),
    ("Income from member fees (EUR)", 41000),
    ("Income from paid services (EUR)", 23000),
    ("Total income of the cluster organisation (EUR)", 310000),
    ("Funding won by members in facilitated projects (EUR)", 520000),
    ("Cluster organisation budget (EUR)", 300000),
    ("SMEs that attended an IVDR clinic", 18),
    ("Of those, SMEs with a written regulatory plan at 6 months", 8),
]


def _how_to_use(ws):
    lines = [
        ("KPI handbook for a cluster organisation (course CE09, lesson 2)", True),
        ("", False),
        (
            "What it is for: one place where every key performance indicator of the cluster organisation is "
            "defined once, in writing, from inputs to impact.",
            False,
        ),
        ("", False),
        (
            "Sheet 'KPI handbook': one row per KPI. Fill the yellow cells. Keep 8 to 12 KPIs for the whole "
            "organisation, mix the levels (a few outputs, several outcomes, one or two impact indicators) and "
            "name the strategic objective each KPI serves. A KPI with no objective is a statistic.",
            False,
        ),
        ("Level must be one of: Input, Activity, Output, Outcome, Impact (a drop-down list is provided).", False),
        (
            "Definition: say what counts and what does not, so that next year's figure is counted the same way. "
            "Changing a definition between two benchmarkings makes improvement invisible.",
            False,
        ),
        ("Baseline: leave '—' when there is no figure yet; the first year's figure becomes the baseline.", False),
        ("", False),
        (
            "Sheet 'Calculator': type last year's raw figures in the yellow cells and your targets in the "
            "yellow target column. The bold cells compute six KPIs and compare each with its target.",
            False,
        ),
        ("", False),
        (
            "Example data: the Podgórze Diagnostics Network (Kraków) is a fictional cluster; all its figures "
            "are invented for teaching. Replace them with your own.",
            False,
        ),
        ("Yellow cells = your input. Bold cells = results computed by formulas; do not type over them.", False),
    ]
    how_to_lines(ws, lines)


def _handbook(ws):
    titles = [title for title, _ in HANDBOOK_COLUMNS]
    header(ws, 1, titles)
    for col, (_, width) in enumerate(HANDBOOK_COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    for r, values in enumerate(HANDBOOK_ROWS, start=2):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.fill = INPUT_FILL
            cell.alignment = WRAP
    # Ten empty input rows for the learner's own KPIs.
    last = len(HANDBOOK_ROWS) + 1
    for r in range(last + 1, last + 11):
        for c in range(1, len(HANDBOOK_COLUMNS) + 1):
            ws.cell(row=r, column=c).fill = INPUT_FILL
    list_validation(ws, LEVELS, f"A2:A{last + 10}")
    ws.freeze_panes = "C2"

    # Summary: KPIs per level, computed.
    col = len(HANDBOOK_COLUMNS) + 2
    letter = ws.cell(row=1, column=col).column_letter
    value_letter = ws.cell(row=1, column=col + 1).column_letter
    ws.column_dimensions[letter].width = 16
    ws.column_dimensions[value_letter].width = 12
    ws.cell(row=1, column=col, value="Level").font = BOLD
    ws.cell(row=1, column=col + 1, value="KPIs").font = BOLD
    for i, level in enumerate(LEVELS, start=2):
        ws.cell(row=i, column=col, value=level)
        cell = ws.cell(row=i, column=col + 1, value=f"=COUNTIF($A$2:$A${last + 10},{letter}{i})")
        cell.font = BOLD
    total_row = len(LEVELS) + 2
    ws.cell(row=total_row, column=col, value="Total").font = BOLD
    total = ws.cell(row=total_row, column=col + 1, value=f"=SUM({value_letter}2:{value_letter}{total_row - 1})")
    total.font = BOLD
    ws.cell(row=total_row + 1, column=col, value="Check")
    check = ws.cell(
        row=total_row + 1,
        column=col + 1,
        value=f'=IF({value_letter}{total_row}>12,"Too many KPIs",'
        f'IF({value_letter}{total_row}<8,"Fewer than 8","8 to 12: fine"))',
    )
    check.font = BOLD


def _calculator(ws):
    ws.column_dimensions["A"].width = 58
    ws.column_dimensions["B"].width = 16
    ws.cell(row=1, column=1, value="Inputs: last year's raw figures").font = Font(bold=True, size=12)
    header(ws, 2, ["Figure", "Value"])
    first = 3
    for i, (label, value) in enumerate(CALC_INPUTS):
        row = first + i
        ws.cell(row=row, column=1, value=label)
        cell = ws.cell(row=row, column=2, value=value)
        cell.fill = INPUT_FILL
    ref = {label: f"B{first + i}" for i, (label, _) in enumerate(CALC_INPUTS)}
    r = {
        key: ref[label]
        for key, label in zip(
            ["members", "smes", "active", "users", "fees", "services", "income", "won", "budget", "attended", "plans"],
            [label for label, _ in CALC_INPUTS],
            strict=True,
        )
    }

    start = first + len(CALC_INPUTS) + 2
    ws.cell(row=start - 1, column=1, value="Results").font = Font(bold=True, size=12)
    for col, width in zip("CDE", (14, 16, 40), strict=True):
        ws.column_dimensions[col].width = width
    header(ws, start, ["KPI", "Result", "Target", "Status", "Formula in words"])
    kpis = [
        (
            "SME share of members",
            f"=IF({r['members']}=0,0,{r['smes']}/{r['members']})",
            0.6,
            "SME members ÷ all members",
            "0%",
        ),
        (
            "Member participation in governance",
            f"=IF({r['members']}=0,0,{r['active']}/{r['members']})",
            0.25,
            "Active members ÷ all members",
            "0%",
        ),
        (
            "Service reach",
            f"=IF({r['members']}=0,0,{r['users']}/{r['members']})",
            0.7,
            "Members using ≥ 1 service ÷ all members",
            "0%",
        ),
        (
            "Own income share",
            f"=IF({r['income']}=0,0,({r['fees']}+{r['services']})/{r['income']})",
            0.3,
            "(Fees + paid services) ÷ total income",
            "0%",
        ),
        (
            "Leverage of facilitated projects",
            f"=IF({r['budget']}=0,0,{r['won']}/{r['budget']})",
            2,
            "Funding won by members ÷ cluster budget",
            "0.00",
        ),
        (
            "SMEs with a written regulatory plan",
            f"=IF({r['attended']}=0,0,{r['plans']}/{r['attended']})",
            0.5,
            "SMEs with a plan ÷ SMEs that attended",
            "0%",
        ),
    ]
    for i, (name, formula, target, words, fmt) in enumerate(kpis, start=start + 1):
        ws.cell(row=i, column=1, value=name)
        result = ws.cell(row=i, column=2, value=formula)
        result.font = BOLD
        result.number_format = fmt
        tgt = ws.cell(row=i, column=3, value=target)
        tgt.fill = INPUT_FILL
        tgt.number_format = fmt
        status = ws.cell(row=i, column=4, value=f'=IF(B{i}>=C{i},"On target","Below target")')
        status.font = BOLD
        ws.cell(row=i, column=5, value=words)
    end = start + len(kpis)
    summary = end + 2
    ws.cell(row=summary, column=1, value="KPIs on target").font = BOLD
    count = ws.cell(row=summary, column=2, value=f'=COUNTIF(D{start + 1}:D{end},"On target")&" of {len(kpis)}"')
    count.font = BOLD


def build(workbook) -> None:
    """Fill an empty openpyxl Workbook: an 'How to use' sheet first, then the tool's sheets."""
    _how_to_use(workbook.create_sheet("How to use"))
    _handbook(workbook.create_sheet("KPI handbook"))
    _calculator(workbook.create_sheet("Calculator"))
