"""Attendance sheets, check-in, attendance and the gradebook in a browser: each page accessible and valid."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from ecri_lms.accounts.organisations import Partner
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling.models import CourseRun
from tests.e2e.checks import check_page
from tests.e2e.conftest import demo_email, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def past_hbio_run(live_app):
    """The demo's completed HBIO run and its first session (ids only: the browser does the rest)."""
    with live_app.app_context():
        run = db.session.scalar(
            select(CourseRun)
            .join(Partner, Partner.id == CourseRun.partner_id)
            .where(Partner.code == "HBIO", CourseRun.status == "completed")
        )
        return run.id, run.sessions[0].id


def test_a_coordinator_keeps_an_attendance_sheet_and_opens_check_in(page, past_hbio_run):
    run_id, session_id = past_hbio_run
    login(page, demo_email("pc.hbio"))
    page.goto(f"/runs/{run_id}")
    page.get_by_role("link", name="Attendance sheet").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attendance sheet:")
    check_page(page, "attendance-sheet")

    page.get_by_label("Open for (minutes)").fill("20")
    page.get_by_role("button", name="Open check-in").click()
    expect(page.get_by_role("img", name="QR code that opens the check-in link")).to_be_visible()
    check_page(page, "attendance-check-in-open")
    page.get_by_role("button", name="Close check-in now").click()
    expect(page.get_by_role("button", name="Open check-in")).to_be_visible()

    page.goto(f"/runs/{run_id}/attendance")
    expect(page.get_by_role("heading", name="How attendance counts")).to_be_visible()
    check_page(page, "attendance-overview")

    page.goto(f"/runs/{run_id}/gradebook")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gradebook")
    check_page(page, "gradebook")
    page.get_by_role("link", name="Attendance", exact=True).click()
    expect(page.locator("th[aria-sort]")).to_contain_text("Attendance")


def test_a_trainee_checks_in_with_a_wrong_code_and_sees_their_attendance(page):
    login(page, demo_email("trainee.hbio"))
    page.goto("/check-in")
    check_page(page, "attendance-check-in")
    page.get_by_label("Check-in code").fill("WRONG2")
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not valid")
    page.goto("/my/attendance")
    expect(page.get_by_role("heading", level=1)).to_have_text("My attendance")
    check_page(page, "attendance-mine")
