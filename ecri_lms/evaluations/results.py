"""What a run's evaluations say, for its trainers and coordinators: means, distributions and comments.

Results are shown without names: trainees answer more frankly when their trainer cannot tell who
said what.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import func, select

from ..catalogue.models import Topic
from ..infra.extensions import db
from ..needs.analysis import round_half_up
from ..needs.evaluation import CompetenceAfter
from ..scheduling.models import CourseRun, Registration
from ..scheduling.permissions import require_manage_run
from .models import LEVEL_ONE, Evaluation, TopicCompetence
from .services import SCALE

LEVEL_ONE_LABELS = {
    "usefulness": "Usefulness of the run",
    "trainer": "The trainer",
    "organisation": "Organisation of the run",
}


@dataclass(frozen=True)
class Distribution:
    """How many answers gave each score, 1 to 5, and their mean (two decimals)."""

    counts: tuple[int, ...]

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> Decimal | None:
        if not self.n:
            return None
        total = sum(score * count for score, count in zip(SCALE, self.counts, strict=True))
        return round_half_up(Fraction(total, self.n), 2)


def distribution(scores: list[int]) -> Distribution:
    return Distribution(tuple(scores.count(score) for score in SCALE))


@dataclass(frozen=True)
class Question:
    label: str
    answers: Distribution


@dataclass(frozen=True)
class RunResults:
    run: CourseRun
    trainees: int  # confirmed
    answered: int
    level_one: list[Question]
    topics: list[Question]
    comments: list[str]


def _trainee_count(run: CourseRun) -> int:
    return db.session.scalar(select(func.count()).where(Registration.confirmed_on(run.id))) or 0


def run_results(actor, run: CourseRun) -> RunResults:
    """The run's results, for those who manage it (others get 403, or 404 outside their scope)."""
    require_manage_run(actor, run)
    evaluations = list(
        db.session.scalars(
            select(Evaluation).where(Evaluation.run_id == run.id).order_by(Evaluation.submitted_at, Evaluation.id)
        )
    )
    level_one = [
        Question(LEVEL_ONE_LABELS[name], distribution([getattr(e, name) for e in evaluations])) for name in LEVEL_ONE
    ]
    by_topic: dict[int, list[int]] = {}
    topics: dict[int, Topic] = {}
    for evaluation in evaluations:
        for rating in evaluation.ratings:
            by_topic.setdefault(rating.topic_id, []).append(rating.competence)
            topics[rating.topic_id] = rating.topic
    topic_questions = [
        Question(f"{topics[tid].code} – {topics[tid].name}", distribution(scores))
        for tid, scores in sorted(by_topic.items(), key=lambda pair: topics[pair[0]].position)
    ]
    return RunResults(
        run,
        _trainee_count(run),
        len(evaluations),
        level_one,
        topic_questions,
        [e.comment for e in evaluations if e.comment],
    )


def competence_after(partner_ids) -> list[CompetenceAfter]:
    """The level-2 ratings given by trainees of these partners: the provider the needs area asks."""
    rows = db.session.execute(
        select(Evaluation.partner_id, Topic.code, TopicCompetence.competence)
        .join(TopicCompetence, TopicCompetence.evaluation_id == Evaluation.id)
        .join(Topic, Topic.id == TopicCompetence.topic_id)
        .where(Evaluation.partner_id.in_(list(partner_ids)))
    )
    return [CompetenceAfter(partner_id, code, competence) for partner_id, code, competence in rows]
