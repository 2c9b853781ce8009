"""Value-chain gap scorer: rank a cluster's gaps by importance x severity, weighted by value-chain stage."""

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

COURSE = "CE02"
FILE = "value-chain-gap-scorer.xlsx"  # written to course_content/courses/<COURSE>/media/<FILE>

INPUT_FILL = PatternFill(fill_type="solid", start_color="FFFFF2CC", end_color="FFFFF2CC")
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDCE6F1", end_color="FFDCE6F1")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="FFBFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

STAGES = [
    ("R&D", 0.8, "Below 1: the cluster leaves early research mainly to the university."),
    ("Clinical and regulatory", 1.2, "Above 1: getting devices through conformity assessment is part of the strategy."),
    ("Market access", 1.5, "Highest: the strategy is to get members' devices into hospitals."),
    ("Commercialisation", 1.0, "Neutral."),
    ("Support activities", 1.0, "Neutral."),
]
KINDS = ["Actor", "Capability", "Link", "Framework"]

# The worked example of CE02 lesson 05 (Thermaikos MedTech Cluster, fictional; scores invented).
EXAMPLE_GAPS = [
    (
        "Clinicians willing to test devices do not know which members have devices ready",
        "Clinical and regulatory",
        "Link",
        "Interviews: 9 of the 12 device firms interviewed",
        5,
        5,
        4,
        "N",
        "Connect: hospital innovation days, pilot matchmaking",
        "Cluster manager",
    ),
    (
        "No market-access and reimbursement expertise in the region",
        "Market access",
        "Capability",
        "Map (1 firm in the column); needs survey",
        4,
        4,
        4,
        "N",
        "Build (training, expert pool) and borrow (partner clusters)",
        "Services coordinator",
    ),
    (
        "Public hospitals have no procedure to run a pilot and then buy an innovation",
        "Market access",
        "Framework",
        "Interviews; hospital procurement staff",
        3,
        4,
        2,
        "N",
        "Advocate with the regional health authority",
        "Board chair",
    ),
    (
        "No venture investor specialised in health",
        "Commercialisation",
        "Actor",
        "Map (support row); survey",
        4,
        4,
        2,
        "N",
        "Attract (regional development agency); connect with investors elsewhere",
        "Cluster manager",
    ),
    (
        "Local consultancies have no IVDR experience",
        "Clinical and regulatory",
        "Capability",
        "Flows (25 % bought locally); interviews",
        3,
        3,
        5,
        "N",
        "Build: IVDR course for consultants; borrow meanwhile",
        "Services coordinator",
    ),
    (
        "No GMP production of biologics",
        "Support activities",
        "Actor",
        "Survey (1 member affected)",
        1,
        4,
        1,
        "N",
        "Borrow: contract manufacturers abroad",
        "(dropped)",
    ),
]

FIRST_ROW = 5
ROWS = 20
LAST_ROW = FIRST_ROW + ROWS - 1


def _width(ws, widths):
    for column, width in widths.items():
        ws.column_dimensions[column].width = width


def _header(ws, row, labels):
    for column, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=column, value=label)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        cell.border = BOX


def _how_to_use(ws):
    ws.title = "How to use"
    _width(ws, {"A": 110})
    lines = [
        ("Value-chain gap scorer (ECRI course CE02, lesson 05)", TITLE),
        ("", None),
        ("What it does", BOLD),
        ("Ranks the gaps in your cluster's value chain by weighted need = importance x severity x stage weight,", None),
        ("and suggests a decision for each gap from its weighted need and its feasibility.", None),
        ("", None),
        ("Steps", BOLD),
        (
            "1. Sheet 'Stage weights': set one weight per stage (0.5 to 1.5; 1 = neutral) BEFORE you score any gap.",
            None,
        ),
        (
            "   Above 1 for stages your strategy (CE03) and your region's smart specialisation strategy ask you to strengthen,",
            None,
        ),
        ("   below 1 for stages you deliberately leave to others. Write the reason next to each weight.", None),
        ("   Set the two thresholds: the weighted need above which a gap counts as 'high', and the feasibility", None),
        ("   at or above which the cluster can act.", None),
        ("2. Sheet 'Gap scorer': one row per gap. Choose the stage and the kind of gap from the lists.", None),
        (
            "   Kind = what is missing: an organisation (Actor), a competence of existing organisations (Capability),",
            None,
        ),
        ("   a relationship (Link), or a rule, procedure or public programme (Framework).", None),
        ("   Score importance (how many members, how central) and severity (how badly it hurts), each 1 to 5,", None),
        ("   with members. Score feasibility 1 to 5. Enter Y if someone else is already acting on the gap.", None),
        ("3. Read the bold columns: need, stage weight, weighted need, rank and suggested decision.", None),
        ("4. Sheet 'Summary': gaps and weighted need per stage, and the gaps in rank order.", None),
        ("", None),
        ("Cells", BOLD),
        ("Light yellow cells are inputs. Bold cells are results calculated by formulas: do not type over them.", None),
        ("The example rows are the fictional Thermaikos MedTech Cluster (Thessaloniki) from the lesson;", None),
        ("its scores are invented for teaching. Replace them with your own gaps.", None),
        ("", None),
        ("Decisions suggested", BOLD),
        ("Act now: weighted need at or above the threshold and feasibility at or above the threshold.", None),
        ("Partner or advocate: high weighted need, but the cluster cannot act alone.", None),
        ("Quick win if cheap: weighted need below the threshold, but easy to act on.", None),
        ("Record and drop: both low. Keep the row and its reason; reopen it if the membership changes.", None),
        ("Join the existing effort: someone else is already acting (Y).", None),
        ("The suggestion does not replace the discussion with members: it makes the criteria explicit.", None),
    ]
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        if font is not None:
            cell.font = font


