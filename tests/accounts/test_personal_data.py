"""GDPR: erasure anonymises a person but keeps their training records; a person downloads their data."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.models import User
from ecri_lms.accounts.services import authenticate, set_active
from ecri_lms.infra.errors import Conflict, PermissionDenied
from ecri_lms.infra.extensions import db
from ecri_lms.notifications.models import Notification
from ecri_lms.notifications.services import notify
from ecri_lms.privacy import services as personal_data
from ecri_lms.scheduling.models import Registration
from tests.factories import PASSWORD


@pytest.fixture
def trainee_with_records(make):
    trainee = make.trainee(name="Maria Kowalska", email="maria@example.org")
    course = make.course()
    make.enrolment(trainee, course)
    run = make.run(course)
    make.registration(run, trainee)
    notify(trainee, "Your seat is confirmed", "See you there.")
    admin = make.admin()
    set_active(admin, trainee, False)
    set_active(admin, trainee, True)
    db.session.commit()
    return trainee


def test_erasure_anonymises_the_account_and_keeps_training_records(runner, trainee_with_records):
    trainee = trainee_with_records
    result = runner.invoke(args=["users", "erase", "maria@example.org", "--yes"])

    assert result.exit_code == 0, result.output
    db.session.expire_all()
    erased = db.session.get(User, trainee.id)
    assert erased.email == f"erased-{trainee.id}@erased.invalid"
    assert erased.name == f"Erased user {trainee.id}" and erased.job_title is None
    assert erased.anonymised_at is not None and not erased.is_active
    assert authenticate("maria@example.org", PASSWORD) is None
    assert authenticate(erased.email, PASSWORD) is None
    assert db.session.scalars(select(Registration).where(Registration.user_id == trainee.id)).all()
    assert not db.session.scalars(select(Notification).where(Notification.user_id == trainee.id)).all()
    summaries = db.session.scalars(select(AuditEvent.summary)).all()
    assert not any("maria@example.org" in s or "Maria Kowalska" in s for s in summaries)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.erase")).target_id == trainee.id


def test_the_erase_command_names_an_unknown_address(runner, make):
    result = runner.invoke(args=["users", "erase", "nobody@example.org", "--yes"])
    assert result.exit_code == 1 and "No account with e-mail nobody@example.org" in result.output


def test_only_an_admin_erases_and_never_themselves(make):
    admin, coordinator, trainee = make.admin(), make.consortium_coordinator(), make.trainee()
    with pytest.raises(PermissionDenied):
        personal_data.erase_personal_data(coordinator, trainee)
    with pytest.raises(PermissionDenied):
        personal_data.erase_personal_data(admin, admin)
    personal_data.erase_personal_data(admin, trainee)
    with pytest.raises(Conflict):
        personal_data.erase_personal_data(admin, trainee)


def test_an_admin_erases_from_the_person_page(client, login_as, make):
    trainee = make.trainee(email="erase-me@example.org")
    login_as(make.admin())
    page = client.get(f"/people/{trainee.id}")
    assert b"Erase personal data" in page.data

    response = client.post(f"/people/{trainee.id}/erase", data={"confirm": "y"})

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, trainee.id).anonymised_at is not None


def test_erasing_needs_the_confirmation_box(client, login_as, make):
    trainee = make.trainee()
    login_as(make.admin())
    client.post(f"/people/{trainee.id}/erase", data={})
    db.session.expire_all()
    assert db.session.get(User, trainee.id).anonymised_at is None


@pytest.mark.parametrize("role", ["trainee", "partner_coordinator", "consortium_coordinator"])
def test_others_cannot_erase(client, login_as, make, role):
    trainee = make.trainee()
    actor = {
        "trainee": make.trainee,
        "partner_coordinator": make.partner_coordinator,
        "consortium_coordinator": make.consortium_coordinator,
    }[role]()
    login_as(actor)
    response = client.post(f"/people/{trainee.id}/erase", data={"confirm": "y"})
    assert response.status_code in (302, 403, 404)
    db.session.expire_all()
    assert db.session.get(User, trainee.id).anonymised_at is None


def test_a_trainee_downloads_all_their_data(client, login_as, trainee_with_records):
    login_as(trainee_with_records)

    response = client.get("/profile/my-data.json")

    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["account"]["email"] == "maria@example.org"
    assert len(data["scheduling"]["registrations"]) == 1
    assert len(data["catalogue"]["enrolments"]) == 1
    assert data["notifications"]["notifications"][0]["subject"] == "Your seat is confirmed"
    assert data["assessment"] == {"attempts": []}


def test_the_download_is_only_ever_ones_own(client, make):
    response = client.get("/profile/my-data.json")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    with pytest.raises(PermissionDenied):
        personal_data.export_personal_data(make.admin(), make.trainee())


def test_the_download_holds_what_other_areas_keep_about_the_person(make):
    trainee, classmate = make.trainee(), make.trainee()
    run = make.run(partner="HBIO", sessions=1)
    for person in (trainee, classmate):
        make.registration(run, person)
        make.mark(run.sessions[0], person, "late")
    certificate = make.certificate(run, trainee)

    data = personal_data.export_personal_data(trainee, trainee)

    assert [c["code"] for c in data["certificates"]["certificates"]] == [certificate.code]
    assert [(m["run"], m["status"]) for m in data["attendance"]["marks"]] == [(run.id, "late")]


def test_erasure_takes_the_name_off_certificates_but_keeps_them(make):
    from ecri_lms.certificates.models import Certificate
    from ecri_lms.certificates.services.issuing import issue_manually

    trainee, coordinator, admin = make.trainee(name="Ana Certified"), make.partner_coordinator(), make.admin()
    run = make.run(partner="HBIO")
    make.registration(run, trainee)
    certificate = issue_manually(coordinator, run, trainee, "Completed the course on paper.")
    db.session.commit()
    assert personal_data.export_personal_data(trainee, trainee)["certificates"]["certificates"][0]["name"] == (
        "Ana Certified"
    )

    personal_data.erase_personal_data(admin, trainee)
    db.session.commit()

    kept = db.session.get(Certificate, certificate.id)
    assert kept is not None and kept.trainee_name == f"Erased user {trainee.id}"


def test_the_download_holds_what_was_done_about_the_person_and_their_register_history(make):
    from ecri_lms.attendance.services import mark_one

    trainee, trainer = make.trainee(), make.trainer()
    run = make.run(trainers=[trainer], starts_in=timedelta(days=-1))
    make.registration(run, trainee)
    mark_one(trainer, run.sessions[0], trainee.id, "absent")
    mark_one(trainer, run.sessions[0], trainee.id, "present", "Came after lunch.")
    set_active(make.admin(), trainee, False)
    db.session.commit()

    data = personal_data.export_personal_data(trainee, trainee)

    assert [event["action"] for event in data["audit"]["about_me"]] == [
        "attendance.mark",
        "attendance.mark",
        "user.suspend",
    ]
    assert [(change["from"], change["to"], change["to_remark"]) for change in data["attendance"]["changes"]] == [
        (None, "absent", ""),
        ("absent", "present", "Came after lunch."),
    ]
