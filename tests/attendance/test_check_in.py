"""Self check-in: the window, the code, what a check-in may overwrite, and the rate limit on wrong codes."""

from datetime import timedelta

import pytest
from flask import g
from sqlalchemy import select

from ecri_lms.attendance.checkin import ALPHABET, CheckInRefused, check_in, close_check_in, open_check_in
from ecri_lms.attendance.models import AttendanceMark
from ecri_lms.attendance.services import mark_one
from ecri_lms.infra.errors import ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from tests.factories import login_identity


def mark_of(training_session, user):
    return db.session.scalar(
        select(AttendanceMark).where(
            AttendanceMark.training_session_id == training_session.id, AttendanceMark.user_id == user.id
        )
    )


@pytest.fixture
def opened(world):
    now = utcnow()
    window = open_check_in(world.trainer, world.past[2], 30, now=now)
    db.session.commit()
    return window, now


def test_the_code_is_six_unambiguous_characters(opened):
    window, _ = opened
    assert len(window.code) == 6 and set(window.code) <= set(ALPHABET)
    assert not set("01OIL") & set(ALPHABET)


def test_a_trainee_with_the_code_is_marked_present_during_the_window(world, opened):
    window, now = opened
    anna = world.trainees[0]
    result = check_in(anna, f" {window.code.lower()} ", now=now + timedelta(minutes=5))
    assert result.changed and result.training_session.id == world.past[2].id
    mark = mark_of(world.past[2], anna)
    assert mark.status == "present" and mark.source == "check_in" and mark.marked_by_id == anna.id
    assert not check_in(anna, window.code, now=now + timedelta(minutes=6)).changed


def test_the_window_is_refused_before_and_after(world, opened):
    window, now = opened
    with pytest.raises(CheckInRefused, match="not opened yet"):
        check_in(world.trainees[0], window.code, now=now - timedelta(minutes=1))
    with pytest.raises(CheckInRefused, match="has closed") as refusal:
        check_in(world.trainees[0], window.code, now=now + timedelta(minutes=30))
    assert not refusal.value.wrong_code


def test_a_window_closed_early_refuses_check_ins(world, opened):
    window, now = opened
    close_check_in(world.trainer, world.past[2], now=now + timedelta(minutes=2))
    with pytest.raises(CheckInRefused, match="has closed"):
        check_in(world.trainees[0], window.code, now=now + timedelta(minutes=3))
    with pytest.raises(ValidationError, match="not open"):
        close_check_in(world.trainer, world.past[2], now=now + timedelta(minutes=4))


def test_a_wrong_code_gets_a_clear_message_and_counts_as_wrong(world, opened):
    _, now = opened
    for code in ("ZZZZZZ", "abc", ""):
        with pytest.raises(CheckInRefused, match="not valid") as refusal:
            check_in(world.trainees[0], code, now=now)
        assert refusal.value.wrong_code


def test_only_confirmed_trainees_can_check_in(world, opened, make):
    window, now = opened
    with pytest.raises(CheckInRefused, match="not a confirmed trainee"):
        check_in(make.trainee(), window.code, now=now)


def test_a_check_in_replaces_absent_but_never_a_trainers_late_or_excused(world, opened):
    window, now = opened
    anna, lukasz, chris = world.trainees
    mark_one(world.trainer, world.past[2], anna.id, "absent", "not seen at 9:00")
    mark_one(world.trainer, world.past[2], lukasz.id, "late")
    mark_one(world.trainer, world.past[2], chris.id, "excused")
    assert check_in(anna, window.code, now=now).changed
    assert mark_of(world.past[2], anna).status == "present"
    for trainee, status in ((lukasz, "late"), (chris, "excused")):
        result = check_in(trainee, window.code, now=now)
        assert not result.changed and status in result.message
        assert mark_of(world.past[2], trainee).status == status


def test_opening_needs_a_sensible_length_and_reopening_gives_a_new_code(world, opened):
    window, now = opened
    for minutes in (5, 121):
        with pytest.raises(ValidationError, match="between 15 and 120"):
            open_check_in(world.trainer, world.past[2], minutes, now=now)
    first = window.code
    again = open_check_in(world.trainer, world.past[2], 15, now=now + timedelta(minutes=40))
    assert again.id == window.id and again.closes_at == now + timedelta(minutes=55)
    with pytest.raises(CheckInRefused):
        check_in(world.trainees[0], first if first != again.code else "ZZZZZZ", now=now + timedelta(minutes=41))


def test_the_check_in_page_marks_present_and_says_so(world, opened, client, login_as):
    window, _ = opened
    login_as(world.trainees[1])
    response = client.post("/check-in", data={"code": window.code}, follow_redirects=True)
    assert "You are checked in" in response.text
    assert mark_of(world.past[2], world.trainees[1]).status == "present"
    response = client.post("/check-in", data={"code": "QQQQQQ"}, follow_redirects=True)
    assert "That code is not valid" in response.text


def test_following_the_qr_link_while_logged_in_checks_in(world, opened, client, login_as):
    window, _ = opened
    assert client.get(f"/check-in/{window.code}").status_code == 302  # to the login page
    login_as(world.trainees[0])
    response = client.get(f"/check-in/{window.code}", follow_redirects=True)
    assert "You are checked in" in response.text and "My attendance" in response.text


def test_the_trainer_sees_the_code_and_a_qr_code(world, opened, client, login_as):
    window, _ = opened
    login_as(world.trainer)
    page = client.get(f"/sessions/{world.past[2].id}/sheet")
    assert window.code in page.text and f"/check-in/{window.code}" in page.text
    svg = client.get(f"/sessions/{world.past[2].id}/check-in/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    assert client.post(f"/sessions/{world.past[2].id}/check-in/close").status_code == 302
    assert client.get(f"/sessions/{world.past[2].id}/check-in/qr.svg").status_code == 404


def test_repeated_wrong_codes_are_rate_limited_per_user(world, opened, make_app):
    # Read what the test needs first: inside the other app's context the shared session would borrow its engine.
    code, user_ids = opened[0].code, [login_identity(trainee) for trainee in world.trainees[:2]]
    limited = make_app(RATELIMIT_ENABLED=True, CHECK_IN_RATE_LIMIT="3 per minute")
    limited.teardown_request(lambda _exc: g.pop("_login_user", None))  # requests share the test's app context
    with limited.app_context():
        anna, lukasz = limited.test_client(), limited.test_client()
        for client, user_id in ((anna, user_ids[0]), (lukasz, user_ids[1])):
            with client.session_transaction() as sess:
                sess["_user_id"], sess["_fresh"] = user_id, True
        codes = [anna.post("/check-in", data={"code": "WRONG2"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = anna.get(f"/check-in/{code}")
        assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 60
        assert "Try again in" in refused.text and 'class="navbar' in refused.text
        # another trainee is not blocked, and right codes never count towards the limit
        for _ in range(4):
            assert lukasz.post("/check-in", data={"code": code}).status_code == 302
    assert mark_of(world.past[2], world.trainees[1]).status == "present"
    assert mark_of(world.past[2], world.trainees[0]) is None