def _stage_weights(ws):
    ws.title = "Stage weights"
    _width(ws, {"A": 28, "B": 14, "C": 80})
    ws["A1"] = "Stage weights and thresholds"
    ws["A1"].font = TITLE
    ws["A2"] = "Set the weights before scoring any gap. 1 = neutral; allowed range 0.5 to 1.5."
    _header(ws, 4, ["Stage", "Weight", "Reason (from the cluster's strategy and the region's S3)"])
    for offset, (stage, weight, reason) in enumerate(STAGES):
        row = 5 + offset
        ws.cell(row=row, column=1, value=stage).border = BOX
        weight_cell = ws.cell(row=row, column=2, value=weight)
        weight_cell.fill = INPUT_FILL
        weight_cell.border = BOX
        weight_cell.number_format = "0.0"
        reason_cell = ws.cell(row=row, column=3, value=reason)
        reason_cell.fill = INPUT_FILL
        reason_cell.border = BOX
    ws["A11"] = "Check: all weights between 0.5 and 1.5"
    ws["B11"] = '=IF(AND(MIN(B5:B9)>=0.5,MAX(B5:B9)<=1.5),"OK","Out of range")'
    ws["B11"].font = BOLD
    ws["A13"] = "Thresholds"
    ws["A13"].font = BOLD
    ws["A14"] = "High weighted need from"
    ws["B14"] = 15
    ws["A15"] = "Feasible from (1 to 5)"
    ws["B15"] = 3
    for ref in ("B14", "B15"):
        ws[ref].fill = INPUT_FILL
        ws[ref].border = BOX
    weights = DataValidation(
        type="decimal",
        operator="between",
        formula1="0.5",
        formula2="1.5",
        showErrorMessage=True,
        error="Use a weight between 0.5 and 1.5.",
    )
    ws.add_data_validation(weights)
    weights.add("B5:B9")


def _gap_scorer(ws):
    ws.title = "Gap scorer"
    _width(
        ws,
        {
            "A": 5,
            "B": 48,
            "C": 22,
            "D": 12,
            "E": 30,
            "F": 11,
            "G": 10,
            "H": 9,
            "I": 9,
            "J": 11,
            "K": 7,
            "L": 11,
            "M": 11,
            "N": 24,
            "O": 44,
            "P": 20,
        },
    )
    ws["A1"] = "Gap scorer"
    ws["A1"].font = TITLE
    ws["A2"] = (
        "Inputs in yellow; bold columns are calculated. Importance, severity and feasibility from 1 (low) to 5 (high)."
    )
    _header(
        ws,
        4,
        [
            "#",
            "Gap (what firms cannot do)",
            "Stage",
            "Kind",
            "Evidence",
            "Importance 1-5",
            "Severity 1-5",
            "Need",
            "Stage weight",
            "Weighted need",
            "Rank",
            "Feasibility 1-5",
            "Someone else acting? Y/N",
            "Suggested decision",
            "Response",
            "Owner",
        ],
    )
    ws.freeze_panes = "C5"
    input_columns = ("B", "C", "D", "E", "F", "G", "L", "M", "O", "P")
    for index in range(ROWS):
        row = FIRST_ROW + index
        ws.cell(row=row, column=1, value=index + 1)
        if index < len(EXAMPLE_GAPS):
            gap, stage, kind, evidence, importance, severity, feasibility, other, response, owner = EXAMPLE_GAPS[index]
            values = {
                "B": gap,
                "C": stage,
                "D": kind,
                "E": evidence,
                "F": importance,
                "G": severity,
                "L": feasibility,
                "M": other,
                "O": response,
                "P": owner,
            }
            for column, value in values.items():
                ws[f"{column}{row}"] = value
        for column in input_columns:
            ws[f"{column}{row}"].fill = INPUT_FILL
            ws[f"{column}{row}"].alignment = WRAP
        ws[f"H{row}"] = f'=IF(OR(F{row}="",G{row}=""),"",F{row}*G{row})'
        ws[f"I{row}"] = (
            f"=IF(C{row}=\"\",\"\",INDEX('Stage weights'!$B$5:$B$9,MATCH(C{row},'Stage weights'!$A$5:$A$9,0)))"
        )
        ws[f"J{row}"] = f'=IF(OR(H{row}="",I{row}=""),"",H{row}*I{row})'
        ws[f"K{row}"] = (
            f'=IF(J{row}="","",RANK(J{row},$J${FIRST_ROW}:$J${LAST_ROW})+COUNTIF($J${FIRST_ROW}:J{row},J{row})-1)'
        )
        ws[f"N{row}"] = (
            f'=IF(J{row}="","",IF(M{row}="Y","Join the existing effort",'
            f"IF(J{row}>='Stage weights'!$B$14,"
            f'IF(L{row}>=\'Stage weights\'!$B$15,"Act now","Partner or advocate"),'
            f'IF(L{row}>=\'Stage weights\'!$B$15,"Quick win if cheap","Record and drop"))))'
        )
        for column in ("H", "I", "J", "K", "N"):
            ws[f"{column}{row}"].font = BOLD
        ws[f"I{row}"].number_format = "0.0"
        ws[f"J{row}"].number_format = "0.0"
        for column in "ABCDEFGHIJKLMNOP":
            ws[f"{column}{row}"].border = BOX

    stage_list = DataValidation(type="list", formula1="'Stage weights'!$A$5:$A$9", allow_blank=True)
    kind_list = DataValidation(type="list", formula1='"' + ",".join(KINDS) + '"', allow_blank=True)
    score = DataValidation(
        type="whole",
        operator="between",
        formula1="1",
        formula2="5",
        allow_blank=True,
        showErrorMessage=True,
        error="Score from 1 to 5.",
    )
    yes_no = DataValidation(type="list", formula1='"Y,N"', allow_blank=True)
    for validation in (stage_list, kind_list, score, yes_no):
        ws.add_data_validation(validation)
    stage_list.add(f"C{FIRST_ROW}:C{LAST_ROW}")
    kind_list.add(f"D{FIRST_ROW}:D{LAST_ROW}")
    score.add(f"F{FIRST_ROW}:G{LAST_ROW}")
    score.add(f"L{FIRST_ROW}:L{LAST_ROW}")
    yes_no.add(f"M{FIRST_ROW}:M{LAST_ROW}")


