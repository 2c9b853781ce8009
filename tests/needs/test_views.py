"""The needs pages: numbers as the command line prints them, answering by link, uploads, plans."""

import io
import re

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.extensions import db
from ecri_lms.needs.models import Answer, Respondent, SelfAssessment, TrainingPlan
from ecri_lms.needs.services import imports, surveys
from tests.needs.test_files import LONG_HEADER, long_csv


@pytest.fixture
def survey(make):
    survey = make.survey(name="HBIO answers")
    imports.import_answers(SYSTEM, survey, long_csv().encode())
    db.session.commit()
    return survey


@pytest.fixture
def coordinator(make, login_as):
    return login_as(make.consortium_coordinator())


def upload(data: bytes, name: str = "answers.csv") -> dict:
    return {"file": (io.BytesIO(data), name)}


def test_the_needs_page_shows_the_ranking_chart_and_heat_map(client, coordinator, survey):
    page = client.get(f"/needs/?survey={survey.id}&partner=HBIO")
    assert page.status_code == 200
    for figure in ("8.4000", "6.9444", "3.0000", "4.1667"):
        assert figure in page.text
    assert "20.0000" not in page.text and "hidden: small group" in page.text
    assert "<svg" in page.text and 'role="img"' in page.text  # IP: four answers
    assert "mean MWDS" in page.text and "Consortium" in page.text
    heat_cell = re.search(r'needs-heat-(\d)">8.40<', page.text)
    assert heat_cell and heat_cell.group(1) == "4"  # financing: only FIN, MWDS 8.4, the darkest level


def test_the_all_partners_view_has_a_consortium_ranking_and_one_per_partner(client, coordinator, survey):
    page = client.get(f"/needs/?survey={survey.id}")
    assert "Consortium: ranked needs" in page.text
    for name in ("BIOIB", "bioPmed", "Hellenic BioCluster", "LifeScience Kraków"):
        assert f"{name}: ranked needs" in page.text


def test_filters_that_match_nothing_or_make_no_sense_are_answered_properly(client, coordinator, survey):
    assert client.get(f"/needs/?survey={survey.id}&org_type=research").status_code == 200
    assert client.get(f"/needs/?survey={survey.id}&org_type=alien").status_code == 400
    assert client.get(f"/needs/?survey={survey.id}&partner=NOPE").status_code == 404
    assert client.get("/needs/?survey=abc").status_code == 400


def test_the_ranking_download_is_the_command_line_report(client, runner, coordinator, survey):
    download = client.get(f"/needs/surveys/{survey.id}/ranking.csv?partner=HBIO")
    printed = runner.invoke(args=["needs", "report", "--survey", survey.name, "--partner", "HBIO"])
    assert download.status_code == 200
    assert download.text.removeprefix("\ufeff").splitlines() == printed.output.splitlines()
    assert download.text.splitlines()[1] == "FIN,5,4.2000,2.2000,2.0000,8.4000,1"


def test_the_comparative_report_is_served_as_a_pdf(client, coordinator, survey):
    response = client.get(f"/needs/surveys/{survey.id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")


def test_a_survey_is_created_and_opened_from_the_pages(client, coordinator, make):
    make.curriculum_topics()
    response = client.post("/needs/surveys", data={"name": "Needs 2028", "partner": "", "topics": ["FIN", "REG"]})
    assert response.status_code == 302
    created = surveys.find_survey("Needs 2028")
    assert created.topic_codes == ["FIN", "REG"] and created.partner_id is None
    client.post(f"/needs/surveys/{created.id}/status", data={"status": "open"})
    db.session.refresh(created)
    assert created.status == "open"


def test_links_download_as_csv_and_each_answers_once(client, coordinator, make):
    survey_ = make.survey(name="Online", topics=("FIN", "IP"))
    download = client.post(
        f"/needs/surveys/{survey_.id}/links", data={"partner": "LSK", "organisation_type": "sme", "count": "2"}
    )
    assert download.status_code == 200 and download.mimetype == "text/csv"
    rows = download.text.lstrip("\ufeff").splitlines()
    assert rows[0] == "partner,organisation_type,link" and len(rows) == 3
    link = rows[1].split(",")[2]
    path = link[link.index("/needs/answer/") :]

    client.post("/logout")
    form = client.get(path)
    assert form.status_code == 200 and "Intellectual property" in form.text and "LifeScience Kraków" in form.text
    thanks = client.post(path, data={"imp_FIN": "5", "comp_FIN": "2", "imp_IP": "", "comp_IP": ""})
    assert thanks.status_code == 200 and "Thank you" in thanks.text
    again = client.post(path, data={"imp_FIN": "1", "comp_FIN": "1"})
    assert again.status_code == 409 and "already been used" in again.text and "only once" in again.text
    assert client.get(path).status_code == 409
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 1
    assert client.get("/needs/answer/" + "x" * 32).status_code == 404


