"""Full-cost and fee model: staff and overhead costs, full cost per service hour, member and non-member fees, break-even."""

from openpyxl.styles import Alignment, Font, PatternFill

COURSE = "CE05"
FILE = "full-cost-and-fee-model.xlsx"

INPUT = PatternFill(fill_type="solid", start_color="FFFFF2CC", end_color="FFFFF2CC")
BOLD = Font(bold=True)
HEADING = Font(bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="top")
EUR = '#,##0.00 "€"'
EUR0 = '#,##0 "€"'
PCT = "0.0%"

# Example data: the Cala Blava Health Cluster (Mallorca), a fictional cluster whose figures are
# invented for teaching. Replace every yellow cell with your own figures.
STAFF = [
    # role, annual employer cost (€), productive hours a year
    ("Cluster manager", 62000, 1600),
    ("Project officer", 42000, 1600),
    ("Services officer", 38000, 1600),
    ("Administration and communication officer", 30000, 1500),
]
OVERHEADS = [
    ("Rent and utilities", 15000),
    ("IT, software and telephone", 7000),
    ("Accounting, payroll and audit", 9500),
    ("Insurance", 2500),
    ("General travel and meetings", 5000),
    ("Office supplies and other", 4000),
]
# hours each role spends on one edition of the service (same order as STAFF)
SERVICE_HOURS = [6, 0, 30, 8]

HOW_TO = [
    "Full-cost and fee model (course CE05, lesson 04: Budgeting and cost allocation)",
    "",
    "What it does: it turns your staff and overhead costs into a full cost per productive hour for each "
    "person, prices one service at full cost, sets a member fee and a non-member fee, and shows how many "
    "participants the service needs to break even.",
    "",
    "How to use it:",
    "1. Sheet 'Costs': enter each person's annual employer cost and productive hours (paid hours minus "
    "holidays, sickness, training and internal meetings; often 1,500 to 1,700 a year). Enter your "
    "indirect costs (overheads). The sheet calculates the overhead rate and each person's full cost per hour.",
    "2. Sheet 'Service': enter the hours each person spends on one edition of the service, the fixed direct "
    "costs of an edition (external trainer, room), the variable cost per participant, the expected "
    "participants, the share of members among them, the member discount and the margin on the "
    "non-member fee.",
    "3. Read the results in bold: full cost per participant, member and non-member fee, result of one "
    "edition and the break-even number of participants.",
    "",
    "Yellow cells are inputs; bold cells are results. Do not type over cells with formulas.",
    "",
    "Before you set fees: if the cluster organisation receives State aid for innovation clusters under "
    "Article 27 of Commission Regulation (EU) No 651/2014 (GBER), fees for using its facilities and taking "
    "part in its activities must correspond to the market price or reflect costs, and access must be "
    "open, transparent and non-discriminatory. A member price below full cost needs a reason you can "
    "show, for example that the annual membership fee already pays the difference. Check with the "
    "authority that grants the aid.",
    "",
    "The example figures belong to the Cala Blava Health Cluster, a fictional cluster in Mallorca; they "
    "are invented for teaching and describe no real organisation.",
]


def _input(cell, value, number_format=None):
    cell.value = value
    cell.fill = INPUT
    if number_format:
        cell.number_format = number_format


def _result(cell, formula, number_format=None):
    cell.value = formula
    cell.font = BOLD
    if number_format:
        cell.number_format = number_format


def _how_to(ws):
    ws.column_dimensions["A"].width = 110
    for row, text in enumerate(HOW_TO, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = WRAP
        if row == 1:
            cell.font = HEADING


def _costs(ws):
    ws["A1"] = "Costs of the cluster organisation (example: Cala Blava Health Cluster, fictional)"
    ws["A1"].font = HEADING
    for col, width in zip("ABCDEF", (44, 20, 18, 18, 20, 20), strict=True):
        ws.column_dimensions[col].width = width

    headers = (
        "Staff member (role)",
        "Annual employer cost",
        "Productive hours",
        "Direct cost per hour",
        "Overheads per hour",
        "Full cost per hour",
    )
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=3, column=col, value=text)
        cell.font = BOLD
        cell.alignment = WRAP
    first = 4
    for i, (role, cost, hours) in enumerate(STAFF):
        r = first + i
        _input(ws.cell(row=r, column=1), role)
        _input(ws.cell(row=r, column=2), cost, EUR0)
        _input(ws.cell(row=r, column=3), hours, "#,##0")
        ws.cell(row=r, column=4, value=f"=IF(C{r}>0,B{r}/C{r},0)").number_format = EUR
        ws.cell(row=r, column=5, value=f"=D{r}*$B$19").number_format = EUR
        _result(ws.cell(row=r, column=6), f"=D{r}+E{r}", EUR)
    last = first + len(STAFF) - 1
    total = last + 1  # row 8
    ws.cell(row=total, column=1, value="Total staff").font = BOLD
    _result(ws.cell(row=total, column=2), f"=SUM(B{first}:B{last})", EUR0)
    _result(ws.cell(row=total, column=3), f"=SUM(C{first}:C{last})", "#,##0")

    ws.cell(row=10, column=1, value="Indirect costs (overheads)").font = BOLD
    ws.cell(row=10, column=2, value="Annual amount").font = BOLD
    o_first = 11
    for i, (item, amount) in enumerate(OVERHEADS):
        r = o_first + i
        _input(ws.cell(row=r, column=1), item)
        _input(ws.cell(row=r, column=2), amount, EUR0)
    o_last = o_first + len(OVERHEADS) - 1  # row 16
    ws.cell(row=17, column=1, value="Total indirect costs").font = BOLD
    _result(ws.cell(row=17, column=2), f"=SUM(B{o_first}:B{o_last})", EUR0)

    ws["A19"] = "Overhead rate (indirect costs ÷ staff costs)"
    ws["A19"].font = BOLD
    _result(ws["B19"], f"=IF(B{total}>0,B17/B{total},0)", PCT)
    ws["A20"] = "Total cost of the organisation (staff + indirect)"
    _result(ws["B20"], f"=B{total}+B17", EUR0)
    ws["A21"] = "Average full cost per productive hour (whole team)"
    _result(ws["B21"], f"=IF(C{total}>0,B20/C{total},0)", EUR)
    ws["A23"] = (
        "Staff costs are made direct by recording time; the overhead rate spreads the indirect "
        "costs over the activities in proportion to the staff time they use."
    )
    ws["A23"].alignment = WRAP


