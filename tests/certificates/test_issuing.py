"""Manual issue, revocation, re-issue after a name correction, expiry, and one current certificate per run."""

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.models import User
from ecri_lms.certificates.models import Certificate, CertificateStatus
from ecri_lms.certificates.services import (
    current_certificate,
    issue_manually,
    reissue,
    revoke,
    verify,
)
from ecri_lms.infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.notifications.models import Notification
from ecri_lms.scheduling.models import CourseRun


def test_a_coordinator_issues_by_hand_with_a_reason_that_is_audited(held):
    certificate = issue_manually(held.coordinator, held.run, held.trainee, "Attended the repeat session in HBIO")
    db.session.commit()
    assert certificate.issued_by_id == held.coordinator.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "certificate.issue"))
    assert event.details["reason"] == "Attended the repeat session in HBIO" and event.actor_id == held.coordinator.id
    note = db.session.scalar(select(Notification).where(Notification.user_id == held.trainee.id))
    assert note.subject == f"Your certificate for {held.run.display_title}"
    with pytest.raises(ValidationError, match="reason"):
        issue_manually(held.coordinator, held.run, held.trainee, "  ")
    with pytest.raises(Conflict):
        issue_manually(held.coordinator, held.run, held.trainee, "again")


def test_only_coordinators_of_the_delivering_partner_issue(held, make):
    with pytest.raises(PermissionDenied):
        issue_manually(held.trainee, held.run, held.trainee, "I deserve it")
    with pytest.raises(PermissionDenied):
        issue_manually(make.trainer("LSK"), held.run, held.trainee, "Trainers do not issue")
    with pytest.raises(NotFound):
        issue_manually(make.partner_coordinator("HBIO"), held.run, held.trainee, "Not my partner")
    assert issue_manually(make.consortium_coordinator(), held.run, held.trainee, "Consortium-wide").id


def test_only_trainees_with_a_confirmed_place_get_a_certificate(held, make):
    with pytest.raises(NotFound, match="no confirmed place"):
        issue_manually(held.coordinator, held.run, make.trainee("LSK"), "Never registered")


def test_revocation_needs_a_reason_and_shows_on_verification(held):
    certificate = issue_manually(held.coordinator, held.run, held.trainee, "Completed")
    with pytest.raises(ValidationError):
        revoke(held.coordinator, certificate, "")
    revoke(held.coordinator, certificate, "Plagiarised field project")
    db.session.commit()
    result = verify(certificate.code, utcnow())
    assert result.status == "revoked" and result.revoked_on is not None
    with pytest.raises(Conflict):
        revoke(held.coordinator, certificate, "twice")
    assert issue_manually(held.coordinator, held.run, held.trainee, "Re-examined").is_current


def test_re_issue_after_a_name_correction_keeps_the_old_one_as_superseded(held):
    old = issue_manually(held.coordinator, held.run, held.trainee, "Completed")
    held.trainee.name = "Łukasz Żółć-Nowak"
    new = reissue(held.coordinator, old, "Name corrected on the profile")
    db.session.commit()
    assert old.superseded_by_id == new.id and old.trainee_name == "Łukasz Żółć"
    assert new.trainee_name == "Łukasz Żółć-Nowak" and new.code != old.code
    assert verify(old.code, utcnow()).status == "superseded" and verify(new.code, utcnow()).status == "valid"
    assert current_certificate(held.trainee.id, held.run.id).id == new.id


def test_a_certificate_expires_after_its_expiry_date(held):
    expiry = date.today() + timedelta(days=30)
    certificate = issue_manually(held.coordinator, held.run, held.trainee, "Completed", expires_on=expiry)
    assert verify(certificate.code, utcnow()).status == "valid"
    assert verify(certificate.code, utcnow() + timedelta(days=32)).status == "expired"
    with pytest.raises(ValidationError, match="future"):
        issue_manually(held.coordinator, held.run, held.trainee, "x", expires_on=date(2000, 1, 1))


def test_unknown_and_malformed_codes_verify_to_nothing(held):
    assert verify("0000-0000-0000-0000-0000-0000-00", utcnow()) is None
    assert verify("not a code", utcnow()) is None


@pytest.mark.committing  # two threads, two connections
def test_two_simultaneous_issues_for_the_same_trainee_and_run_cannot_both_succeed(app, held):
    run_id, trainee_id, coordinator_id = held.run.id, held.trainee.id, held.coordinator.id
    db.session.commit()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def issue():
        with app.app_context():
            run, trainee = db.session.get(CourseRun, run_id), db.session.get(User, trainee_id)
            coordinator = db.session.get(User, coordinator_id)
            barrier.wait()
            try:
                issue_manually(coordinator, run, trainee, "Simultaneous")
                db.session.commit()
                outcomes.append("issued")
            except Conflict:
                db.session.rollback()
                outcomes.append("conflict")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "issued"]
    assert db.session.scalar(select(db.func.count(Certificate.id)).where(Certificate.run_id == run_id)) == 1


def test_the_certificate_names_the_course_not_the_runs_scheduling_label(held):
    held.run.title = "Cluster finance · online from Palma"
    certificate = issue_manually(held.coordinator, held.run, held.trainee, "Attended every session")
    assert certificate.course_title == held.run.course.title != held.run.title


def test_a_revoked_certificate_is_neither_revoked_again_nor_re_issued(held):
    certificate = issue_manually(held.coordinator, held.run, held.trainee, "Completed")
    revoke(held.coordinator, certificate, "Plagiarised field project")
    with pytest.raises(Conflict, match="Only a current certificate can be revoked"):
        revoke(held.coordinator, certificate, "Twice")
    with pytest.raises(Conflict, match="Only a current certificate can be re-issued"):
        reissue(held.coordinator, certificate, "Name corrected")
    assert certificate.revocation_reason == "Plagiarised field project" and certificate.superseded_at is None
    assert certificate.status_at(utcnow()) == CertificateStatus.REVOKED


def test_a_superseded_certificate_cannot_be_revoked(held):
    old = issue_manually(held.coordinator, held.run, held.trainee, "Completed")
    reissue(held.coordinator, old, "Name corrected on the profile")
    with pytest.raises(Conflict, match="Only a current certificate can be revoked"):
        revoke(held.coordinator, old, "Too late")
    assert old.revoked_at is None and old.status_at(utcnow()) == CertificateStatus.SUPERSEDED
