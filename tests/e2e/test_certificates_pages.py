"""Certificates in a browser: a coordinator's run page, a trainee's certificates, public verification."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from ecri_lms.certificates import codes
from ecri_lms.certificates.models import Certificate
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from tests.e2e.checks import check_page
from tests.e2e.conftest import demo_email, login
from tests.e2e.test_foundation_pages import open_menu

pytestmark = pytest.mark.e2e


def demo_certificates(live_app) -> dict[str, tuple[str, str]]:
    """(code, holder's e-mail) of one demo certificate per status."""
    with live_app.app_context():
        found = {}
        for certificate in db.session.scalars(select(Certificate).order_by(Certificate.id)):
            found.setdefault(certificate.status_at(utcnow()), (certificate.code, certificate.user.email))
        return found


def test_a_coordinator_reviews_a_runs_completion_and_certificates(page):
    login(page, demo_email("pc.bioibal"))
    open_menu(page, "Manage", "Certificates")
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificates")
    check_page(page, "certificates-runs")
    page.get_by_role("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Completion and certificates")
    check_page(page, "certificates-run")
    page.get_by_role("button", name="Re-evaluate every trainee").click()
    expect(page.get_by_role("status").filter(has_text=re.compile(r"trainees? checked"))).to_be_visible()
    page.get_by_role("link", name="Change the rules of this run").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Completion rules of this run")
    check_page(page, "certificates-rules")


def test_a_trainee_finds_their_certificate_and_anyone_verifies_it(page, live_app):
    certificates = demo_certificates(live_app)
    code, email = certificates["valid"]
    login(page, email)
    open_menu(page, "Me", "My certificates")
    expect(page.get_by_text(codes.display(code))).to_be_visible()
    check_page(page, "certificates-mine")

    page.goto("/verify")
    check_page(page, "verify-form")
    page.get_by_label("Verification code").fill(codes.display(code).lower())
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Valid")
    check_page(page, "verify-valid")
    page.goto(f"/verify/{certificates['revoked'][0]}")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Revoked on")
    page.goto(f"/verify/{certificates['expired'][0]}")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Expired on")
    check_page(page, "verify-expired")
    page.goto(f"/verify/{codes.new_code()}")
    expect(page.get_by_role("status")).to_have_text("Not found.")
    check_page(page, "verify-unknown")
