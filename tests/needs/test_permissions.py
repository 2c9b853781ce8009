"""Who may reach the needs pages: coordinators only, partner coordinators within their partner."""

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from ecri_lms.accounts.permissions import SYSTEM, Role
from ecri_lms.infra.extensions import db
from ecri_lms.needs.models import Respondent
from ecri_lms.needs.services import plans
from tests.needs.test_files import LONG_HEADER


@pytest.fixture
def objects(make):
    """A consortium-wide survey, an LSK-only survey, and an LSK plan."""
    everyone = make.survey(name="Everyone")
    lsk_survey = make.survey(name="LSK only", partner="LSK")
    lsk_plan = plans.create_plan(
        SYSTEM,
        partner_code="LSK",
        title="LSK 2027",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        survey_id=lsk_survey.id,
    )
    db.session.commit()
    return {"survey": everyone.id, "lsk_survey": lsk_survey.id, "lsk_plan": lsk_plan.id}


GET_PAGES = [
    "/needs/",
    "/needs/surveys",
    "/needs/surveys/{survey}",
    "/needs/surveys/{survey}/ranking.csv",
    "/needs/surveys/{survey}/report.pdf",
    "/needs/self-assessment",
    "/needs/self-assessment/LSK",
    "/needs/plans",
    "/needs/plans/{lsk_plan}",
    "/needs/plans/{lsk_plan}/coverage",
    "/needs/plans/{lsk_plan}/coverage.csv",
]
POSTS = [
    "/needs/surveys",
    "/needs/surveys/{survey}/status",
    "/needs/surveys/{survey}/links",
    "/needs/surveys/{survey}/import",
    "/needs/self-assessment/import",
    "/needs/self-assessment/LSK",
    "/needs/plans",
    "/needs/plans/{lsk_plan}/items",
    "/needs/plans/{lsk_plan}/from-needs",
    "/needs/plans/{lsk_plan}/approve",
    "/needs/plans/{lsk_plan}/revise",
    "/needs/plans/{lsk_plan}/items/1/delete",
    "/needs/plans/{lsk_plan}/items/1/courses",
]


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TRAINER, Role.ADMIN])
def test_roles_without_the_needs_capability_get_403_everywhere(client, login_as, make, objects, role):
    login_as(make.user(role, partner="LSK"))
    for url in GET_PAGES:
        assert client.get(url.format(**objects)).status_code == 403, url
    for url in POSTS:
        assert client.post(url.format(**objects)).status_code == 403, url


def test_anonymous_visitors_are_sent_to_log_in(client, objects):
    for url in GET_PAGES:
        response = client.get(url.format(**objects))
        assert response.status_code == 302 and "/login" in response.location, url


LSK_ONLY = [
    "/needs/surveys/{lsk_survey}",
    "/needs/surveys/{lsk_survey}/ranking.csv",
    "/needs/surveys/{lsk_survey}/report.pdf",
    "/needs/?survey={lsk_survey}",
    "/needs/plans/{lsk_plan}",
    "/needs/plans/{lsk_plan}/coverage",
    "/needs/self-assessment/LSK",
]
LSK_ONLY_POSTS = [
    "/needs/surveys/{lsk_survey}/status",
    "/needs/surveys/{lsk_survey}/links",
    "/needs/surveys/{lsk_survey}/import",
    "/needs/plans/{lsk_plan}/approve",
    "/needs/plans/{lsk_plan}/revise",
    "/needs/plans/{lsk_plan}/items",
    "/needs/self-assessment/LSK",
]


def test_a_partner_coordinator_gets_404_on_another_partners_survey_and_plan(client, login_as, make, objects):
    login_as(make.partner_coordinator("HBIO"))
    for url in LSK_ONLY:
        assert client.get(url.format(**objects)).status_code == 404, url
    for url in LSK_ONLY_POSTS:
        assert client.post(url.format(**objects)).status_code == 404, url
    listed = client.get("/needs/plans").text
    assert "LSK 2027" not in listed
    assert "LSK only" not in client.get("/needs/surveys").text


def test_a_partner_coordinator_sees_consortium_wide_results_and_their_own_partners(client, login_as, make, objects):
    login_as(make.partner_coordinator("LSK"))
    for url in [
        "/needs/surveys/{survey}",
        "/needs/?survey={survey}",
        "/needs/surveys/{lsk_survey}",
        "/needs/plans/{lsk_plan}",
        "/needs/surveys/{survey}/report.pdf",
    ]:
        assert client.get(url.format(**objects)).status_code == 200, url


def test_a_partner_coordinator_cannot_open_a_consortium_wide_survey(client, login_as, make, objects):
    login_as(make.partner_coordinator("LSK"))
    response = client.post(
        f"/needs/surveys/{objects['survey']}/status", data={"status": "closed"}, follow_redirects=True
    )
    assert "Only the consortium coordinator" in response.text


def test_a_partner_coordinators_upload_with_another_partners_rows_is_refused(client, login_as, make, objects):
    login_as(make.partner_coordinator("LSK"))
    data = f"{LONG_HEADER}\nR1,LSK,sme,FIN,4,2\nR2,HBIO,sme,FIN,4,2\n".encode()
    response = client.post(
        f"/needs/surveys/{objects['survey']}/import",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(data), "answers.csv")},
    )
    assert response.status_code == 400
    assert "line 3: partner HBIO is outside your scope (you may import for LSK only)" in response.text
    assert db.session.scalar(select(func.count()).select_from(Respondent)) == 0


def test_a_partner_coordinator_creates_links_only_for_their_partner(client, login_as, make, objects):
    login_as(make.partner_coordinator("LSK"))
    response = client.post(
        f"/needs/surveys/{objects['survey']}/links", data={"partner": "HBIO", "organisation_type": "sme", "count": "2"}
    )
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Respondent)) == 0
