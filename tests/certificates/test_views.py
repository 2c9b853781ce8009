"""Pages: downloads within scope, the coordinators' run page and actions, public verification."""

import html
import io
import zipfile
from datetime import date, timedelta

from ecri_lms.certificates import codes
from ecri_lms.certificates.models import Certificate
from ecri_lms.certificates.services import issue_manually, revoke
from ecri_lms.infra.extensions import db
from tests.certificates.conftest import view_all_lessons_unheard


def issued(held, **kw) -> Certificate:
    certificate = issue_manually(held.coordinator, held.run, held.trainee, "Completed", **kw)
    db.session.commit()
    return certificate


def test_the_trainee_sees_progress_and_downloads_their_own_certificate(held, client, login_as):
    login_as(held.trainee)
    page = client.get("/certificates").get_data(as_text=True)
    assert "Lessons viewed: 0 of 2." in page and "In progress" in page
    certificate = issued(held)
    page = client.get("/certificates").get_data(as_text=True)
    assert codes.display(certificate.code) in page
    response = client.get(f"/certificates/{certificate.id}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert certificate.code in response.headers["Content-Disposition"]


def test_nobody_else_downloads_a_certificate_outside_their_scope(held, make, client, login_as):
    certificate = issued(held)
    for outsider in (make.trainee("LSK"), make.partner_coordinator("HBIO"), make.trainer("LSK")):
        login_as(outsider)
        assert client.get(f"/certificates/{certificate.id}.pdf").status_code == 404
    for insider in (held.coordinator, make.consortium_coordinator()):
        login_as(insider)
        assert client.get(f"/certificates/{certificate.id}.pdf").status_code == 200


def test_the_run_page_is_for_coordinators_of_the_delivering_partner(held, make, client, login_as):
    login_as(held.trainee)
    assert client.get(f"/runs/{held.run.id}/certificates").status_code == 403
    login_as(make.partner_coordinator("HBIO"))
    assert client.get(f"/runs/{held.run.id}/certificates").status_code == 404
    assert client.post(f"/runs/{held.run.id}/certificates/evaluate").status_code == 404
    login_as(held.coordinator)
    page = client.get(f"/runs/{held.run.id}/certificates").get_data(as_text=True)
    assert "Łukasz Żółć" in page and "Lessons viewed: 0 of 2." in page
    assert held.run.display_title in client.get("/certificates/runs").get_data(as_text=True)


def test_the_evaluate_button_completes_and_issues(held, client, login_as):
    view_all_lessons_unheard(held.trainee, held.course)
    login_as(held.coordinator)
    response = client.post(f"/runs/{held.run.id}/certificates/evaluate", follow_redirects=True)
    assert "1 newly completed, 1 certificate issued" in response.get_data(as_text=True)
    assert db.session.query(Certificate).count() == 1


def test_issue_revoke_and_reissue_from_the_run_page(held, client, login_as):
    login_as(held.coordinator)
    client.post(
        f"/runs/{held.run.id}/certificates/issue",
        data={"user_id": held.trainee.id, "reason": "Made up the session", "expires_on": ""},
    )
    certificate = db.session.query(Certificate).one()
    assert certificate.issue_reason == "Made up the session"
    response = client.post(f"/certificates/{certificate.id}/reissue", data={"reason": ""}, follow_redirects=True)
    assert "Reason" in response.get_data(as_text=True) and certificate.is_current
    client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "Fraud"})
    db.session.refresh(certificate)
    assert certificate.revocation_reason == "Fraud"


def test_a_coordinator_sets_and_resets_the_rules_of_a_run(held, client, login_as):
    login_as(held.coordinator)
    assert client.get(f"/runs/{held.run.id}/completion-rules").status_code == 200
    client.post(f"/runs/{held.run.id}/completion-rules", data={"lessons": "1", "attendance_rate": "80"})
    db.session.refresh(held.run)
    assert held.run.settings["completion"] == {
        "lessons": 1,
        "attendance_rate": 80,
        "quizzes": [],
        "essays_graded": False,
    }
    response = client.post(f"/runs/{held.run.id}/completion-rules", data={"lessons": "many"})
    assert "Write 'all' or a number." in html.unescape(response.get_data(as_text=True))
    client.post(f"/runs/{held.run.id}/completion-rules", data={"lessons": "all", "reset": "1"})
    db.session.refresh(held.run)
    assert "completion" not in held.run.settings


def test_the_batch_zip_holds_every_current_certificate_of_the_run(held, make, client, login_as):
    issued(held)
    other = make.trainee("LSK", name="José Núñez")
    make.registration(held.run, other)
    revoke(held.coordinator, issue_manually(held.coordinator, held.run, other, "x"), "Withdrawn")
    db.session.commit()
    login_as(held.coordinator)
    response = client.get(f"/runs/{held.run.id}/certificates.zip")
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert len(names) == 1 and names[0].endswith(".pdf")


def test_verification_shows_every_printed_field_without_login(held, client):
    certificate = issued(held)
    page = client.get(f"/verify/{certificate.code}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Valid" in text
    for printed in (
        "Łukasz Żółć",
        held.run.display_title,
        codes.display(certificate.code),
        "Νίκος Παπαδόπουλος",
        "Explain the subject.",
        held.run.partner.name,
        "6",
    ):
        assert printed in text
    assert held.trainee.email not in text
    assert f"/runs/{held.run.id}" in text


def test_verification_statuses_valid_revoked_expired_and_unknown(held, make, client):
    certificate = issued(held, expires_on=date.today() + timedelta(days=3))
    typed = codes.display(certificate.code).lower().replace("-", " ")
    response = client.get("/verify", query_string={"code": typed})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/verify/{certificate.code}")
    certificate.expires_on = date.today() - timedelta(days=2)
    db.session.commit()
    assert "Expired on" in client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    certificate.expires_on = None
    revoke(held.coordinator, certificate, "Withdrawn")
    db.session.commit()
    assert "Revoked on" in client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    unknown = client.get(f"/verify/{codes.new_code()}")
    assert unknown.status_code == 404 and "Not found." in unknown.get_data(as_text=True)
    assert client.get("/verify", query_string={"code": "nonsense"}).status_code == 404
    assert client.get("/verify").status_code == 200


def test_only_unknown_codes_count_towards_the_rate_limit(held, make_app):
    certificate = issued(held)
    # Each request pushes the other app's own context: a context held open around them keeps a connection.
    client = make_app(RATELIMIT_ENABLED=True, VERIFY_RATE_LIMIT_UNKNOWN="2 per minute").test_client()
    assert {client.get(f"/verify/{certificate.code}").status_code for _ in range(4)} == {200}
    assert [client.get(f"/verify/{codes.new_code()}").status_code for _ in range(3)] == [404, 404, 429]


def test_the_dashboard_offers_the_trainees_current_certificates(held, client, login_as):
    certificate = issued(held)
    login_as(held.trainee)
    page = client.get("/").get_data(as_text=True)
    assert "My certificates" in page and f"/certificates/{certificate.id}.pdf" in page
