"""Reports in a browser: the consortium and a partner dashboard, a list behind a figure, a trainee
record and the audit log, each accessible and valid."""

import pytest
from playwright.sync_api import expect

from tests.e2e.checks import check_page
from tests.e2e.conftest import demo_email, login
from tests.e2e.test_foundation_pages import open_menu

pytestmark = pytest.mark.e2e


def test_the_consortium_coordinator_reads_the_dashboard_and_the_rows_behind_a_figure(page):
    login(page, demo_email("coordinator"))
    open_menu(page, "Reports", "Dashboard")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consortium training dashboard")
    expect(page.get_by_role("img", name="Seats offered and filled")).to_be_visible()
    check_page(page, "reports-consortium")
    page.get_by_role("table", name="Figures per partner and for the consortium").get_by_role("row").filter(
        has_text="Trainees registered"
    ).get_by_role("link").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trainees registered")
    check_page(page, "reports-rows")
    page.get_by_label("To").fill("2020-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("alert")).to_contain_text("Correct the filters")
    check_page(page, "reports-rows-bad-filters")


def test_a_partner_coordinator_sees_their_dashboard_a_trainee_record_and_the_audit_log(page):
    login(page, demo_email("pc.hbio"))
    open_menu(page, "Reports", "Dashboard")
    expect(page.get_by_role("heading", level=1)).to_contain_text("training dashboard")
    expect(page.get_by_role("heading", name="Trainees at risk")).to_be_visible()
    check_page(page, "reports-partner")
    open_menu(page, "Reports", "Audit log")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    check_page(page, "reports-audit")


def test_a_trainee_reads_their_training_record(page):
    login(page, demo_email("trainee.hbio"))
    open_menu(page, "Me", "My training record")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Training record of")
    check_page(page, "reports-trainee-record")
