"""The certificates demo step."""

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from ecri_lms.certificates.demo import load_certificates
from ecri_lms.certificates.models import Certificate
from ecri_lms.extensions import db
from ecri_lms.timeutil import utcnow


def test_the_demo_leaves_certificates_issued_one_revoked_and_one_expired(make):
    for days_ago in (70, 50):
        run = make.run(make.course(), partner="LSK", starts_in=timedelta(days=-days_ago), sessions=2,
                       status="completed")
        for _ in range(5):
            make.registration(run, make.trainee("LSK"))
    load_certificates()
    db.session.commit()
    statuses = Counter(c.status_at(utcnow()) for c in db.session.scalars(select(Certificate)))
    assert statuses == {"valid": 5, "revoked": 1, "expired": 1}


def test_the_demo_step_says_why_it_skips_without_completed_runs(capsys):
    load_certificates()
    assert "Certificates skipped" in capsys.readouterr().out
