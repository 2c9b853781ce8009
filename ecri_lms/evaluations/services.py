"""Who may evaluate which run, and when; recording an evaluation.

An evaluation opens when the run's last session has ended and stays open for EVALUATION_WINDOW; it
is offered to the run's confirmed trainees only, one answer each. A sent evaluation is final:
trainers read the results while the window is still open, so answers do not change under them.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ..accounts.permissions import Cap, has_capability
from ..catalogue.models import Topic
from ..infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ..infra.extensions import db
from ..infra.i18n import _, _l
from ..infra.memo import memoised
from ..infra.timeutil import utcnow
from ..scheduling.models import CourseRun, Registration, RunStatus
from ..scheduling.queries import registration_of
from .models import LEVEL_ONE, Evaluation, EvaluationStanding, TopicCompetence

EVALUATION_WINDOW = timedelta(days=30)
SCALE = range(1, 6)
MAX_COMMENT = 2000
# What a level-1 question left unrated is told, one whole sentence each.
UNRATED = {
    "usefulness": _l("Rate the usefulness of the run from 1 to 5."),
    "trainer": _l("Rate the trainer from 1 to 5."),
    "organisation": _l("Rate the organisation of the run from 1 to 5."),
}


def deadline(run: CourseRun) -> datetime | None:
    """The last moment to evaluate the run, EVALUATION_WINDOW after it ends; None while its end is unknown."""
    return None if run.ends_at is None else run.ends_at + EVALUATION_WINDOW


def is_open(run: CourseRun, now: datetime | None = None) -> bool:
    """From the end of the run's last session until the deadline, unless the run was cancelled."""
    now = now or utcnow()
    return not run.is_cancelled and run.ends_at is not None and run.ends_at <= now < deadline(run)


def is_confirmed_trainee(user, run: CourseRun) -> bool:
    """Whether the user holds a confirmed seat on the run: only such trainees evaluate it."""
    registration = registration_of(run, user)
    return registration is not None and registration.is_confirmed


def evaluation_of(user, run: CourseRun) -> Evaluation | None:
    """The user's evaluation of the run (asked twice by the run page's panel: read once)."""
    return memoised(
        ("evaluation", run.id, user.id),
        lambda: db.session.scalar(select(Evaluation).where(Evaluation.run_id == run.id, Evaluation.user_id == user.id)),
    )


def run_topics(run: CourseRun) -> list[Topic]:
    """The topics trainees rate their competence in: those the run's course is tagged with."""
    return run.course.topics


def require_may_evaluate(user, run: CourseRun) -> None:
    """Refuse anyone but a confirmed trainee of the run, before it ends, after the deadline, or a second time:
    someone who never evaluates runs is refused (PermissionDenied), a trainee of other runs finds none (NotFound)."""
    if not has_capability(user, Cap.LEARN):
        raise PermissionDenied(_("Only trainees evaluate runs."))
    if not is_confirmed_trainee(user, run):
        raise NotFound(_("You have no evaluation to give for this run."))
    if evaluation_of(user, run) is not None:
        raise Conflict(_("You have already evaluated this run: thank you."))
    if run.is_cancelled:
        raise Conflict(_("This run was cancelled: there is nothing to evaluate."))
    if run.ends_at is None or utcnow() < run.ends_at:
        raise Conflict(_("The evaluation opens when the run's last session has ended."))
    if not is_open(run):
        raise Conflict(_("The evaluation of this run has closed."))


def trainee_state(user, run: CourseRun) -> EvaluationStanding:
    """Where a confirmed trainee stands with the run's evaluation."""
    if evaluation_of(user, run) is not None:
        return EvaluationStanding.GIVEN
    if is_open(run):
        return EvaluationStanding.OPEN
    if not run.is_cancelled and (run.ends_at is None or utcnow() < run.ends_at):
        return EvaluationStanding.NOT_YET
    return EvaluationStanding.CLOSED


@dataclass
class EvaluationAnswers:
    usefulness: int
    trainer: int
    organisation: int
    comment: str = ""
    competence: dict[str, int] = field(default_factory=dict)  # by topic code
    importance: dict[str, int] = field(default_factory=dict)  # by topic code


def _check(answers: EvaluationAnswers, topics: list[Topic]) -> None:
    for name in LEVEL_ONE:
        if getattr(answers, name) not in SCALE:
            raise ValidationError(str(UNRATED[name]))
    if len(answers.comment) > MAX_COMMENT:
        raise ValidationError(_("Keep the comment within %(max)d characters.", max=MAX_COMMENT))
    expected = {topic.code for topic in topics}
    if set(answers.competence) != expected or set(answers.importance) != expected:
        raise ValidationError(_("Rate your competence in each topic of the run, and its importance for your work."))
    if any(value not in SCALE for value in [*answers.competence.values(), *answers.importance.values()]):
        raise ValidationError(_("Rate your competence and each topic's importance from 1 to 5."))


def submit(user, run: CourseRun, answers: EvaluationAnswers) -> Evaluation:
    """Record the trainee's evaluation of the run."""
    require_may_evaluate(user, run)
    topics = run_topics(run)
    _check(answers, topics)
    evaluation = Evaluation(
        run_id=run.id,
        user_id=user.id,
        partner_id=user.partner_id,
        usefulness=answers.usefulness,
        trainer=answers.trainer,
        organisation=answers.organisation,
        comment=answers.comment.strip(),
        ratings=[
            TopicCompetence(
                topic=topic, competence=answers.competence[topic.code], importance=answers.importance[topic.code]
            )
            for topic in topics
        ],
    )
    db.session.add(evaluation)
    db.session.flush()
    return evaluation


def pending_runs(user, now: datetime | None = None) -> list[CourseRun]:
    """The runs the user may evaluate now and has not yet, the soonest to close first (the dashboard asks
    twice, whether to show its panel and what it lists: read once)."""
    if getattr(user, "id", None) is None:
        return []
    if now is None:
        return memoised(("pending_evaluations", user.id), lambda: _pending_runs(user, utcnow()))
    return _pending_runs(user, now)


def _pending_runs(user, now: datetime) -> list[CourseRun]:
    answered = select(Evaluation.run_id).where(Evaluation.user_id == user.id)
    return list(
        db.session.scalars(
            select(CourseRun)
            .join(Registration, Registration.confirmed_on(CourseRun.id))
            .options(lazyload(CourseRun.trainers))
            .where(
                Registration.user_id == user.id,
                CourseRun.status != RunStatus.CANCELLED,
                CourseRun.ends_at <= now,
                CourseRun.ends_at > now - EVALUATION_WINDOW,
                CourseRun.id.not_in(answered),
            )
            .order_by(CourseRun.ends_at, CourseRun.id)
        )
    )


def given_evaluations(user) -> list[Evaluation]:
    """The user's own evaluations, newest first, for their evaluations page."""
    return list(
        db.session.scalars(
            select(Evaluation).where(Evaluation.user_id == user.id).order_by(Evaluation.submitted_at.desc())
        )
    )
