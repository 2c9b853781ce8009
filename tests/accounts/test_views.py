import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from config import public_base_url
from ecri_lms import create_app
from ecri_lms.accounts.models import User
from ecri_lms.infra.extensions import db
from tests.dbutil import counted_statements
from tests.e2e.server import free_port
from tests.factories import PASSWORD
from tests.outbox import outbox_rows


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_login_page_and_health_check_answer(client, make):
    make.partners()
    assert client.get("/login").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json["status"] == "ok" and health.json["database"] == "ok"


def test_login_with_the_right_password_opens_the_dashboard(client, make):
    make.trainee(email="t@example.org", name="Zofia Trainee")
    response = client.post("/login", data={"email": "t@example.org", "password": PASSWORD}, follow_redirects=True)
    assert response.status_code == 200
    assert "Hello, Zofia Trainee" in response.text


@pytest.mark.parametrize("email, password", [("t@example.org", "wrong-password"), ("ghost@example.org", PASSWORD)])
def test_wrong_password_and_unknown_user_get_the_same_message(client, make, email, password):
    make.trainee(email="t@example.org")
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 200
    assert "Wrong e-mail or password." in response.text
    assert client.get("/profile").status_code == 302


def test_signing_up_through_the_form_logs_the_trainee_in(client, make):
    make.partners()
    response = client.post(
        "/sign-up",
        data={
            "name": "Łukasz Żółć",
            "email": "lukasz@example.org",
            "password": "a-sturdy-passphrase",
            "confirm": "a-sturdy-passphrase",
            "partner": "LSK",
            "organisation_type": "sme",
            "organisation_name": "Wawel Biotech",
        },
        follow_redirects=True,
    )
    assert "Hello, Łukasz Żółć" in response.text
    assert user_count() == 1


def test_the_old_sign_up_address_sends_links_on_to_the_new_one(client, make):
    make.partners()
    response = client.get("/register?source=partner-site")
    assert response.status_code == 301
    assert response.headers["Location"] == "/sign-up?source=partner-site"
    assert "Create an account" in client.get(response.headers["Location"]).text


def test_duplicate_email_in_the_form_gets_a_clear_message_and_no_change(client, make):
    make.trainee(email="taken@example.org")
    response = client.post(
        "/sign-up",
        data={
            "name": "Someone",
            "email": "taken@example.org",
            "password": "a-sturdy-passphrase",
            "confirm": "a-sturdy-passphrase",
            "partner": "LSK",
            "organisation_type": "sme",
            "organisation_name": "Wawel Biotech",
        },
    )
    assert "already exists" in response.text
    assert user_count() == 1


def test_weak_password_in_the_form_is_explained(client, make):
    make.partners()
    response = client.post(
        "/sign-up",
        data={
            "name": "Someone",
            "email": "s@example.org",
            "password": "qwerty1234",
            "confirm": "qwerty1234",
            "partner": "LSK",
            "organisation_type": "sme",
            "organisation_name": "Wawel Biotech",
        },
    )
    assert "too common" in response.text
    assert user_count() == 0


@pytest.fixture
def csrf_app(make_app):
    return make_app(WTF_CSRF_ENABLED=True)


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(csrf_app, make):
    make.partners()
    with csrf_app.app_context():
        response = csrf_app.test_client().post(
            "/sign-up",
            data={
                "name": "Someone",
                "email": "s@example.org",
                "password": "a-sturdy-passphrase",
                "confirm": "a-sturdy-passphrase",
                "partner": "LSK",
                "organisation_type": "sme",
                "organisation_name": "Wawel Biotech",
            },
        )
        assert response.status_code == 400
        assert "CSRF" in response.text
    assert user_count() == 0


