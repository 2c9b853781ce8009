"""The coordinator's journey, in a browser: from a needs survey to a plan, its coverage and the consortium.

Catalina, the consortium coordinator, imports the answers LifeScience Kraków collected from its
SMEs in a spreadsheet and reads the needs ranked by MWDS; Ewa, LSK's coordinator, builds LSK's
training plan from the top needs, which she cannot approve herself; Catalina approves it, schedules
a run for the first need and sees the plan's coverage change, then opens the consortium dashboard,
narrows it to one partner and exports it as CSV.
"""

import csv
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from ecri_lms.infra.timeutil import utcnow
from tests.e2e.checks import check_page
from tests.e2e.conftest import demo_email, login
from tests.e2e.session_form import add_daily_sessions, first_working_day
from tests.e2e.test_foundation_pages import open_menu

pytestmark = pytest.mark.e2e

SURVEY = "LSK SME needs survey 2027"
PLAN = "LifeScience Kraków training plan 2027"
TOPICS = [
    *("ECON", "STRAT", "GOV", "FIN", "SERV", "PROJ", "INTL", "COMM", "PERF"),
    *("VCHAIN", "REG", "MKT", "IP", "DATA", "SKILLS"),
]
# The usual (importance, competence) the SMEs give each topic: regulatory pathways hurt most, then market
# access, then IP; respondents differ a little around these.
RATINGS = {
    "ECON": (3, 3),
    "STRAT": (4, 3),
    "GOV": (3, 3),
    "FIN": (4, 3),
    "SERV": (3, 2),
    "PROJ": (2, 3),
    "INTL": (4, 3),
    "COMM": (2, 3),
    "PERF": (3, 2),
    "VCHAIN": (4, 4),
    "REG": (5, 1),
    "MKT": (5, 2),
    "IP": (4, 2),
    "DATA": (3, 3),
    "SKILLS": (2, 3),
}
RESPONDENTS = 12


def write_survey_answers(path) -> None:
    """A respondent per row, as the partner's spreadsheet has them (semicolons, as in Poland)."""
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(
            [
                "respondent_id",
                "partner",
                "organisation_type",
                *[f"{topic}_{scale}" for topic in TOPICS for scale in ("importance", "competence")],
            ]
        )
        for number in range(1, RESPONDENTS + 1):
            cells = []
            for index, topic in enumerate(TOPICS):
                cells += respondent_rating(number, index, *RATINGS[topic])
            writer.writerow([f"LSK-SME-{number:03d}", "LSK", "sme", *cells])


def respondent_rating(number: int, index: int, importance: int, competence: int) -> tuple[int, int]:
    """One respondent's ratings of one topic: the usual ones, a point off for some people and topics."""
    if number % 3 == 0:
        competence = min(5, competence + 1)
    if number % 4 == 0 and index % 2:
        importance = max(1, importance - 1)
    if number % 5 == 0 and index % 3 == 0:
        competence = max(1, competence - 1)
    return importance, competence


def import_the_survey(page: Page, tmp_path) -> None:
    open_menu(page, "Needs", "Surveys")
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs surveys")
    check_page(page, "coordinator-surveys")
    page.get_by_label("Name", exact=True).fill(SURVEY)
    page.get_by_label("For", exact=True).select_option(label="LifeScience Kraków")
    page.get_by_role("button", name="Create the survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SURVEY)
    check_page(page, "coordinator-survey-new")

    answers = tmp_path / "lsk-sme-answers.csv"
    write_survey_answers(answers)
    page.get_by_label("File (CSV or XLSX)").set_input_files(answers)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status").filter(has_text="Imported:")).to_have_text(
        f"Imported: {RESPONDENTS} new respondents, 0 replaced, {RESPONDENTS * len(TOPICS)} answers."
    )
    expect(page.get_by_role("table", name="Respondents per partner and organisation type")).to_contain_text(
        re.compile(r"LifeScience Kraków\s*SME\s*12\s*12")
    )
    check_page(page, "coordinator-survey-imported")


def read_the_ranked_needs(page: Page) -> None:
    page.get_by_role("link", name="analysis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training needs")
    expect(page.get_by_label("Survey", exact=True).locator("option:checked")).to_have_text(SURVEY)
    ranked = page.get_by_role("table", name=re.compile(r"ranked by MWDS")).first
    rows = ranked.get_by_role("row")
    expect(rows.nth(1)).to_contain_text(re.compile(r"^\s*1\s*REG"))
    expect(rows.nth(2)).to_contain_text(re.compile(r"^\s*2\s*MKT"))
    expect(rows.nth(3)).to_contain_text(re.compile(r"^\s*3\s*IP"))
    check_page(page, "needs-ranking")


