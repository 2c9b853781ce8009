"""The pages every role starts from, used in a browser: each one accessible, valid and screenshotted."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from ecri_lms.accounts.models import User
from ecri_lms.infra.extensions import db
from ecri_lms.notifications.services import mark_read, notify
from tests.e2e.checks import check_page
from tests.e2e.conftest import demo_email, login

pytestmark = pytest.mark.e2e


def open_menu(page: Page, menu: str, item: str) -> None:
    """Choose an entry of a drop-down menu of the navigation bar."""
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name=menu).click()
    with page.expect_navigation():
        nav.get_by_role("link", name=item).click()


def greeted_name(page: Page) -> str:
    """The name the home page's "Hello, …" heading greets."""
    return page.get_by_role("heading", level=1).inner_text().removeprefix("Hello, ")


def test_a_visitor_reads_the_welcome_page_and_a_wrong_password_is_refused(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training for cluster-management excellence")
    check_page(page, "welcome")

    page.get_by_role("main").get_by_role("link", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    check_page(page, "login")

    page.get_by_label("E-mail").fill(demo_email("trainee.hbio"))
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong e-mail or password.")
    expect(page.get_by_label("E-mail")).to_have_value(demo_email("trainee.hbio"))
    check_page(page, "login-wrong-password")

    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    check_page(page, "forgot-password")

    page.goto("/no-such-page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_page(page, "not-found")


def test_a_visitor_registers_with_a_greek_name_after_fixing_a_mistake(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    check_page(page, "register")

    page.get_by_label("Full name").fill("Ελένη Παπαδοπούλου")
    page.get_by_label("E-mail").fill("eleni.papadopoulou@attica-peptides.example")
    page.get_by_label("Password", exact=True).fill("Κνωσός-2017-peptides")
    page.get_by_label("Repeat the password").fill("Κνωσός-2017-peptide")
    page.get_by_label("Your cluster").select_option(label="Hellenic BioCluster (Attica, Greece)")
    page.get_by_label("Type of organisation").select_option(label="SME")
    page.get_by_label("Organisation name").fill("Αττική Πεπτίδια ΑΕ")
    page.get_by_label("Job title").fill("Υπεύθυνη ρυθμιστικών θεμάτων")
    page.get_by_role("button", name="Create my account").click()
    repeat = page.get_by_label("Repeat the password")
    expect(repeat).to_have_attribute("aria-invalid", "true")
    expect(repeat).to_have_accessible_description("The passwords differ.")
    check_page(page, "register-with-an-error")

    page.get_by_label("Password", exact=True).fill("Κνωσός-2017-peptides")
    repeat.fill("Κνωσός-2017-peptides")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("status")).to_have_text("Welcome! Your account is ready.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ελένη Παπαδοπούλου")
    check_page(page, "registered-trainee-home")


def test_a_trainee_sees_their_home_page_and_edits_their_profile(page):
    login(page, demo_email("trainee.lsk"))
    check_page(page, "trainee-home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name=greeted_name(page)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    check_page(page, "trainee-profile")

    page.get_by_label("Job title").fill("Kierowniczka ds. regulacyjnych")
    page.get_by_label("Time zone").fill("Europe/Warsaw")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Profile saved.")
    expect(page.get_by_label("Job title")).to_have_value("Kierowniczka ds. regulacyjnych")
    check_page(page, "trainee-profile-saved")

    page.get_by_label("Time zone").fill("Europe/Cracow-ish")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_label("Time zone")).to_have_accessible_description(re.compile("Unknown time zone"))
    check_page(page, "trainee-profile-with-an-error")


def test_a_trainee_reads_their_notifications_and_marks_them_read(page, live_app):
    with live_app.app_context():
        trainee = db.session.scalar(select(User).where(User.email == demo_email("trainee.biopmed")))
        mark_read(trainee)  # the demo may already have told them things
        notify(
            trainee,
            "Welcome to the ECRI training programme",
            "Your cluster, bioPmed, has registered you.\nThe first courses open in September.",
        )
        notify(trainee, "Your profile is incomplete", "Add your job title so trainers can plan.", link="/profile")
        db.session.commit()

    login(page, demo_email("trainee.biopmed"))
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Notifications 2 unread")).to_be_visible()
    nav.get_by_role("link", name="Notifications 2 unread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.get_by_role("listitem").filter(has_text="Welcome to the ECRI training programme")).to_be_visible()
    check_page(page, "trainee-notifications")

    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("New", exact=True)).to_have_count(0)
    expect(nav.get_by_role("link", name=re.compile("unread"))).to_have_count(0)
    check_page(page, "trainee-notifications-read")


def test_an_admin_finds_a_person_and_adds_a_partner(page):
    login(page, demo_email("admin"))
    check_page(page, "admin-home")

    open_menu(page, "Manage", "People")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    check_page(page, "admin-people")

    page.get_by_role("link", name="New account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New account")
    check_page(page, "admin-new-account")
    page.go_back()

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    check_page(page, "admin-people-page-2")

    page.get_by_label("Search by name or e-mail").fill("trainer.hbio")
    page.get_by_role("button", name="Filter").click()
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(2)
    rows.nth(1).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Roles", level=2)).to_be_visible()
    expect(page.get_by_role("checkbox", name="Trainer")).to_be_checked()
    check_page(page, "admin-person")

    open_menu(page, "Consortium", "Partners")
    expect(page.get_by_role("heading", level=1)).to_have_text("The consortium")
    check_page(page, "partners")

    form = page.get_by_role("form", name="Add a partner")
    form.get_by_label("Code", exact=True).fill("BIOM")
    form.get_by_label("Full name").fill("BioM Biotech Cluster Development GmbH")
    form.get_by_label("Short name").fill("BioM")
    form.get_by_label("Region", exact=True).fill("Bavaria")
    form.get_by_label("Country", exact=True).fill("Germany")
    form.get_by_label("Country code (ISO 3166, two letters)").fill("DE")
    form.get_by_label("Time zone (IANA)").fill("Europe/Munich")
    form.get_by_role("button", name="Add partner").click()
    expect(form.get_by_label("Time zone (IANA)")).to_have_accessible_description(re.compile("Unknown time zone"))
    check_page(page, "partners-with-an-error")

    form.get_by_label("Time zone (IANA)").fill("Europe/Berlin")
    form.get_by_role("button", name="Add partner").click()
    expect(page.get_by_role("status")).to_have_text("Partner added.")
    expect(page.get_by_role("row").filter(has_text="Bavaria")).to_contain_text("Europe/Berlin")
    check_page(page, "partners-added")


def test_the_trainee_pages_fit_a_phone(phone_page):
    page = phone_page
    page.goto("/login")
    check_page(page, "phone-login")
    login(page, demo_email("trainee.bioibal"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello,")
    assert_no_sideways_scrolling(page)
    check_page(page, "phone-trainee-home")

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name="Show the menu").click()
    expect(nav.locator("#main-nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))  # opened, not opening
    nav.get_by_role("link", name=greeted_name(page)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    assert_no_sideways_scrolling(page)
    check_page(page, "phone-trainee-profile")


def assert_no_sideways_scrolling(page: Page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the phone's screen"
