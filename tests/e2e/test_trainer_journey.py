"""The trainer's journey, in a browser: plan a run abroad, prepare it, keep the attendance sheet, grade.

Eleni, a Hellenic BioCluster trainer in Athens, plans a two-day run of the governance course at
the Kraków science park: she types the times on the Kraków clock and sees them on hers too. She
uploads the room plan, imports her GIFT questions (one of them broken, and the page says on which
line), keeps the session's attendance sheet and grades a reflection essay. Every page is checked.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import arrange
from tests.e2e.checks import check_page
from tests.e2e.conftest import demo_email, login
from tests.e2e.session_form import add_daily_sessions, first_working_day

pytestmark = pytest.mark.e2e

COURSE = "CE04 – Governance and membership models"
RUN_TITLE = "Governance and membership · Kraków study visit"
VENUE = "LSK · Life Science Park Kraków, Sala A (30 places)"
BROKEN_LINE = 12
GIFT = """// Eleni's questions on board decisions, for CE04.
$CATEGORY: CE04/boards

::Quorum rule::A board of nine members with a quorum of a simple majority can decide with five present.{T}

::Casting vote::Who usually holds the casting vote when a board is split evenly?{
=The chair
~The youngest member
~The cluster manager
}

::Fee bands::What does a micro member pay per year, in euros?{#one hundred and fifty}

::Observer seats::Name the public funder's usual role on a cluster board, in one word.{=observer =observers}
"""


def plan_the_run(page: Page) -> None:
    page.get_by_role("region", name="My teaching").get_by_role("link", name="Plan a run").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a run")
    check_page(page, "trainer-plan-a-run")
    page.get_by_label("Course").select_option(label=COURSE)
    page.get_by_label("Title").fill(RUN_TITLE)
    page.get_by_label("Description for trainees").fill(
        "Two mornings at the Kraków science park with LifeScience Kraków's board members."
    )
    page.get_by_label("Seats").fill("16")
    page.get_by_label("Format").select_option(label="In person")
    page.get_by_role("group", name="Trainers").get_by_label("Eleni Christou (HBIO)").check()
    page.get_by_role("button", name="Save").click()


def add_two_sessions_in_krakow(page: Page) -> None:
    """Typed on the Kraków clock (CET), shown on it and, for Eleni, on Athens time (EET) as well."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Add sessions")
    expect(page.get_by_text(re.compile(f"^{RUN_TITLE} · Hellenic BioCluster"))).to_be_visible()
    check_page(page, "trainer-add-sessions")
    page.get_by_label("Format").select_option(label="In person")
    add_daily_sessions(page, venue=VENUE, day=first_working_day(56), starts="09:30", ends="13:30", count=2)
    expect(page.get_by_role("heading", level=1)).to_contain_text(RUN_TITLE)
    sessions = page.get_by_role("table", name=re.compile("Sessions of this run")).get_by_role("row")
    expect(sessions).to_have_count(3)
    for row in (sessions.nth(1), sessions.nth(2)):
        expect(row).to_contain_text("09:30–13:30 CET")
        expect(row).to_contain_text("Your time:")
        expect(row).to_contain_text("10:30–14:30 EET")
        expect(row).to_contain_text("Life Science Park Kraków")
    check_page(page, "trainer-run-sessions")


def upload_the_room_plan(page: Page, tmp_path) -> None:
    room_plan = tmp_path / "room-plan-sala-a.txt"
    room_plan.write_text(
        "Sala A, ground floor, ul. Bobrzyńskiego 14. Coffee at 11:00 in the atrium.\n", encoding="utf-8"
    )
    materials = page.get_by_role("region", name="Materials of this run")
    materials.get_by_text("Upload a material for this run").click()
    materials.get_by_label("Title").fill("Room plan and coffee break")
    materials.get_by_label("File").set_input_files(room_plan)
    materials.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status").filter(has_text="Material uploaded.")).to_be_visible()
    expect(page.get_by_role("region", name="Materials of this run")).to_contain_text("Room plan and coffee break")
    check_page(page, "trainer-run-material")


def register_a_trainee(page: Page, email: str) -> None:
    page.get_by_role("link", name="Registrations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrations")
    check_page(page, "trainer-run-registrations-empty")
    page.get_by_label("Trainee's e-mail").fill(email)
    page.get_by_role("button", name="Add a trainee").click()
    expect(page.get_by_role("status")).to_have_text("Trainee added.")
    registrations = page.get_by_role("table", name="Registrations in order of arrival").get_by_role("row")
    expect(registrations.nth(1)).to_contain_text(re.compile(f"{email}.*Confirmed", re.S))
    check_page(page, "trainer-run-registrations")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=RUN_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(RUN_TITLE)


