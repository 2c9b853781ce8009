"""Competence before and after training: waits for evaluations, then compares by partner and topic."""

from decimal import Decimal

import pytest

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.extensions import db
from ecri_lms.needs import evaluation
from ecri_lms.needs.analysis import analyse
from ecri_lms.needs.evaluation import CompetenceAfter, before_after
from ecri_lms.needs.services import imports
from tests.needs.test_analysis import hand_ratings
from tests.needs.test_files import long_csv


def test_before_and_after_are_the_mean_competences_and_their_difference():
    needs = analyse(hand_ratings())
    # REG before: C̄ = 15/6 = 2.5. After: 4, 4, 3 → 11/3 = 3.6667; change = 11/3 − 5/2 = 7/6 = 1.1667
    after = [CompetenceAfter(1, "REG", c) for c in (4, 4, 3)]
    rows = {row.topic: row for row in before_after(needs, after)}
    assert (rows["REG"].n_before, rows["REG"].before, rows["REG"].n_after, rows["REG"].after, rows["REG"].change) == (
        6,
        Decimal("2.5000"),
        3,
        Decimal("3.6667"),
        Decimal("1.1667"),
    )
    assert (rows["FIN"].n_after, rows["FIN"].after, rows["FIN"].change) == (0, None, None)


@pytest.fixture
def survey(make):
    survey = make.survey(name="Before")
    imports.import_answers(SYSTEM, survey, long_csv().encode())
    db.session.commit()
    return survey


def test_the_needs_page_waits_for_evaluations(app, client, login_as, make, survey, monkeypatch):
    monkeypatch.delitem(app.extensions, evaluation.EXTENSION_KEY)
    login_as(make.consortium_coordinator())
    page = client.get(f"/needs/?survey={survey.id}&partner=HBIO")
    assert "Competence after training appears once trainees have evaluated their runs." in page.text


def test_with_an_evaluations_provider_the_page_shows_before_and_after(app, client, login_as, make, survey, monkeypatch):
    hbio = make.partner("HBIO").id
    monkeypatch.setitem(
        app.extensions,
        evaluation.EXTENSION_KEY,
        lambda partner_ids: [CompetenceAfter(hbio, "FIN", 4), CompetenceAfter(hbio, "FIN", 5)],
    )
    login_as(make.consortium_coordinator())
    page = client.get(f"/needs/?survey={survey.id}&partner=HBIO")
    assert "appears once trainees" not in page.text
    # FIN before: C̄ = 2.2; after: 4.5; change 2.3
    assert '<td class="text-end">4.5000</td><td class="text-end">2.3000</td>' in page.text
