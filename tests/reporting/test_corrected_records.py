"""A person's record corrected by an administrator or their partner coordinator: the figures follow."""

from ecri_lms.accounts.records import RecordCorrection, correct_record
from ecri_lms.infra.extensions import db
from ecri_lms.reporting import figures
from tests.reporting.dataset import tally


def test_moving_a_trainee_to_an_sme_changes_the_sme_figures(data, consortium, make):
    bruno = data.people["bruno"]
    assert tally(data, consortium, figures.sme_participants) == (2, 3, 3)
    correct_record(
        make.admin(),
        bruno,
        RecordCorrection(bruno.name, bruno.partner_id, organisation_name="Acme Bio", organisation_type="sme"),
    )
    db.session.commit()
    assert tally(data, consortium, figures.sme_participants) == (3, 3, 4)
    assert tally(data, consortium, figures.distinct_smes) == (2, 2, 2)  # Acme Bio was already counted
