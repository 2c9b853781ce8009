from collections import Counter

from sqlalchemy import select

from ecri_lms.accounts.models import User
from ecri_lms.extensions import db


def test_demo_load_builds_a_believable_consortium_once(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "ecri-demo-pass" in result.output
    users = db.session.scalars(select(User)).all()
    roles = Counter(role.value for user in users for role in user.role_set)
    assert roles["trainee"] >= 40 and roles["trainer"] == 6
    assert roles["partner_coordinator"] == 4 and roles["consortium_coordinator"] == 1 and roles["admin"] == 1
    trainees = [u for u in users if any(r.value == "trainee" for r in u.role_set)]
    assert {u.partner.code for u in trainees} == {"BIOIBAL", "HBIO", "LSK", "BIOPMED"}
    assert len({u.organisation.type for u in trainees}) >= 4

    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code != 0 and "already has accounts" in again.output
    assert runner.invoke(args=["demo", "load", "--if-empty"]).exit_code == 0