def _service(ws):
    ws["A1"] = "One service priced at full cost: a one-day MDR-readiness workshop (example, fictional)"
    ws["A1"].font = HEADING
    for col, width in zip("ABCD", (52, 20, 22, 22), strict=True):
        ws.column_dimensions[col].width = width

    for col, text in enumerate(("Staff member", "Hours per edition", "Full cost per hour", "Staff cost"), 1):
        cell = ws.cell(row=3, column=col, value=text)
        cell.font = BOLD
    for i, hours in enumerate(SERVICE_HOURS):
        r = 4 + i
        src = 4 + i
        ws.cell(row=r, column=1, value=f"=Costs!A{src}")
        _input(ws.cell(row=r, column=2), hours, "#,##0.0")
        ws.cell(row=r, column=3, value=f"=Costs!F{src}").number_format = EUR
        ws.cell(row=r, column=4, value=f"=B{r}*C{r}").number_format = EUR
    ws["A8"] = "Staff cost of one edition, overheads included"
    ws["A8"].font = BOLD
    _result(ws["B8"], "=SUM(B4:B7)", "#,##0.0")
    _result(ws["D8"], "=SUM(D4:D7)", EUR)

    rows = [
        (10, "Fixed direct costs per edition (external trainer, room hire)", 1800, EUR0),
        (11, "Variable cost per participant (materials, catering)", 40, EUR0),
        (12, "Expected participants per edition", 15, "#,##0"),
        (13, "Share of members among participants", 2 / 3, PCT),
        (14, "Member discount on full cost (the subsidy members receive)", 0.40, PCT),
        (15, "Margin on full cost for non-members", 0.10, PCT),
    ]
    for r, label, value, fmt in rows:
        ws.cell(row=r, column=1, value=label)
        _input(ws.cell(row=r, column=2), value, fmt)

    results = [
        (17, "Fixed cost of one edition (staff + fixed direct costs)", "=D8+B10", EUR),
        (18, "Full cost of one edition at the expected participants", "=B17+B11*B12", EUR),
        (19, "Full cost per participant", "=IF(B12>0,B18/B12,0)", EUR),
        (20, "Full cost per service hour (edition cost ÷ staff hours)", "=IF(B8>0,B18/B8,0)", EUR),
        (22, "Member fee (full cost per participant less member discount)", "=ROUND(B19*(1-B14),0)", EUR0),
        (23, "Non-member fee (full cost per participant plus margin)", "=ROUND(B19*(1+B15),0)", EUR0),
        (25, "Members expected", "=ROUND(B12*B13,0)", "#,##0"),
        (26, "Non-members expected", "=B12-B25", "#,##0"),
        (27, "Fee revenue of one edition", "=B25*B22+B26*B23", EUR),
        (28, "Result of one edition (revenue − full cost)", "=B27-B18", EUR),
        (29, "Cost recovery (revenue ÷ full cost)", "=IF(B18>0,B27/B18,0)", PCT),
        (31, "Average fee at this member share", "=B13*B22+(1-B13)*B23", EUR),
        (32, "Contribution per participant (average fee − variable cost)", "=B31-B11", EUR),
        (
            33,
            "Break-even participants per edition (rounded up)",
            '=IF(B32>0,ROUNDUP(B17/B32,0),"no break-even: fees do not cover the variable cost")',
            "#,##0",
        ),
        (34, "Member subsidy per edition (paid from membership fees or core funding)", "=B25*(B19-B22)", EUR),
    ]
    for r, label, formula, fmt in results:
        ws.cell(row=r, column=1, value=label)
        _result(ws.cell(row=r, column=2), formula, fmt)

    ws["A36"] = (
        "A negative result is not a mistake: it is the subsidy the board chooses to give. Check that "
        "membership fees or core funding really cover it, and that a fee below full cost can be "
        "justified to the funder (GBER Article 27: fees at market price or reflecting costs)."
    )
    ws["A36"].alignment = WRAP


def build(workbook) -> None:
    """Fill an empty openpyxl Workbook: a 'How to use' sheet first, then the tool's sheets."""
    _how_to(workbook.create_sheet("How to use"))
    _costs(workbook.create_sheet("Costs"))
    _service(workbook.create_sheet("Service"))
