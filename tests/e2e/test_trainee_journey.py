"""The trainee's journey, in a browser, from a new account to a verified certificate.

A person from an SME registers, finds a course by searching, studies it, takes a place on a run
(first in the queue of a full one, then a seat on another), checks in to the session, fails the
final quiz once and passes it, completes the course and shows the certificate's verification page
to someone who has no account. Every page on the way is checked (axe, Nu, browser errors).
"""

import re
import subprocess

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e import arrange
from tests.e2e.checks import SCREENSHOTS, check_page
from tests.e2e.conftest import demo_email, login
from tests.e2e.keyboard import tab_to
from tests.e2e.quizzing import answer_every_question
from tests.e2e.test_foundation_pages import assert_no_sideways_scrolling, open_menu

pytestmark = pytest.mark.e2e

COURSE_TITLE = "Cluster economics and initiative screening"
CERTIFICATE_PDF = SCREENSHOTS / "certificate.pdf"
MARGALIDA = {
    "name": "Margalida Bauzà",
    "email": "margalida.bauza@mallorca-genomics.example",
    "password": "Tramuntana-2026-genomics",
    "cluster": "BIOIB (Balearic Islands, Spain)",
    "organisation": "Mallorca Genomics SL",
    "job": "Business developer",
}
TOMASZ = {
    "name": "Tomasz Wójcik",
    "email": "tomasz.wojcik@vistula-diagnostics.example",
    "password": "Wisła-2026-diagnostics",
    "cluster": "LifeScience Kraków (Małopolska, Poland)",
    "organisation": "Vistula Diagnostics sp. z o.o.",
    "job": "Regulatory affairs officer",
}
LESSONS = [
    "Why clusters exist",
    "Porter's diamond and the definition of a cluster",
    "Clusters, cluster initiatives and cluster organisations",
    "Smart specialisation and what the four regions prioritise in health",
    "Screening a cluster initiative",
]


def register_account(page: Page, person: dict, shot: str) -> None:
    """Create an account from the welcome page's navigation, as a member of one of the clusters' SMEs."""
    page.goto("/")
    check_page(page, f"{shot}-welcome")
    nav = page.get_by_role("navigation", name="Main")
    if nav.get_by_role("button", name="Show the menu").is_visible():
        nav.get_by_role("button", name="Show the menu").click()
        # A tap during the menu's opening animation can land on nothing: wait until it is open.
        expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    nav.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    check_page(page, f"{shot}-register")
    page.get_by_label("Full name").fill(person["name"])
    page.get_by_label("E-mail").fill(person["email"])
    page.get_by_label("Password", exact=True).fill(person["password"])
    page.get_by_label("Repeat the password").fill(person["password"])
    page.get_by_label("Your cluster").select_option(label=person["cluster"])
    page.get_by_label("Type of organisation").select_option(label="SME")
    page.get_by_label("Organisation name").fill(person["organisation"])
    page.get_by_label("Job title").fill(person["job"])
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("status")).to_have_text("Welcome! Your account is ready.")


def go_to(page: Page, link: str) -> None:
    """Follow a link of the main navigation (opening the menu first on a phone)."""
    nav = page.get_by_role("navigation", name="Main")
    toggle = nav.get_by_role("button", name="Show the menu")
    if toggle.is_visible():
        toggle.click()
    nav.get_by_role("link", name=link, exact=True).click()


def find_course_by_search(page: Page, shot: str) -> None:
    go_to(page, "Courses")
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")
    check_page(page, f"{shot}-courses")
    page.get_by_role("searchbox", name="Search").fill("location quotient")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("status")).to_have_text("1 course found.")
    check_page(page, f"{shot}-search")
    page.get_by_role("link", name=COURSE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)


def enrol(page: Page, shot: str) -> None:
    """Enrol from the course page, which opens the first lesson."""
    check_page(page, f"{shot}-course")
    page.get_by_role("button", name="Enrol for self-paced study").click()
    expect(page.get_by_role("status")).to_have_text(f"You are enrolled in {COURSE_TITLE}.")
    expect(page.get_by_role("heading", level=1)).to_have_text(LESSONS[0])
    check_page(page, f"{shot}-lesson")


