"""The login page used with the keyboard alone: a sensible tab order, visible focus, Enter submits."""

import re

import pytest
from playwright.sync_api import expect

from ecri_lms.demo.people import DEMO_PASSWORD
from tests.e2e.conftest import demo_email
from tests.e2e.keyboard import tab_to

pytestmark = pytest.mark.e2e


def test_a_person_logs_in_with_the_keyboard_alone(page):
    page.goto("/login")
    nav = page.get_by_role("navigation", name="Main")
    skip_link = page.get_by_role("link", name="Skip to content")
    tab_to(page, skip_link)
    expect(skip_link).to_be_visible()
    # brand, public pages, the language menu, Log in, Sign up: in reading order
    for control in nav.locator("a:visible, button:visible").all():
        tab_to(page, control)

    tab_to(page, page.get_by_label("E-mail"))
    page.keyboard.type(demo_email("trainee.hbio"))
    tab_to(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(DEMO_PASSWORD)
    remember = page.get_by_label("Keep me logged in on this device")
    tab_to(page, remember)
    page.keyboard.press("Space")
    expect(remember).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Log in"))

    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello,")


def test_the_skip_link_jumps_over_the_navigation_to_the_form(page):
    page.goto("/login")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/login#main$"))
    tab_to(page, page.get_by_label("E-mail"))
