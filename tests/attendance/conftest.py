"""A run of the attendance tests: three sessions already held, one to come, a trainer and trainees."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow


@dataclass
class World:
    run: object
    trainer: object
    trainees: list
    past: list  # the three sessions already held, in order
    future: object


@pytest.fixture
def world(make) -> World:
    trainer = make.trainer(partner="HBIO", name="Theodora Trainer")
    run = make.run(partner="HBIO", trainers=[trainer], starts_in=timedelta(days=-3), sessions=3)
    future = make.training_session(
        run, (utcnow() + timedelta(days=5)).replace(minute=0, second=0, microsecond=0), venue=run.sessions[0].venue
    )
    trainees = [make.trainee(partner="HBIO", name=name) for name in ("Anna Alpha", "Łukasz Żółć", "Chris Gamma")]
    for trainee in trainees:
        make.registration(run, trainee)
    db.session.refresh(run)
    past = [s for s in run.sessions if s.id != future.id]
    return World(run, trainer, trainees, past, future)