def join_the_waiting_list(page: Page, run_title: str, shot: str) -> None:
    """From the course page's upcoming runs to the full run, then into its queue."""
    runs = page.get_by_role("table", name="Upcoming runs of this course")
    expect(runs.get_by_role("row").filter(has_text=run_title)).to_contain_text("Full")
    runs.get_by_role("link", name=run_title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(run_title)
    check_page(page, f"{shot}-full-run")
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_have_text(
        "The run is full: you are on the waiting list."
    )
    registration = page.get_by_role("region", name="Registration")
    expect(registration.get_by_role("status")).to_have_text("You are number 1 on the waiting list.")
    expect(registration).to_contain_text("1 on the waiting list")
    check_page(page, f"{shot}-run-with-waiting-list")


def open_check_in(trainer: Page, run_title: str) -> str:
    """The run's trainer opens check-in from the session's attendance sheet and reads out the code."""
    login(trainer, demo_email("trainer.bioibal"))
    check_page(trainer, "trainer-home-on-the-day")
    trainer.get_by_role("region", name="My teaching").get_by_role("link", name=run_title).first.click()
    expect(trainer.get_by_role("heading", level=1)).to_contain_text(run_title)
    check_page(trainer, "trainer-run-on-the-day")
    trainer.get_by_role("table", name=re.compile("Sessions of this run")).get_by_role(
        "link", name="Attendance sheet"
    ).click()
    expect(trainer.get_by_role("heading", level=1)).to_contain_text("Attendance sheet:")
    check_page(trainer, "trainer-attendance-sheet-before-check-in")
    check_in_card = trainer.get_by_role("region", name="Self check-in")
    check_in_card.get_by_label("Open for (minutes)").fill("20")
    check_in_card.get_by_role("button", name="Open check-in").click()
    expect(trainer.get_by_role("img", name="QR code that opens the check-in link")).to_be_visible()
    check_page(trainer, "trainer-check-in-open")
    return trainer.get_by_role("region", name="Self check-in").get_by_text(re.compile(r"^[A-Z2-9]{6}$")).inner_text()


def check_in(page: Page, code: str, run_title: str) -> None:
    """Check in from the menu, mistyping the code first, then with the keyboard alone."""
    open_menu(page, "Me", "Check in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check in to a session")
    check_page(page, "trainee-check-in")
    wrong = code[:-1] + ("2" if code[-1] != "2" else "3")
    page.get_by_label("Check-in code").fill(wrong)
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not valid")
    check_page(page, "trainee-check-in-wrong-code")
    # The right code by keyboard alone: skip the navigation, Tab to the field, type it, Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Check-in code"))
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="You are checked in: marked present.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("My attendance")
    attended = page.get_by_role("region", name=re.compile(re.escape(run_title)))
    expect(attended.get_by_role("heading", level=2)).to_contain_text("attendance 100%")
    expect(attended.get_by_role("table")).to_contain_text("Present")
    check_page(page, "trainee-attendance")


def test_a_new_trainee_studies_a_course_and_earns_a_verified_certificate(page, other_page, live_app):
    full_run = "Cluster economics · online from Athens"
    open_run = COURSE_TITLE  # this run keeps the course's title
    arrange.published_run(
        live_app,
        course="CE01",
        partner="HBIO",
        title=full_run,
        capacity=2,
        days_from_now=21,
        trainer="trainer.hbio",
        registrants=("trainee.hbio", "trainee.lsk"),
    )
    open_run_id = arrange.published_run(
        live_app, course="CE01", partner="BIOIBAL", title="", capacity=12, days_from_now=14, trainer="trainer.bioibal"
    )

    register_account(page, MARGALIDA, "trainee")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {MARGALIDA['name']}")
    check_page(page, "trainee-home-new")

    find_course_by_search(page, "trainee")
    enrol(page, "trainee")

    # Read every lesson, marking each one done, which leads on to the next.
    for number, title in enumerate(LESSONS, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        if number > 1:
            check_page(page, f"trainee-lesson-{number}")
        follow = "Mark as done and go on" if number < len(LESSONS) else "Mark as done"
        page.get_by_role("button", name=follow).click()
    expect(page.get_by_role("complementary", name="Course outline")).to_contain_text("5 of 5 lessons done")
    expect(page.get_by_text("You marked this lesson as done.")).to_be_visible()
    check_page(page, "trainee-lesson-done")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=re.compile(COURSE_TITLE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    check_page(page, "trainee-course-studied")
    join_the_waiting_list(page, full_run, "trainee")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Training runs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training runs")
    check_page(page, "trainee-runs")
    filters = page.get_by_role("form", name="Filter the runs")
    filters.get_by_label("Course").select_option(label=f"CE01 – {COURSE_TITLE}")
    filters.get_by_label("Free seats").check()
    filters.get_by_role("button", name="Filter").click()
    runs = page.get_by_role("table", name=re.compile("Training runs"))
    expect(runs.get_by_role("link", name=full_run)).to_have_count(0)
    check_page(page, "trainee-runs-with-free-seats")
    runs.get_by_role("link", name=open_run, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(open_run)
    check_page(page, "trainee-run-with-seats")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_role("region", name="Registration").get_by_role("status")).to_have_text(
        "Your seat is confirmed."
    )
    check_page(page, "trainee-run-seat")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="ECRI LMS").click()
    courses = page.get_by_role("region", name="My courses")
    expect(courses.get_by_role("listitem").filter(has_text=COURSE_TITLE)).to_contain_text("5 of 5 lessons done")
    expect(page.get_by_role("region", name="My upcoming sessions").get_by_role("link", name=open_run)).to_be_visible()
    check_page(page, "trainee-dashboard")

    # The day of the session: the trainer shows the check-in code, the trainee types it in.
    arrange.session_is_under_way(live_app, open_run_id)
    code = open_check_in(other_page, open_run)
    check_in(page, code, open_run)

    arrange.run_has_taken_place(live_app, open_run_id)
    go_to(page, "Courses")
    check_page(page, "trainee-courses-after-the-run")
    page.get_by_role("link", name=COURSE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    check_page(page, "trainee-course-after-the-run")
    page.get_by_role("region", name="Quizzes").get_by_role("link", name="Final quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final quiz")
    check_page(page, "trainee-quiz")

    page.get_by_role("button", name="Start attempt 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final quiz · attempt 1")
    check_page(page, "trainee-quiz-attempt")
    assert answer_every_question(page, live_app, right=False) >= 10
    submit_attempt(page)
    expect(page.get_by_text(re.compile("below the pass mark of 70%"))).to_be_visible()
    check_page(page, "trainee-quiz-failed")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Final quiz").click()
    expect(page.get_by_text("not passed yet")).to_be_visible()
    check_page(page, "trainee-quiz-not-passed-yet")
    page.get_by_role("button", name="Start attempt 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final quiz · attempt 2")
    check_page(page, "trainee-quiz-attempt-2")
    answer_every_question(page, live_app, right=True)
    submit_attempt(page)
    expect(page.get_by_text("100%")).to_be_visible()
    expect(page.get_by_text("pass", exact=True)).to_be_visible()
    check_page(page, "trainee-quiz-passed")

    verification_url = see_completion_and_download_the_certificate(page, open_run, MARGALIDA["name"])
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")).to_be_visible()
    check_page(page, "trainee-logged-out")
    verify_logged_out(page, verification_url, MARGALIDA["name"], open_run)


def see_completion_and_download_the_certificate(page: Page, run_title: str, name: str) -> str:
    """Every completion rule met and a valid certificate; its PDF names the trainee and the run's course.

    Returns the verification address printed on the certificate (the QR code holds the same).
    """
    open_menu(page, "Me", "My certificates")
    expect(page.get_by_role("heading", level=1)).to_have_text("My certificates")
    run = page.get_by_role("region", name=run_title)
    expect(run.get_by_role("listitem").filter(has_text="Not met:")).to_have_count(0)
    for rule in (
        "The run has ended.",
        "Lessons viewed: 5 of 5.",
        "Attendance: 100% of sessions",
        "Quizzes passed: 1 of 1.",
    ):
        expect(run.get_by_role("listitem").filter(has_text=rule)).to_contain_text("Met:")
    expect(run.get_by_text("Valid", exact=True)).to_be_visible()
    check_page(page, "trainee-certificates")

    with page.expect_download() as download:
        run.get_by_role("link", name="Download the PDF").click()
    pdf = CERTIFICATE_PDF
    download.value.save_as(pdf)
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
    assert name in text and f"{run_title} (CE01)" in text, text
    save_pdf_picture(pdf, "certificate")
    printed = re.search(r"https?://\S+/verify/\S+", text)
    assert printed, f"no verification address on the certificate: {text}"
    return printed.group(0)


def save_pdf_picture(pdf, name: str) -> None:
    """The certificate's first page as a PNG beside the screenshots (poppler's pdftoppm)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(SCREENSHOTS / name)], check=True, timeout=60
    )


def verify_logged_out(page: Page, url: str, name: str, run_title: str) -> None:
    """Anyone with the certificate opens the address on it, without an account."""
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify a certificate")
    expect(page.get_by_role("heading", level=2)).to_have_text("Valid")
    result = page.get_by_role("region", name="Valid")
    expect(result).to_contain_text(name)
    expect(result).to_contain_text(f"{run_title} (CE01)")
    expect(result).to_contain_text("BIOIB")
    check_page(page, "certificate-verification")


def submit_attempt(page: Page) -> None:
    """Press Submit and confirm, as the page asks before an attempt is final."""
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("status").filter(has_text="Your answers are submitted.")).to_be_visible()


def test_the_trainee_journey_fits_a_phone(phone_page, live_app):
    """The same first steps at 390×844: every page fits the width and works with touch."""
    page = phone_page
    full_run = "Cluster economics · Kraków evening group"
    arrange.published_run(
        live_app,
        course="CE01",
        partner="LSK",
        title=full_run,
        capacity=1,
        days_from_now=30,
        trainer="trainer.lsk",
        registrants=("trainee.lsk",),
    )

    register_account(page, TOMASZ, "phone")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {TOMASZ['name']}")
    assert_no_sideways_scrolling(page)
    check_page(page, "phone-trainee-home-new")

    find_course_by_search(page, "phone")
    assert_no_sideways_scrolling(page)
    enrol(page, "phone")
    assert_no_sideways_scrolling(page)
    page.get_by_role("button", name="Mark as done and go on").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(LESSONS[1])
    assert_no_sideways_scrolling(page)
    check_page(page, "phone-lesson-2")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=re.compile(COURSE_TITLE)).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    assert_no_sideways_scrolling(page)
    check_page(page, "phone-course-studied")
    join_the_waiting_list(page, full_run, "phone")
    assert_no_sideways_scrolling(page)

    go_to(page, "Courses")
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")
    check_page(page, "phone-courses-again")
    page.get_by_role("link", name=COURSE_TITLE).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    check_page(page, "phone-course-again")
    page.get_by_role("region", name="Quizzes").get_by_role("link", name="Final quiz").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final quiz")
    assert_no_sideways_scrolling(page)
    check_page(page, "phone-quiz")
    page.get_by_role("button", name="Start attempt 1").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final quiz · attempt 1")
    assert_no_sideways_scrolling(page)
    check_page(page, "phone-quiz-attempt")
    answer_every_question(page, live_app, right=True)
    submit_attempt(page)
    expect(page.get_by_text("pass", exact=True)).to_be_visible()
    assert_no_sideways_scrolling(page)
    check_page(page, "phone-quiz-passed")
