"""A run that ended three days ago, with two confirmed trainees, a waitlisted one and a trainer."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from ecri_lms.evaluations.services import EvaluationAnswers


@dataclass
class EndedRun:
    run: object
    course: object
    trainer: object
    trainees: list
    waitlisted: object


@pytest.fixture
def ended(make) -> EndedRun:
    course = make.tagged_course("FIN01", "FIN", "REG")
    trainer = make.trainer("HBIO")
    run = make.run(course, "HBIO", trainers=[trainer], starts_in=timedelta(days=-3))
    trainees = [make.trainee("HBIO"), make.trainee("LSK")]
    for trainee in trainees:
        make.registration(run, trainee)
    waitlisted = make.trainee("HBIO")
    make.registration(run, waitlisted, status="waitlisted")
    return EndedRun(run, course, trainer, trainees, waitlisted)


def answers(usefulness=4, trainer=5, organisation=3, comment="", fin=4, reg=3, importance=5) -> EvaluationAnswers:
    return EvaluationAnswers(
        usefulness, trainer, organisation, comment, {"FIN": fin, "REG": reg}, {"FIN": importance, "REG": importance}
    )


@pytest.fixture
def every_group_shown(app, monkeypatch):
    """Thresholds of one, for tests of the arithmetic rather than of the small-group rule."""
    monkeypatch.setitem(app.config, "PRIVACY_MIN_GROUP_SIZE", 1)
    monkeypatch.setitem(app.config, "PRIVACY_MIN_COMMENTS", 1)


def more_trainees(make, ended: EndedRun, count: int) -> list:
    """`count` more confirmed HBIO trainees of the ended run."""
    added = [make.trainee("HBIO") for _ in range(count)]
    for trainee in added:
        make.registration(ended.run, trainee)
    return added