def _summary(ws):
    ws.title = "Summary"
    _width(ws, {"A": 26, "B": 48, "C": 22, "D": 14, "E": 24})
    ws["A1"] = "Summary"
    ws["A1"].font = TITLE
    ws["A3"] = "By stage"
    ws["A3"].font = BOLD
    _header(ws, 4, ["Stage", "Gaps scored", "Total weighted need", "Gaps to act on now", "Gaps to partner or advocate"])
    scorer = "'Gap scorer'!"
    stage_range = f"{scorer}$C${FIRST_ROW}:$C${LAST_ROW}"
    need_range = f"{scorer}$J${FIRST_ROW}:$J${LAST_ROW}"
    decision_range = f"{scorer}$N${FIRST_ROW}:$N${LAST_ROW}"
    for offset in range(len(STAGES)):
        row = 5 + offset
        ws[f"A{row}"] = f"='Stage weights'!A{5 + offset}"
        ws[f"B{row}"] = f"=COUNTIF({stage_range},A{row})"
        ws[f"C{row}"] = f"=SUMIF({stage_range},A{row},{need_range})"
        ws[f"D{row}"] = f'=COUNTIFS({stage_range},A{row},{decision_range},"Act now")'
        ws[f"E{row}"] = f'=COUNTIFS({stage_range},A{row},{decision_range},"Partner or advocate")'
        for column in "BCDE":
            ws[f"{column}{row}"].font = BOLD
        ws[f"C{row}"].number_format = "0.0"
        for column in "ABCDE":
            ws[f"{column}{row}"].border = BOX
    total = 5 + len(STAGES)
    ws[f"A{total}"] = "All stages"
    ws[f"A{total}"].font = BOLD
    for column in "BCDE":
        ws[f"{column}{total}"] = f"=SUM({column}5:{column}{total - 1})"
        ws[f"{column}{total}"].font = BOLD
    ws[f"C{total}"].number_format = "0.0"

    start = total + 3
    ws[f"A{start - 1}"] = "Gaps in rank order"
    ws[f"A{start - 1}"].font = BOLD
    _header(ws, start, ["Rank", "Gap", "Stage", "Weighted need", "Suggested decision"])
    rank_range = f"{scorer}$K${FIRST_ROW}:$K${LAST_ROW}"
    for index in range(ROWS):
        row = start + 1 + index
        ws[f"A{row}"] = index + 1
        for column, source in (("B", "B"), ("C", "C"), ("D", "J"), ("E", "N")):
            ws[f"{column}{row}"] = (
                f'=IFERROR(INDEX({scorer}${source}${FIRST_ROW}:${source}${LAST_ROW},MATCH($A{row},{rank_range},0)),"")'
            )
            ws[f"{column}{row}"].font = BOLD
        ws[f"D{row}"].number_format = "0.0"
        for column in "ABCDE":
            ws[f"{column}{row}"].border = BOX


def build(workbook) -> None:
    """The how-to sheet, then the stage weights, the gap scorer and the summary by stage."""
    _how_to_use(workbook.create_sheet("How to use"))
    _stage_weights(workbook.create_sheet("Stage weights"))
    _gap_scorer(workbook.create_sheet("Gap scorer"))
    _summary(workbook.create_sheet("Summary"))
