"""What the browser is told: no inline script anywhere, cookies it cannot leak, sessions that
start fresh at login and end when the account is suspended or erased."""

import re
from pathlib import Path

from ecri_lms.accounts.services import set_active
from ecri_lms.infra.extensions import db
from ecri_lms.privacy.services import erase_personal_data
from ecri_lms.scheduling.services import issue_feed_token
from tests.factories import PASSWORD
from tests.security.client_roles import act_as
from tests.security.matrix import MATRIX
from tests.security.routes import route_cases, url_of
from tests.security.world import ROLES

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
LOGGED_IN_ROLES = ("trainee", "pc_own", "trainer", "cc", "admin")


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text, name = template.read_text(encoding="utf-8"), template.relative_to(TEMPLATES)
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, JAVASCRIPT_URL):
            offenders += [f"{name}: {match.group(0)[:60]}" for match in pattern.finditer(text)]
    assert not offenders, offenders


def test_the_policy_forbids_inline_script_on_every_page_kind(client, make, login_as):
    login_as(make.partner_coordinator())
    for path in ("/", "/courses", "/runs", "/profile", "/no/such/page"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_login_starts_a_fresh_session(client, make):
    make.trainee(email="fresh@example.org")
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker before login"
    client.post("/login", data={"email": "fresh@example.org", "password": PASSWORD})
    with client.session_transaction() as sess:
        assert "planted" not in sess and sess.get("_user_id")


def test_the_remember_cookie_is_httponly_and_lax(client, make):
    make.trainee(email="remember@example.org")
    response = client.post("/login", data={"email": "remember@example.org", "password": PASSWORD, "remember": "y"})
    cookies = [value for name, value in response.headers.items() if name == "Set-Cookie"]
    remember = [cookie for cookie in cookies if cookie.startswith("remember_token=")]
    assert remember and all("HttpOnly" in c and "SameSite=Lax" in c for c in remember)


def _logged_in(app, email):
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    assert client.get("/profile").status_code == 200
    return client


def test_suspension_and_erasure_end_every_session(app, make):
    admin = make.admin()
    suspended, erased = make.trainee(email="s@example.org"), make.trainee(email="e@example.org")
    suspended_client, erased_client = _logged_in(app, "s@example.org"), _logged_in(app, "e@example.org")
    set_active(admin, suspended, False)
    erase_personal_data(admin, erased)
    db.session.commit()
    assert suspended_client.get("/profile").status_code == 302
    assert erased_client.get("/profile").status_code == 302


def _first_reader(endpoint: str) -> str:
    """A logged-in role the matrix lets see the page (or download), so that real content is served."""
    line = MATRIX[endpoint]["GET"]
    return next((role for role in LOGGED_IN_ROLES if line[ROLES.index(role)] == "A"), "admin")


def test_nothing_served_to_a_logged_in_user_is_stored_by_browsers_or_proxies(app, client, world):
    stored = []
    for endpoint, method in route_cases(app):
        if method != "GET":
            continue
        act_as(client, world, _first_reader(endpoint))
        response = client.get(url_of(app, endpoint, world.ids))
        if "no-store" not in response.headers.get("Cache-Control", ""):
            stored.append(f"{endpoint} ({response.status_code}): {response.headers.get('Cache-Control')}")
        response.close()
    assert not stored, stored


def test_a_page_or_download_at_a_secret_url_is_not_stored(client, make):
    trainee = make.trainee()
    token = issue_feed_token(trainee)
    db.session.commit()
    for url in (f"/calendar/feed/{token}.ics", "/calendar/feed/not-a-token.ics", "/password/reset/not-a-token"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url