def test_session_cookie_is_httponly_and_lax(client, make):
    make.trainee(email="t@example.org")
    response = client.post("/login", data={"email": "t@example.org", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure_and_the_dev_key_is_refused(monkeypatch):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")
    app = create_app(
        "production",
        {"SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite://", "PUBLIC_BASE_URL": "https://lms.example"},
    )
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_production_refuses_to_start_without_its_public_address():
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app("production", {"SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_development_address_follows_the_port_the_server_listens_on():
    assert public_base_url({"FLASK_RUN_PORT": "8123"}) == "http://127.0.0.1:8123"
    assert public_base_url({}) == "http://127.0.0.1:5000"
    assert (
        public_base_url({"FLASK_RUN_PORT": "8123", "PUBLIC_BASE_URL": "https://lms.example"}) == "https://lms.example"
    )


def test_security_headers_are_sent(client, make):
    make.partners()
    headers = client.get("/login").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_trainee_gets_403_on_admin_and_coordinator_pages(client, make, login_as):
    login_as(make.trainee())
    for url in ("/people", "/people/new"):
        assert client.get(url).status_code == 403, url
    assert client.post("/partners", data={"code": "X"}).status_code == 403


def test_anonymous_users_are_sent_to_login(client, make):
    make.partners()
    for url in ("/profile", "/people", "/notifications"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_partner_coordinator_sees_only_their_partners_people(client, make, login_as):
    login_as(make.partner_coordinator("LSK"))
    make.trainee("LSK", name="Agnieszka Local")
    other = make.trainee("HBIO", name="Eleni Elsewhere")
    page = client.get("/people").text
    assert "Agnieszka Local" in page and "Eleni Elsewhere" not in page
    assert client.get(f"/people/{other.id}").status_code == 404


def test_admin_adds_a_partner(client, make, login_as):
    login_as(make.admin())
    response = client.post(
        "/partners",
        data={
            "code": "BIOM",
            "name": "BioM Munich",
            "short_name": "BioM",
            "region": "Bavaria",
            "country": "Germany",
            "country_code": "DE",
            "timezone": "Europe/Berlin",
        },
        follow_redirects=True,
    )
    assert "Partner added." in response.text and "BioM Munich" in response.text


def test_adding_a_partner_with_a_bad_time_zone_is_explained(client, make, login_as):
    login_as(make.admin())
    response = client.post(
        "/partners",
        data={
            "code": "BIOM",
            "name": "BioM Munich",
            "short_name": "BioM",
            "region": "Bavaria",
            "country": "Germany",
            "country_code": "DE",
            "timezone": "Mars/Olympus",
        },
    )
    assert response.status_code == 400 and "Unknown time zone" in response.text


def test_password_change_logs_out_other_sessions(app, make):
    make.trainee(email="t@example.org")
    first, second = app.test_client(), app.test_client()
    for c in (first, second):
        c.post("/login", data={"email": "t@example.org", "password": PASSWORD})
    first.post(
        "/profile/password",
        data={"current_password": PASSWORD, "password": "a-new-long-passphrase", "confirm": "a-new-long-passphrase"},
    )
    assert first.get("/profile").status_code == 200
    assert second.get("/profile").status_code == 302


def test_forgot_password_answers_the_same_for_known_and_unknown_addresses(client, make):
    make.trainee(email="t@example.org")
    known = client.post("/password/forgot", data={"email": "t@example.org"}, follow_redirects=True).text
    unknown = client.post("/password/forgot", data={"email": "x@example.org"}, follow_redirects=True).text
    message = "If an account uses this address, a reset link is on its way."
    assert message in known and message in unknown


def reset_link_sent_to(address: str) -> str:
    (message,) = [row for row in outbox_rows() if row.to_address == address]
    return re.search(r"http\S+/password/reset/\S+", message.body).group(0)


def test_reset_link_sets_a_new_password(client, make):
    make.trainee(email="t@example.org")
    client.post("/password/forgot", data={"email": "t@example.org"})
    path = urlsplit(reset_link_sent_to("t@example.org")).path
    client.post(path, data={"password": "fresh-long-passphrase", "confirm": "fresh-long-passphrase"})
    response = client.post("/login", data={"email": "t@example.org", "password": "fresh-long-passphrase"})
    assert response.status_code == 302
    assert client.get(path, follow_redirects=True).text.count("already been used") == 1


@pytest.fixture
def smtp_down(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there


def test_a_reset_request_makes_no_network_call_and_answers_the_same_with_smtp_down(
    client, make, smtp_down, monkeypatch
):
    connections = []
    monkeypatch.setattr("smtplib.SMTP.connect", lambda *args, **kwargs: connections.append(args) or (421, b"down"))
    make.trainee(email="t@example.org")
    known = client.post("/password/forgot", data={"email": "t@example.org"})
    unknown = client.post("/password/forgot", data={"email": "x@example.org"})
    assert (known.status_code, known.location) == (unknown.status_code, unknown.location) == (302, "/login")
    assert connections == []
    assert sorted(row.to_address for row in outbox_rows()) == ["t@example.org", "x@example.org"]


def test_a_reset_request_runs_the_same_statements_for_known_and_unknown_addresses(client, make, smtp_down):
    make.trainee(email="t@example.org")
    with counted_statements() as known:
        client.post("/password/forgot", data={"email": "t@example.org"})
    with counted_statements() as unknown:
        client.post("/password/forgot", data={"email": "x@example.org"})
    assert known == unknown and any(s.startswith("INSERT INTO outbox_message") for s in known)


def test_a_forged_host_header_never_reaches_the_reset_link(client, make, app):
    make.trainee(email="t@example.org")
    client.post("/password/forgot", data={"email": "t@example.org"}, headers={"Host": "attacker.example"})
    link = reset_link_sent_to("t@example.org")
    assert link.startswith(app.config["PUBLIC_BASE_URL"] + "/password/reset/") and "attacker" not in link


def test_production_answers_only_to_its_public_host_name():
    app = create_app(
        "production",
        {
            "SECRET_KEY": "x" * 40,
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "PUBLIC_BASE_URL": "https://training.example.eu",
        },
    )
    client = app.test_client()
    assert client.get("/login", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/login", headers={"Host": "training.example.eu"}).status_code == 200


def test_unknown_pages_get_a_friendly_404(client, make):
    make.partners()
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "Page not found" in response.text


def test_the_profile_time_zone_is_picked_from_a_searchable_list_and_a_city_name_is_understood(client, make, login_as):
    trainee = make.trainee(name="Ana Ruiz")
    login_as(trainee)
    page = client.get("/profile").text
    assert 'list="timezone-zones"' in page and '<option value="Europe/Athens">' in page
    response = client.post("/profile", data={"name": "Ana Ruiz", "timezone": "new york"}, follow_redirects=True)
    assert response.status_code == 200
    db.session.refresh(trainee)
    assert trainee.timezone == "America/New_York"
    refused = client.post("/profile", data={"name": "Ana Ruiz", "timezone": "Atlantis"})
    assert "type a city such as Warsaw" in refused.text
    db.session.refresh(trainee)
    assert trainee.timezone == "America/New_York"
