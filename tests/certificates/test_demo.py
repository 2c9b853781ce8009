"""The certificates demo step."""

from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from ecri_lms.catalogue.demo import view_lessons
from ecri_lms.certificates.demo import load_certificates
from ecri_lms.certificates.models import Certificate, Completion
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow


def _completed_run_with_trainees(make, days_ago: int, studied: int, idle: int):
    run = make.run(make.course(), partner="LSK", starts_in=timedelta(days=-days_ago), sessions=2, status="completed")
    trainees = [make.trainee("LSK") for _ in range(studied + idle)]
    for trainee in trainees:
        make.registration(run, trainee)
    for trainee in trainees[:studied]:  # flushed, not committed: the demo commits once, after its last step
        view_lessons(trainee, run.course.active_lessons, run.starts_at)
    return run


def test_the_demo_issues_certificates_on_completion_and_one_by_hand_one_revoked_one_expired(make):
    _completed_run_with_trainees(make, 70, studied=4, idle=2)
    _completed_run_with_trainees(make, 50, studied=4, idle=2)
    load_certificates()
    db.session.commit()
    certificates = list(db.session.scalars(select(Certificate)))
    assert db.session.scalar(select(func.count()).select_from(Completion)) == 8
    assert Counter(bool(c.issue_reason) for c in certificates) == {False: 8, True: 2}
    statuses = Counter((c.status_at(utcnow()), bool(c.issue_reason)) for c in certificates)
    assert statuses == {("valid", False): 7, ("revoked", False): 1, ("valid", True): 1, ("expired", True): 1}


def test_completions_are_dated_after_their_run_not_when_the_demo_is_loaded(make):
    run = _completed_run_with_trainees(make, 70, studied=2, idle=0)
    load_certificates()
    completed_at = db.session.scalars(select(Completion.completed_at)).all()
    assert completed_at and all(run.ends_at < moment < run.ends_at + timedelta(days=8) for moment in completed_at)


def test_the_demo_step_says_why_it_skips_without_completed_runs(capsys):
    load_certificates()
    assert "Certificates skipped" in capsys.readouterr().out
