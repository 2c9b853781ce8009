"""Every button a page shows is one the rules accept: for each role, every POST form of every page that role
reaches is submitted with the values it shows, and no permission or state rule refuses it.

Refused by a rule: a 403 or 404, or a domain error's message shown back (a danger flash or the page again).
A form turned down for what it asks to be typed in (a required field left empty) is not: its fields say so.
"""

from html import escape

import pytest
from werkzeug.datastructures import MultiDict

from ecri_lms.infra.errors import DomainError
from ecri_lms.infra.extensions import db
from tests.security import stats
from tests.security.client_roles import act_as
from tests.security.routes import route_cases, url_of
from tests.security.shown_forms import Submission, post_submissions
from tests.security.world import ROLES

pytestmark = pytest.mark.generated

PAGES = [endpoint for endpoint, method in route_cases() if method == "GET"]
CRAWLING_ROLES = ROLES + ("learner", "teacher")

# Buttons that need something typed in first, whose service (not the form) says so: (path, button) → why.
NEEDS_INPUT: dict[tuple[str, str], str] = {}


def _shown_submissions(app, client, world, role: str) -> list[Submission]:
    """The presses of every POST form on the pages the role reaches, each distinct form once."""
    found: dict[tuple, Submission] = {}
    for endpoint in PAGES:
        url = url_of(app, endpoint, world.ids)
        act_as(client, world, role)
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            for submission in post_submissions(response.get_data(as_text=True), url):
                found.setdefault(submission.key, submission)
        response.close()
    return list(found.values())


def _rule_refusals(client, response, raised: list[DomainError]) -> list[str]:
    """The domain errors the response shows: flashed as danger, or on the page it sent back."""
    with client.session_transaction() as sess:
        danger = {message for category, message in sess.get("_flashes", []) if category == "danger"}
    body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
    return [e.message for e in raised if e.message in danger or escape(e.message) in body]


@pytest.fixture
def raised_errors(monkeypatch) -> list[DomainError]:
    """Every domain error created while the test runs."""
    raised: list[DomainError] = []
    original = DomainError.__init__

    def noting(self, message: str):
        original(self, message)
        raised.append(self)

    monkeypatch.setattr(DomainError, "__init__", noting)
    return raised


@pytest.mark.parametrize("role", CRAWLING_ROLES)
def test_no_form_a_page_shows_is_refused_by_a_rule(app, client, world, raised_errors, request, role):
    refused = []
    submissions = _shown_submissions(app, client, world, role)
    for submission in submissions:
        act_as(client, world, role)
        raised_errors.clear()
        response = client.post(submission.path, data=MultiDict(submission.data))
        assert response.status_code < 500, f"{role}: {submission} → {response.status_code}"
        if response.status_code in (403, 404):
            refused.append(f"{submission.path} [{submission.button}] → {response.status_code}")
        elif (submission.path, submission.button) not in NEEDS_INPUT:
            refused += [
                f"{submission.path} [{submission.button}] → {m}"
                for m in _rule_refusals(client, response, raised_errors)
            ]
        response.close()
        world = world.restored()
        db.session.expire_all()
    stats.count(request.config, shown_forms=len(submissions))
    assert not refused, f"{role} is shown forms the rules refuse:\n" + "\n".join(refused)
