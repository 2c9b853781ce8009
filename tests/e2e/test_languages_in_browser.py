"""Reading the product in Greek: a visitor switches language from the menu, reads a translated course,
logs in, and the language stays theirs. The pages are checked and saved like every other journey's."""

import re

import pytest
from playwright.sync_api import Page, expect

from ecri_lms.accounts.models import User, UserRole
from ecri_lms.accounts.permissions import Role
from ecri_lms.infra.extensions import db
from tests.e2e import arrange
from tests.e2e.checks import check_page
from tests.e2e.conftest import DEMO_PASSWORD, demo_email

pytestmark = pytest.mark.e2e

GREEK_TITLE = "Υπηρεσίες προς τα μέλη και διαχείριση της καινοτομίας"


def choose_language(page: Page, current: str, wanted: str) -> None:
    nav = page.get_by_role("navigation", name=current)
    toggle = nav.get_by_role("button", name="Εμφάνιση μενού" if current == "Κύριο μενού" else "Show the menu")
    if toggle.is_visible():
        toggle.click()
    nav.locator("button.dropdown-toggle[aria-label]").last.click()
    with page.expect_navigation():
        nav.get_by_role("button", name=wanted, exact=True).click()


def _new_greek_reader(live_app) -> str:
    """A trainee of HBIO who has never logged in (so no language is stored yet), with the demo password."""
    email = demo_email("eleni.greek-reader")
    with live_app.app_context():
        model = arrange.user(demo_email("trainee.hbio"))
        person = User(
            email=email,
            name="Ελένη Παπαδοπούλου",
            password_hash=model.password_hash,
            partner_id=model.partner_id,
            organisation_id=model.organisation_id,
            timezone=model.timezone,
        )
        person.roles = [UserRole(role=Role.TRAINEE.value)]
        db.session.add(person)
        db.session.commit()
    return email


def test_a_visitor_switches_to_greek_and_reads_a_translated_course(page, live_app):
    email = _new_greek_reader(live_app)
    page.goto("/courses/CE06")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    choose_language(page, "Main", "Ελληνικά")

    expect(page.locator("html")).to_have_attribute("lang", "el")
    expect(page).to_have_url(re.compile(r"/courses/CE06$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(GREEK_TITLE)
    nav = page.get_by_role("navigation", name="Κύριο μενού")
    expect(nav.get_by_role("link", name="Σύνδεση")).to_be_visible()
    check_page(page, "greek-course")

    page.goto("/login")
    form = page.get_by_role("main").locator("form")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/login"))
    expect(page.locator("html")).to_have_attribute("lang", "el")  # the first login keeps what she read in
    check_page(page, "greek-home")

    choose_language(page, "Κύριο μενού", "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