def log_in_as(page: Page, local: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out").click()
    login(page, demo_email(local))


def build_and_approve_the_plan(page: Page) -> None:
    log_in_as(page, "pc.lsk")
    open_menu(page, "Needs", "Training plans")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training plans")
    check_page(page, "coordinator-plans")
    today = utcnow().date()
    page.get_by_label("Partner").select_option(label="LifeScience Kraków")
    page.get_by_label("Title").fill(PLAN)
    page.get_by_label("Period from").fill(today.isoformat())
    page.get_by_label("Period to").fill((today + timedelta(days=365)).isoformat())
    page.get_by_label("Built from the needs of").select_option(label=SURVEY)
    page.get_by_role("button", name="Create the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN)
    check_page(page, "coordinator-plan-new")

    page.get_by_label("How many of the top-ranked needs").fill("3")
    page.get_by_label("Target trainees per need").fill("8")
    page.get_by_role("button", name="Add the top needs").click()
    needs = page.get_by_role("table", name="Needs in version 1")
    expect(needs.get_by_role("row")).to_have_count(4)
    expect(needs.get_by_role("row").nth(1)).to_contain_text(re.compile(r"REG.*#1", re.S))
    check_page(page, "coordinator-plan-top-needs")

    regulatory = needs.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile("^REG")))
    regulatory.get_by_label("LS10 – Regulatory pathways for health products").check()
    regulatory.get_by_role("button", name="Save the courses").click()
    expect(
        page.get_by_role("table", name="Needs in version 1")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=re.compile("^REG")))
        .get_by_label("LS10 – Regulatory pathways for health products")
    ).to_be_checked()
    expect(page.get_by_role("button", name="Approve version 1")).to_have_count(0)
    expect(page.get_by_text("Version 1 awaits approval by the consortium coordinator.")).to_be_visible()
    check_page(page, "coordinator-plan-draft")

    log_in_as(page, "coordinator")
    open_menu(page, "Needs", "Training plans")
    page.get_by_role("link", name=PLAN).click()
    page.get_by_role("button", name="Approve version 1").click()
    expect(page.get_by_role("status").filter(has_text="Plan approved")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile("Version 1"))).to_contain_text("Approved")
    expect(page.get_by_text(re.compile("Approved by Catalina Coordinadora on"))).to_be_visible()
    check_page(page, "coordinator-plan-approved")


def coverage_row(page: Page, topic: str):
    return (
        page.get_by_role("table", name="Coverage per need")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=topic, exact=True))
    )


def schedule_a_regulatory_run(page: Page) -> None:
    """LSK's first need gets a run: the regulatory course, two days in Kraków within the plan's year."""
    open_menu(page, "Manage", "Plan a run")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a run")
    check_page(page, "coordinator-plan-a-run")
    page.get_by_label("Course").select_option(label="LS10 – Regulatory pathways for health products")
    page.get_by_label("Organising partner").select_option(label="LifeScience Kraków (Małopolska)")
    page.get_by_label("Title").fill("Regulatory pathways · Kraków 2027")
    page.get_by_label("Seats").fill("20")
    page.get_by_role("group", name="Trainers").get_by_label("Zofia Wójcik (LSK)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add sessions")
    check_page(page, "coordinator-add-sessions")
    add_daily_sessions(
        page,
        venue="LSK · Jagiellonian University Medical College, Aula 1 (40 places)",
        day=first_working_day(45),
        starts="09:00",
        ends="16:00",
        count=2,
    )
    check_page(page, "coordinator-run-draft")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("region", name="Registration")).to_contain_text("20 of 20 seats left")
    check_page(page, "coordinator-run-published")


def follow_the_coverage(page: Page) -> None:
    """The plan's coverage before and after the first need has a run."""
    page.get_by_role("link", name="coverage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Coverage of {PLAN}")
    expect(coverage_row(page, "REG")).to_contain_text(re.compile(r"REG\s*0\s*0"))
    check_page(page, "coordinator-coverage-before")

    schedule_a_regulatory_run(page)

    open_menu(page, "Needs", "Training plans")
    check_page(page, "coordinator-plans-again")
    page.get_by_role("link", name=PLAN).click()
    regulatory = (
        page.get_by_role("table", name="Needs in version 1")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=re.compile("^REG")))
    )
    expect(regulatory).to_contain_text(re.compile(r"LS10 from \d{4}-\d{2}-\d{2}\s*scheduled"))
    check_page(page, "coordinator-plan-with-a-run")
    page.get_by_role("link", name="coverage").click()
    expect(coverage_row(page, "REG")).to_contain_text(re.compile(r"REG\s*1\s*0"))
    expect(coverage_row(page, "MKT")).to_contain_text(re.compile(r"MKT\s*0\s*0"))
    check_page(page, "coordinator-coverage-after")


def read_the_consortium_dashboard(page: Page) -> None:
    """Every partner side by side, then LifeScience Kraków alone, exported as CSV."""
    open_menu(page, "Reports", "Dashboard")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consortium training dashboard")
    figures = page.get_by_role("table", name="Figures per partner and for the consortium")
    expect(figures.get_by_role("columnheader")).to_have_text(
        ["Figure", "BIOIB", "bioPmed", "Hellenic BioCluster", "LifeScience Kraków", "Consortium"]
    )
    check_page(page, "consortium-dashboard")

    filters = page.get_by_role("form", name="Filter the report")
    filters.get_by_label("Partner").select_option(label="LifeScience Kraków")
    filters.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"partner=LSK"))
    figures = page.get_by_role("table", name=re.compile("^Figures per partner"))
    expect(figures.get_by_role("columnheader")).to_have_text(["Figure", "LifeScience Kraków", "Consortium"])
    check_page(page, "consortium-dashboard-lsk")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").first.click()
    assert download.value.suggested_filename.endswith(".csv")
    with open(download.value.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.reader(exported))
    assert "LSK" in rows[0] and "BIOIBAL" not in rows[0], rows[0]
    assert len(rows) > 3, rows


def test_a_coordinator_turns_survey_answers_into_an_approved_plan_and_follows_it(page, tmp_path):
    login(page, demo_email("coordinator"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Catalina Coordinadora")
    check_page(page, "coordinator-home")

    import_the_survey(page, tmp_path)
    read_the_ranked_needs(page)
    build_and_approve_the_plan(page)
    follow_the_coverage(page)
    read_the_consortium_dashboard(page)
