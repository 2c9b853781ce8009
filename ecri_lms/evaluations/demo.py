"""Demo evaluations: most trainees of the demo runs that have ended answered within a few days.

They rate the runs well on the whole and say they are more competent than their partner's survey
respondents were before training, so each plan's before-and-after page has something to show. On a
run that ended but is not closed yet, the trainee.<partner> accounts have not answered: a newcomer
logged in as one finds the evaluation waiting.
"""

import random
from datetime import timedelta

from sqlalchemy import select

from ..infra.extensions import db
from ..infra.timeutil import utcnow
from ..scheduling.models import CourseRun, Registration, RunStatus
from .models import Evaluation, EvaluationInvitation, TopicCompetence

ANSWER_RATE = 0.8
MEANS = {"usefulness": 4.1, "trainer": 4.4, "organisation": 3.9, "competence": 3.6, "importance": 4.0}
COMMENTS = (
    "The case studies from other clusters were the most useful part.",
    "Too much content for the time: a third session would help.",
    "Clear and practical; I would like the slides in advance next time.",
    "The room was hard to find, but the training itself was excellent.",
    "Good exercises. More examples from SMEs of our size, please.",
)


def _score(rng: random.Random, mean: float) -> int:
    return min(5, max(1, round(rng.gauss(mean, 0.8))))


def _evaluation(rng: random.Random, run: CourseRun, registration: Registration) -> Evaluation:
    trainee = registration.user
    return Evaluation(
        run_id=run.id,
        user_id=trainee.id,
        partner_id=trainee.partner_id,
        usefulness=_score(rng, MEANS["usefulness"]),
        trainer=_score(rng, MEANS["trainer"]),
        organisation=_score(rng, MEANS["organisation"]),
        comment=rng.choice(COMMENTS) if rng.random() < 0.4 else "",
        submitted_at=run.ends_at + timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 10)),
        ratings=[
            TopicCompetence(
                topic=topic, competence=_score(rng, MEANS["competence"]), importance=_score(rng, MEANS["importance"])
            )
            for topic in run.course.topics
        ],
    )


def _left_to_try(run: CourseRun, registration: Registration) -> bool:
    """A named demo account's evaluation of a run not closed yet: left for a newcomer to answer."""
    return run.is_published and registration.user.email.startswith("trainee.")


def load_evaluations(rng: random.Random) -> None:
    """Invitations and answers for every demo run that has ended."""
    ended = db.session.scalars(
        select(CourseRun)
        .where(CourseRun.status != RunStatus.CANCELLED, CourseRun.ends_at <= utcnow())
        .order_by(CourseRun.id)
    )
    for run in ended:
        db.session.add(EvaluationInvitation(run_id=run.id, sent_at=run.ends_at + timedelta(hours=1)))
        registrations = db.session.scalars(
            select(Registration).where(Registration.confirmed_on(run.id)).order_by(Registration.position)
        )
        db.session.add_all(
            _evaluation(rng, run, registration)
            for registration in registrations
            if rng.random() < ANSWER_RATE and not _left_to_try(run, registration)
        )
    db.session.flush()
