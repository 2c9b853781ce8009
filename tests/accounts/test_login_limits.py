"""Login limits stop attackers, not classrooms: only failures count, and after a few failures for an account
from one address that address waits ever longer, while the owner elsewhere is not slowed."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from ecri_lms.accounts.login_failures import FREE_FAILURES, LONGEST_WAIT
from ecri_lms.accounts.models import LoginFailure
from ecri_lms.infra.extensions import db
from tests.factories import PASSWORD

VENUE, ATTACKER, HOME = "192.0.2.10", "203.0.113.66", "198.51.100.7"


@pytest.fixture
def limited_app(make_app):
    """Rate limits on, as in production (the testing configuration turns them off)."""
    return make_app(RATELIMIT_ENABLED=True)


def _client(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _log_in(client, email: str, password: str = PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


def _rewind_failures(seconds: float) -> None:
    """As if the last failure had happened `seconds` earlier."""
    for row in db.session.scalars(select(LoginFailure)):
        row.last_failed_at -= timedelta(seconds=seconds)
    db.session.commit()


def test_forty_trainees_logging_in_from_one_address_within_a_minute_all_get_in(limited_app, make):
    emails = [make.trainee(email=f"trainee{number}@example.org").email for number in range(40)]
    codes = [_log_in(_client(limited_app, VENUE), email).status_code for email in emails]
    assert codes == [302] * 40


def test_an_attacker_failing_on_an_account_does_not_stop_its_owner_from_another_address(limited_app, make):
    make.trainee(email="owner@example.org")
    attacker = _client(limited_app, ATTACKER)
    codes = [_log_in(attacker, "owner@example.org", f"guess-number-{n}").status_code for n in range(12)]
    assert codes == [200] * FREE_FAILURES + [429] * (12 - FREE_FAILURES)

    owner = _client(limited_app, HOME)
    assert _log_in(owner, "owner@example.org").status_code == 302
    assert owner.get("/profile").status_code == 200


def test_after_five_failures_each_further_attempt_from_that_address_waits_twice_as_long(limited_app, make):
    make.trainee(email="owner@example.org")
    attacker = _client(limited_app, ATTACKER)
    for _ in range(FREE_FAILURES):
        assert _log_in(attacker, "owner@example.org", "wrong-password").status_code == 200

    waits = []
    for _ in range(7):
        refused = _log_in(attacker, "owner@example.org")  # even the right password waits its turn
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        _rewind_failures(waits[-1])
        assert _log_in(attacker, "owner@example.org", "wrong-password").status_code == 200

    assert waits == [15, 30, 60, 120, 240, 300, 300] and LONGEST_WAIT.total_seconds() == 300


def test_a_successful_login_forgets_the_failures_of_that_account_from_that_address(limited_app, make):
    make.trainee(email="typist@example.org")
    venue = _client(limited_app, VENUE)
    for _ in range(FREE_FAILURES - 1):
        assert _log_in(venue, "typist@example.org", "typo").status_code == 200
    assert _log_in(venue, "typist@example.org").status_code == 302
    venue.post("/logout")

    codes = [_log_in(venue, "typist@example.org", "typo").status_code for _ in range(FREE_FAILURES)]
    assert codes == [200] * FREE_FAILURES
    assert db.session.scalar(select(LoginFailure.failures)) == FREE_FAILURES


def test_failures_are_kept_without_the_address_or_the_email_in_clear(limited_app, make):
    _log_in(_client(limited_app, ATTACKER), "nobody@example.org", "wrong-password")
    stored = repr(db.session.execute(select(LoginFailure.__table__)).all())
    assert "nobody" not in stored and ATTACKER not in stored


def test_failures_from_one_address_over_many_accounts_meet_the_per_address_ceiling(make_app, make):
    make.partners()
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT_PER_ADDRESS="6 per minute")
    sprayer = _client(app, ATTACKER)
    codes = [_log_in(sprayer, f"u{number}@example.org", "Password1").status_code for number in range(8)]
    assert codes == [200] * 6 + [429] * 2
    assert _log_in(_client(app, VENUE), "u1@example.org", "Password1").status_code == 200


def test_the_too_many_requests_page_is_in_the_site_layout_and_says_when_to_try_again(limited_app, make):
    make.trainee(email="owner@example.org")
    attacker = _client(limited_app, ATTACKER)
    for _ in range(FREE_FAILURES):
        _log_in(attacker, "owner@example.org", "wrong-password")
    db.session.execute(update(LoginFailure).values(failures=FREE_FAILURES + 3))
    db.session.commit()

    page = _log_in(attacker, "owner@example.org")

    assert page.status_code == 429 and page.headers["Retry-After"] == "120"
    assert "Try again in 2 minutes" in page.text and 'class="navbar' in page.text
    assert "Wrong e-mail or password" not in page.text