def test_survey_links_use_the_public_address_whatever_host_the_request_names(client, coordinator, make, app):
    survey_ = make.survey(name="Online", topics=("FIN",))
    client.set_cookie("session", client.get_cookie("session").value, domain="attacker.example")
    download = client.post(
        f"/needs/surveys/{survey_.id}/links",
        base_url="http://attacker.example",
        data={"partner": "LSK", "organisation_type": "sme", "count": "1"},
    )
    link = download.text.lstrip("\ufeff").splitlines()[1].split(",")[2]
    assert link.startswith(app.config["PUBLIC_BASE_URL"] + "/needs/answer/")


def test_a_refused_upload_lists_every_bad_line_and_changes_nothing(client, coordinator, make):
    survey_ = make.survey(name="Uploads")
    bad = f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,2\nR2,ZZZ,sme,FIN,4,2\nR3,HBIO,sme,FIN,seven,2\n".encode()
    response = client.post(f"/needs/surveys/{survey_.id}/import", data=upload(bad), content_type="multipart/form-data")
    assert response.status_code == 400
    assert "line 3: unknown partner code &#39;ZZZ&#39;" in response.text
    assert "line 4: importance &#39;seven&#39; is not a whole number from 1 to 5" in response.text
    assert db.session.scalar(select(func.count()).select_from(Respondent)) == 0


