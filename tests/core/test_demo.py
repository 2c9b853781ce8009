from collections import Counter

from sqlalchemy import func, select

from ecri_lms.accounts.models import User
from ecri_lms.assessment.models import Attempt
from ecri_lms.certificates.models import Certificate, Completion
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling.models import CourseRun
from ecri_lms.scheduling.queries import confirmed_registrations


def test_demo_load_builds_a_believable_consortium_once(demo_consortium, runner):
    assert demo_consortium.exit_code == 0, demo_consortium.output
    assert "ecri-demo-pass" in demo_consortium.output
    users = db.session.scalars(select(User)).all()
    roles = Counter(role.value for user in users for role in user.role_set)
    assert roles["trainee"] >= 40 and roles["trainer"] == 6
    assert roles["partner_coordinator"] == 4 and roles["consortium_coordinator"] == 1 and roles["admin"] == 1
    trainees = [u for u in users if any(r.value == "trainee" for r in u.role_set)]
    assert {u.partner.code for u in trainees} == {"BIOIBAL", "HBIO", "LSK", "BIOPMED"}
    assert len({u.organisation.type for u in trainees}) >= 4
    _assert_completed_runs_end_in_completions_and_automatic_certificates()

    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code != 0 and "already has accounts" in again.output
    assert runner.invoke(args=["demo", "load", "--if-empty"]).exit_code == 0


def _assert_completed_runs_end_in_completions_and_automatic_certificates():
    runs = db.session.scalars(select(CourseRun).where(CourseRun.status == "completed")).all()
    trainees = sum(len(confirmed_registrations(run)) for run in runs)
    completions = db.session.scalars(select(Completion)).all()
    assert trainees / 2 < len(completions) < trainees, "most trainees complete, some are still in progress"
    certificates = db.session.scalars(select(Certificate)).all()
    automatic = [c for c in certificates if not c.issue_reason]
    assert len(automatic) == len(completions) and len(automatic) >= 0.75 * len(certificates)
    statuses = Counter((c.status_at(utcnow()), bool(c.issue_reason)) for c in certificates)
    assert statuses[("valid", True)] == 1 and statuses[("expired", True)] == 1
    assert statuses[("revoked", False)] == 1
    retried = (
        select(Attempt.user_id)
        .join(Completion, Completion.user_id == Attempt.user_id)
        .group_by(Attempt.user_id, Attempt.quiz_id)
        .having(func.count() > 1)
    )
    assert len(db.session.execute(retried).all()) >= 2, "a few trainees failed a quiz once, then passed"
