"""A login is a session kept on the server: logging out ends it there, so a copied cookie or remember token
dies with it on every instance of the app, while the user's other devices stay signed in."""

import pytest
from sqlalchemy import func, select

from ecri_lms.accounts.login_sessions import LAST_SEEN_STEP, describe_device
from ecri_lms.accounts.models import LoginSession
from ecri_lms.infra.extensions import db
from ecri_lms.privacy.services import erase_personal_data, export_personal_data
from tests.factories import PASSWORD

EMAIL = "devices@example.org"
FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ON_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def _device(app, *, remember: bool = False, agent: str = FIREFOX_ON_WINDOWS):
    client = app.test_client()
    form = {"email": EMAIL, "password": PASSWORD} | ({"remember": "y"} if remember else {})
    assert client.post("/login", data=form, headers={"User-Agent": agent}).status_code == 302
    assert client.get("/profile").status_code == 200
    return client


def _cookies(client) -> dict[str, str]:
    return {name: client.get_cookie(name).value for name in ("session", "remember_token") if client.get_cookie(name)}


def _signed_in(app, cookies: dict[str, str]) -> bool:
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client.get("/profile").status_code == 200


def test_a_copied_cookie_or_remember_token_is_refused_after_logout_on_another_instance(app, make, make_app):
    make.trainee(email=EMAIL)
    device = _device(app, remember=True)
    copied = _cookies(device)
    other_instance = make_app()
    assert set(copied) == {"session", "remember_token"} and _signed_in(other_instance, copied)

    device.post("/logout")

    assert not _signed_in(other_instance, copied)
    assert not _signed_in(other_instance, {"session": copied["session"]})
    assert not _signed_in(other_instance, {"remember_token": copied["remember_token"]})
    assert device.get("/profile").status_code == 302


def test_logging_out_on_one_device_leaves_the_others_signed_in(app, make):
    make.trainee(email=EMAIL)
    laptop, phone = _device(app, remember=True), _device(app, agent=CHROME_ON_ANDROID)

    laptop.post("/logout")

    assert phone.get("/profile").status_code == 200
    assert laptop.get("/profile").status_code == 302


def test_log_out_of_all_devices_ends_every_session_and_remember_token(app, make, make_app):
    make.trainee(email=EMAIL)
    laptop, phone = _device(app, remember=True), _device(app, agent=CHROME_ON_ANDROID)
    copied = _cookies(laptop)

    response = phone.post("/profile/log-out-everywhere", follow_redirects=True)

    assert "logged out on every device" in response.text
    assert phone.get("/profile").status_code == 302 and laptop.get("/profile").status_code == 302
    assert not _signed_in(make_app(), copied)
    assert not _signed_in(app, {"remember_token": copied["remember_token"]})


def test_the_profile_lists_the_devices_signed_in_and_marks_this_one(app, make):
    make.trainee(email=EMAIL)
    laptop, phone = _device(app), _device(app, agent=CHROME_ON_ANDROID)
    page = laptop.get("/profile").text
    assert "Firefox on Windows" in page and "Chrome on Android" in page and "this device" in page

    phone.post("/logout")

    assert "Chrome on Android" not in laptop.get("/profile").text


def test_a_page_seen_after_a_while_moves_the_devices_last_seen_on(app, make):
    make.trainee(email=EMAIL)
    laptop = _device(app)
    row = db.session.scalars(select(LoginSession)).one()
    row.last_seen_at = long_ago = row.last_seen_at - LAST_SEEN_STEP
    db.session.commit()

    assert laptop.get("/profile").status_code == 200

    db.session.expire_all()
    assert db.session.scalars(select(LoginSession)).one().last_seen_at > long_ago


def test_a_device_unused_for_longer_than_a_remember_cookie_lives_is_logged_out(app, make):
    make.trainee(email=EMAIL)
    laptop = _device(app, remember=True)
    row = db.session.scalars(select(LoginSession)).one()
    row.last_seen_at -= app.config["REMEMBER_COOKIE_DURATION"]
    db.session.commit()

    assert laptop.get("/profile").status_code == 302


def test_devices_are_in_the_personal_data_download_and_go_with_erasure(app, make):
    admin, trainee = make.admin(), make.trainee(email=EMAIL)
    _device(app, agent=CHROME_ON_ANDROID)

    exported = export_personal_data(trainee, trainee)["login_sessions"]
    assert [entry["device"] for entry in exported] == ["Chrome on Android"]
    assert {"signed_in_at", "last_seen_at", "ended_at"} <= set(exported[0])

    erase_personal_data(admin, trainee)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(LoginSession)) == 0


@pytest.mark.parametrize(
    "agent, device",
    [
        (FIREFOX_ON_WINDOWS, "Firefox on Windows"),
        (CHROME_ON_ANDROID, "Chrome on Android"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
            "Safari/537.36 Edg/126.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari on iOS",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
            "Safari/537.36",
            "Chrome on macOS",
        ),
        ("curl/8.5.0", "Unknown device"),
        ("", "Unknown device"),
    ],
)
def test_a_device_is_named_by_its_browser_and_system(agent, device):
    assert describe_device(agent) == device