@pytest.mark.parametrize(
    "url, data",
    [
        ("/needs/surveys/{survey}/import", f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,2\nR\x002,HBIO,sme,FIN,4,2\n"),
        ("/needs/self-assessment/import", "partner,area,score,note\nLSK,financing,3,Fe\x00es\n"),
    ],
)
def test_an_upload_with_a_nul_character_is_refused_and_changes_nothing(client, coordinator, make, url, data):
    survey_ = make.survey(name="Uploads")
    make.curriculum_topics()
    response = client.post(
        url.format(survey=survey_.id), data=upload(data.encode()), content_type="multipart/form-data"
    )
    assert response.status_code == 400 and "a NUL character" in response.text
    assert db.session.scalar(select(func.count()).select_from(Respondent)) == 0
    assert db.session.scalar(select(func.count()).select_from(SelfAssessment)) == 0


def test_an_xlsx_upload_is_imported(client, coordinator, make):
    survey_ = make.survey(name="Uploads")
    workbook = Workbook()
    workbook.active.append(["respondent_id", "partner", "organisation_type", "REG_importance", "REG_competence"])
    workbook.active.append(["A-1", "LSK", "sme", 5, 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        f"/needs/surveys/{survey_.id}/import",
        data=upload(buffer.getvalue(), "answers.xlsx"),
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Imported: 1 new respondents, 0 replaced, 1 answers." in response.text


def test_self_assessment_is_entered_in_the_form_and_imported(client, login_as, make):
    make.curriculum_topics()
    login_as(make.partner_coordinator("LSK"))
    response = client.post("/needs/self-assessment/LSK", data={"score_value_chain": "2", "note_value_chain": "MDR"})
    assert response.status_code == 302
    refused = client.post(
        "/needs/self-assessment/import",
        content_type="multipart/form-data",
        data=upload(b"partner,area,score,note\nLSK,financing,9,\n"),
    )
    assert refused.status_code == 400 and "line 2: score 9 is outside the scale 1–5" in refused.text
    client.post(
        "/needs/self-assessment/import",
        content_type="multipart/form-data",
        data=upload(b"partner,area,score,note\nLSK,financing,3,Fees\n"),
    )
    scores = {(s.area.code, s.score, s.note) for s in db.session.scalars(select(SelfAssessment))}
    assert scores == {("value_chain", 2, "MDR"), ("financing", 3, "Fees")}
    assert "MDR" in client.get("/needs/self-assessment").text


def test_a_plan_is_built_approved_and_revised_from_the_pages(client, login_as, make, survey):
    make.tagged_course("FIN01", "FIN")
    login_as(make.partner_coordinator("HBIO"))
    client.post(
        "/needs/plans",
        data={
            "partner": "HBIO",
            "title": "HBIO 2027",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "survey": str(survey.id),
        },
    )
    plan = db.session.scalar(select(TrainingPlan))
    client.post(
        f"/needs/plans/{plan.id}/from-needs", data={"count": "2", "target_trainees": "12", "target_org_types": ["sme"]}
    )
    client.post(
        f"/needs/plans/{plan.id}/items",
        data={
            "topic": "GOV",
            "target_trainees": "5",
            "target_org_types": ["cluster_team"],
            "target_start": "2027-03-01",
            "target_end": "2027-04-30",
            "note": "For the cluster team",
        },
    )
    page = client.get(f"/needs/plans/{plan.id}")
    assert "FIN01 – Course FIN01" in page.text and "#1 (MWDS 8.4000)" in page.text
    assert "For the cluster team" in page.text
    login_as(make.consortium_coordinator())
    client.post(f"/needs/plans/{plan.id}/approve")
    login_as(make.partner_coordinator("HBIO"))
    db.session.expire_all()
    assert plan.latest.is_approved and [i.topic.code for i in plan.latest.items] == ["FIN", "REG", "GOV"]
    refused = client.post(
        f"/needs/plans/{plan.id}/items",
        data={
            "topic": "IP",
            "target_trainees": "5",
            "target_org_types": ["sme"],
            "target_start": "2027-03-01",
            "target_end": "2027-04-30",
        },
        follow_redirects=True,
    )
    assert "approved and frozen" in refused.text
    client.post(f"/needs/plans/{plan.id}/revise")
    frozen = client.post(f"/needs/plans/{plan.id}/items/{plan.version(1).items[0].id}/delete", follow_redirects=True)
    assert "No such item in this draft." in frozen.text
    db.session.expire_all()
    draft = plan.draft
    assert draft.number == 2 and [i.topic.code for i in draft.items] == ["FIN", "REG", "GOV"]
    client.post(f"/needs/plans/{plan.id}/items/{draft.items[0].id}/delete")
    db.session.expire_all()
    assert [i.topic.code for i in plan.version(2).items] == ["REG", "GOV"]
    assert [i.topic.code for i in plan.version(1).items] == ["FIN", "REG", "GOV"]
    assert "v1 · Approved" in client.get(f"/needs/plans/{plan.id}?version=1").text


def test_the_dashboard_shows_the_top_needs_to_coordinators(client, login_as, make, survey):
    login_as(make.partner_coordinator("HBIO"))
    home = client.get("/")
    assert "Training needs" in home.text and "FIN (8.4000)" in home.text


def test_answering_needs_a_csrf_token_when_protection_is_on(make_app, make):
    survey_ = make.survey(name="Online")
    ((_, token),) = surveys.create_links(SYSTEM, survey_, partner_code="HBIO", organisation_type="sme", count=1)
    db.session.commit()
    guarded = make_app(WTF_CSRF_ENABLED=True)
    with guarded.app_context():
        response = guarded.test_client().post(f"/needs/answer/{token}", data={"imp_FIN": "5", "comp_FIN": "1"})
        assert response.status_code == 400
    assert db.session.scalar(select(Respondent.answered_at)) is None


def test_plan_dates_in_the_form_are_checked(client, login_as, make):
    make.curriculum_topics()
    login_as(make.partner_coordinator("HBIO"))
    response = client.post(
        "/needs/plans",
        data={"partner": "HBIO", "title": "Backwards", "period_start": "2027-12-31", "period_end": "2027-01-01"},
        follow_redirects=True,
    )
    assert "must end on or after" in response.text
    assert db.session.scalar(select(func.count()).select_from(TrainingPlan)) == 0


def test_the_needs_page_compares_with_an_earlier_survey(client, coordinator, make, survey):
    later = make.survey(name="HBIO answers, a year on")
    imports.import_answers(
        SYSTEM, later, f"{LONG_HEADER}\n".encode() + "".join(f"N{r},HBIO,sme,FIN,4,3\n" for r in range(5)).encode()
    )
    db.session.commit()
    page = client.get(f"/needs/?survey={later.id}&partner=HBIO&compare={survey.id}")
    assert "Rank in HBIO answers" in page.text
    assert "-4.4000" in page.text  # FIN: MWDS 8.4 → 4.0


def test_a_partner_coordinator_is_not_offered_to_reopen_the_consortium_survey(make, client, login_as):
    survey = make.survey("Consortium needs", status="closed")
    login_as(make.partner_coordinator("HBIO"))
    page = client.get(f"/needs/surveys/{survey.id}").get_data(as_text=True)
    assert "Reopen" not in page
    login_as(make.consortium_coordinator())
    assert "Reopen" in client.get(f"/needs/surveys/{survey.id}").get_data(as_text=True)
