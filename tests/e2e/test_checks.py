"""The checks themselves: each one must fail on a page that has the fault it is there to find."""

import pytest
from playwright.sync_api import Error, expect

from ecri_lms.infra.security import CONTENT_SECURITY_POLICY
from tests.e2e.checks import HtmlBatch, assert_accessible, assert_no_browser_errors, server_html
from tests.e2e.conftest import demo_email

pytestmark = pytest.mark.e2e

VALID = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fine</title></head>
<body><main><h1>Fine</h1></main></body></html>"""
INACCESSIBLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
<body><main><h1>Bad</h1><p class="faint">Faint text</p><input id="nameless" type="text">
<img src="/static/img/favicon.svg"></main></body></html>"""
FAINT_STYLE = ".faint { color: #bbb; background: #fff; }"


def serve(page, live_server, path: str, body: str, headers: dict | None = None) -> str:
    """Answer one URL on the app's origin with this page, as if the app had sent it."""
    url = live_server.url + path
    page.route(
        url, lambda route: route.fulfill(body=body, content_type="text/html; charset=utf-8", headers=headers or {})
    )
    return url


def test_axe_fails_on_an_unlabelled_field_faint_text_and_an_image_without_text(page, live_server):
    html = INACCESSIBLE.replace("</head>", f"<style>{FAINT_STYLE}</style></head>")
    page.goto(serve(page, live_server, "/__e2e__/inaccessible", html))
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "- label (critical)" in message and "#nameless" in message
    assert "- color-contrast (serious)" in message and "contrast of 1.91" in message
    assert "- image-alt (critical)" in message


def test_the_nu_checker_names_the_page_and_line_of_each_error():
    batch = HtmlBatch()
    batch.add("fine page", VALID)
    batch.add("broken page", VALID.replace("<h1>Fine</h1>", "<h1>Fine</h1>\n<p><div></span>"))
    errors = batch.errors()
    assert errors, "the broken page passed"
    assert all(error.startswith("- broken page, line 3:") for error in errors), errors
    assert batch.errors() == []  # the batch is emptied by the run


def test_the_html_checked_after_a_form_is_sent_is_the_servers_answer_to_it(page):
    page.goto("/login")
    page.get_by_label("E-mail").fill(demo_email("trainee.lsk"))
    page.get_by_label("Password", exact=True).fill("not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert "Wrong e-mail or password." in server_html(page)


def test_the_apps_content_security_policy_stays_on_and_its_violations_fail(page):
    page.goto("/login")
    with pytest.raises(Error):
        page.add_script_tag(content="window.inlineScriptRan = true")
    assert page.evaluate("() => window.inlineScriptRan === undefined")
    with pytest.raises(AssertionError, match="Content Security Policy"):
        assert_no_browser_errors(page)


def test_a_missing_asset_fails(page, live_server):
    html = VALID.replace("</main>", '<img src="/static/img/no-such-picture.png" alt="A picture"></main>')
    page.goto(
        serve(page, live_server, "/__e2e__/missing-asset", html, {"Content-Security-Policy": CONTENT_SECURITY_POLICY})
    )
    expect(page.get_by_role("heading", name="Fine")).to_be_visible()
    page.wait_for_load_state("load")
    with pytest.raises(AssertionError, match="asset: 404 for .*/static/img/no-such-picture.png"):
        assert_no_browser_errors(page)