def keep_the_attendance_sheet(page: Page, trainee: str) -> None:
    """On the morning of the first session: the trainee arrived late; the attendance sheet says so, with a remark."""
    sessions = page.get_by_role("table", name=re.compile("Sessions of this run")).get_by_role("row")
    sessions.nth(1).get_by_role("link", name="Attendance sheet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attendance sheet:")
    check_page(page, "trainer-attendance-sheet")
    page.get_by_label(f"Status of {trainee}").select_option(label="Late")
    page.get_by_label(f"Remark on {trainee}").fill("The train from Katowice was 40 minutes late.")
    page.get_by_role("button", name="Save the attendance sheet").click()
    expect(page.get_by_role("status").filter(has_text="Attendance sheet saved: 1 change.")).to_be_visible()
    expect(page.get_by_label(f"Status of {trainee}")).to_have_value("late")
    history = page.get_by_role("table", name=re.compile("Every change to this attendance sheet"))
    change = re.compile(f"{trainee}.*Not marked → Late.*Katowice", re.S)
    expect(history.get_by_role("row").nth(1)).to_contain_text(change)
    check_page(page, "trainer-attendance-sheet-saved")


def import_questions_with_one_broken(page: Page, tmp_path) -> None:
    gift = tmp_path / "ce04-boards.gift"
    gift.write_text(GIFT, encoding="utf-8")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quizzes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quizzes")
    check_page(page, "trainer-quizzes")
    page.get_by_role("row", name=re.compile("^CE04 ")).get_by_role("link", name="Question bank and quizzes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Question bank and quizzes")
    check_page(page, "trainer-question-bank")
    page.get_by_label("GIFT file").set_input_files(gift)
    page.get_by_role("button", name="Import questions").click()
    expect(page.get_by_role("status").filter(has_text="Import of ce04-boards.gift")).to_contain_text(
        "3 questions created, 0 already in the bank, 1 new category, 1 could not be read"
    )
    expect(page.get_by_role("alert")).to_contain_text(f"Line {BROKEN_LINE}:")
    questions = page.get_by_role("table", name="Questions of the bank")
    for name in ("Quorum rule", "Casting vote", "Observer seats"):
        expect(questions).to_contain_text(name)
    expect(questions).not_to_contain_text("Fee bands")
    check_page(page, "trainer-question-bank-import")


def grade_the_waiting_essay(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="ECRI LMS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Eleni Christou")
    check_page(page, "trainer-home-essays")
    page.get_by_role("region", name="Essays to grade").get_by_role("link", name="All essays waiting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Essays waiting for grading")
    check_page(page, "trainer-grading-queue")
    essays = page.get_by_role("table", name=re.compile("Essay answers waiting")).get_by_role(
        "link", name=re.compile("^Grade the essay of ")
    )
    waiting = essays.count()
    essays.first.click()
    check_page(page, "trainer-grade-essay")
    page.get_by_label("Score (%)").fill("85")
    page.get_by_label("Comment for the trainee (rubric)").fill(
        "Clear priorities and a realistic plan; add the indicators you will report to the board."
    )
    page.get_by_role("button", name="Save grade").click()
    expect(page.get_by_role("status").filter(has_text="Grade saved.")).to_be_visible()
    check_page(page, "trainer-essay-graded")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="ECRI LMS").click()
    left = waiting - 1
    panel_text = f"{left} essay{'' if left == 1 else 's'} waiting for your grade." if left else "No essay is waiting"
    expect(page.get_by_role("region", name="Essays to grade")).to_contain_text(panel_text)
    check_page(page, "trainer-home-after-grading")


def test_a_trainer_plans_a_run_abroad_keeps_its_attendance_sheet_and_grades(page, live_app, tmp_path):
    login(page, demo_email("trainer.hbio"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Eleni Christou")
    check_page(page, "trainer-home")

    plan_the_run(page)
    add_two_sessions_in_krakow(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status").filter(has_text="published")).to_be_visible()
    check_page(page, "trainer-run-published")
    upload_the_room_plan(page, tmp_path)
    register_a_trainee(page, demo_email("trainee.lsk"))

    arrange.session_is_under_way(live_app, int(re.search(r"/runs/(\d+)", page.url).group(1)))
    page.reload()
    check_page(page, "trainer-run-on-the-day")
    keep_the_attendance_sheet(page, "Łukasz Kowalski")

    import_questions_with_one_broken(page, tmp_path)
    grade_the_waiting_essay(page)
