"""Which language a page is in: the profile's, else the switcher's cookie, else the browser's Accept-Language,
else the language of the person's partner, else English; the switcher stores it and changes nothing else."""

import re

import pytest
from sqlalchemy import func, select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.languages import COOKIE
from ecri_lms.accounts.models import User
from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.models import OutboxMessage
from ecri_lms.notifications.models import Notification
from tests.factories import PASSWORD


def page_language(response) -> str:
    return re.search(r'<html lang="([a-z]+)">', response.text).group(1)


def language_of_page(client, path="/", accept="de", cookie=None) -> str:
    if cookie is not None:
        client.set_cookie(COOKIE, cookie)
    response = client.get(path, headers={"Accept-Language": accept})
    assert response.status_code == 200
    return page_language(response)


def test_the_profile_comes_first(client, make, login_as):
    login_as(make.trainee(language="pl"))  # a trainee of HBIO: their partner reads Greek
    assert language_of_page(client, accept="it", cookie="es") == "pl"


def test_then_the_cookie_of_the_switcher(client):
    assert language_of_page(client, accept="it", cookie="es") == "es"


def test_then_the_browser_s_accept_language(client, make, login_as):
    assert language_of_page(client, accept="it;q=0.9, de;q=1") == "it"
    login_as(make.trainee(language=None))  # no language stored yet
    assert language_of_page(client, accept="it") == "it"


def test_then_the_partner_s_language(client, make, login_as):
    login_as(make.trainee(partner="LSK", language=None))
    assert language_of_page(client, accept="de") == "pl"


def test_then_english(client, make, login_as):
    assert language_of_page(client, accept="de") == "en"
    login_as(make.admin(language=None))  # consortium-wide: no partner to read a language from
    assert language_of_page(client, accept="de") == "en"


def test_a_cookie_or_header_naming_no_language_of_ours_is_ignored(client):
    assert language_of_page(client, accept="xx", cookie="<script>") == "en"


def test_the_first_login_keeps_the_language_the_browser_was_reading(client, make):
    user = make.trainee(email="t@example.org", language=None)
    client.set_cookie(COOKIE, "it")
    client.post("/login", data={"email": "t@example.org", "password": PASSWORD})
    db.session.expire_all()
    assert db.session.get(User, user.id).language == "it"
    client.delete_cookie(COOKIE)
    assert language_of_page(client, accept="es") == "it"


def test_the_switcher_stores_the_language_of_a_signed_in_person(client, make, login_as):
    user = login_as(make.trainee(language="en"))
    response = client.post("/language", data={"language": "el", "next": "/profile"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/profile")
    db.session.expire_all()
    assert db.session.get(User, user.id).language == "el"
    assert page_language(client.get("/profile", headers={"Accept-Language": "es"})) == "el"
    client.delete_cookie(COOKIE)  # the profile, not the cookie, holds it: another browser reads Greek too
    assert language_of_page(client, path="/profile", accept="it") == "el"


def test_the_switcher_sets_a_cookie_for_an_anonymous_visitor(client):
    response = client.post("/language", data={"language": "pl", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None and cookie.value == "pl" and cookie.http_only
    assert page_language(client.get("/login", headers={"Accept-Language": "es"})) == "pl"


def test_the_switcher_refuses_a_language_we_do_not_offer(client, make, login_as):
    user = login_as(make.trainee(language="es"))
    response = client.post("/language", data={"language": "de", "next": "/profile"}, follow_redirects=True)
    assert "Elija uno de los idiomas disponibles." in response.text and page_language(response) == "es"
    assert client.get_cookie(COOKIE) is None
    db.session.expire_all()
    assert db.session.get(User, user.id).language == "es"


def test_the_switcher_only_goes_back_to_a_page_of_this_site(client):
    response = client.post("/language", data={"language": "it", "next": "https://attacker.example/"})
    assert response.status_code == 302 and "attacker" not in response.headers["Location"]


def _everything_but_the_language(user: User) -> dict:
    db.session.expire_all()
    user = db.session.get(User, user.id)
    counts = {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (User, AuditEvent, Notification, OutboxMessage)
    }
    return {
        "name": user.name,
        "email": user.email,
        "timezone": user.timezone,
        "partner": user.partner_id,
        "organisation": user.organisation_id,
        "roles": sorted(role.role for role in user.roles),
        "password": user.password_hash,
        "active": user.active,
        "notification": [(n.subject, n.body) for n in db.session.scalars(select(Notification))],
        **counts,
    }


@pytest.mark.parametrize("signed_in", [True, False])
def test_switching_language_changes_no_data(client, make, login_as, signed_in):
    user = make.trainee(language="en", name="Ewa Nowak")
    db.session.add(Notification(user_id=user.id, subject="Your seat is confirmed", body="See you there."))
    db.session.commit()
    if signed_in:
        login_as(user)
    before = _everything_but_the_language(user)
    for code in ("es", "el", "pl", "it", "en"):
        assert client.post("/language", data={"language": code, "next": "/"}).status_code == 302
        assert client.get("/notifications" if signed_in else "/").status_code == 200
    assert _everything_but_the_language(user) == before
