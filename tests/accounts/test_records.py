"""Correcting someone's name, partner and organisation: who may, what is refused, what the audit keeps."""

import pytest
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.organisations import Partner
from ecri_lms.accounts.records import CORRECT, RecordCorrection, correct_record
from ecri_lms.infra.errors import Conflict, NotFound, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.privacy.services import erase_personal_data


def _partner(code: str) -> Partner:
    return db.session.scalar(select(Partner).where(Partner.code == code))


def test_a_partner_coordinator_corrects_a_name_and_organisation_and_the_audit_keeps_both_records(make):
    coordinator = make.partner_coordinator("HBIO")
    trainee = make.trainee("HBIO", name="Nikos Papadopulos", organisation="Uni Athens", org_type="research")
    correct_record(
        coordinator,
        trainee,
        RecordCorrection("Nikos Papadopoulos", trainee.partner_id, "Athens Bio SME", "sme"),
    )
    db.session.commit()
    assert trainee.name == "Nikos Papadopoulos" and trainee.organisation.name == "Athens Bio SME"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == CORRECT))
    assert event.actor_id == coordinator.id and event.subject_user_id == trainee.id
    assert event.details["before"]["name"] == "Nikos Papadopulos"
    assert event.details["after"]["organisation_type"] == "sme"


def test_a_move_to_another_partner_drops_the_old_partners_organisation(make):
    trainee = make.trainee("HBIO", organisation="Uni Athens", org_type="research")
    correct_record(make.admin(), trainee, RecordCorrection(trainee.name, _partner("LSK").id))
    assert trainee.partner.code == "LSK" and trainee.organisation is None


def test_a_partner_coordinator_may_not_move_someone_to_another_partner(make):
    trainee = make.trainee("HBIO")
    with pytest.raises(ValidationError, match="partners offered"):
        correct_record(make.partner_coordinator("HBIO"), trainee, RecordCorrection(trainee.name, _partner("LSK").id))
    assert trainee.partner.code == "HBIO"


def test_another_partners_coordinator_does_not_find_the_person(make):
    trainee = make.trainee("HBIO")
    with pytest.raises(NotFound):
        correct_record(make.partner_coordinator("LSK"), trainee, RecordCorrection("X", trainee.partner_id))


def test_an_empty_name_and_an_erased_record_are_refused(make):
    admin, trainee = make.admin(), make.trainee("HBIO")
    with pytest.raises(ValidationError, match="empty"):
        correct_record(admin, trainee, RecordCorrection("   ", trainee.partner_id))
    erase_personal_data(admin, trainee)
    with pytest.raises(Conflict, match="erased"):
        correct_record(admin, trainee, RecordCorrection("Someone", trainee.partner_id))


def test_the_person_page_offers_the_correction_and_saves_it(client, make, login_as):
    admin, trainee = make.admin(), make.trainee("HBIO", name="Ana Lopez")
    db.session.commit()
    login_as(admin)
    assert 'id="record-heading"' in client.get(f"/people/{trainee.id}").text
    response = client.post(
        f"/people/{trainee.id}/record",
        data={
            "name": "Ana López",
            "partner": str(trainee.partner_id),
            "organisation_name": "",
            "organisation_type": "sme",
        },
        follow_redirects=True,
    )
    assert "Record corrected." in response.text
    db.session.refresh(trainee)
    assert trainee.name == "Ana López"
