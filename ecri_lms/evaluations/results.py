"""What a run's evaluations say, for its trainers and coordinators: means, distributions and comments.

Results are shown without names: trainees answer more frankly when their trainer cannot tell who
said what. For the same reason a question answered by fewer than the small-group threshold shows only
its number of answers, and comments appear only from the comment threshold (`needs.small_groups`).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import func, select

from ..catalogue.models import Topic
from ..infra.extensions import db
from ..infra.i18n import _l
from ..needs.analysis import round_half_up
from ..needs.small_groups import min_comments, min_group_size, shown_comments
from ..scheduling.models import CourseRun, Registration
from ..scheduling.permissions import require_manage_run
from .models import LEVEL_ONE, Evaluation
from .services import SCALE

LEVEL_ONE_LABELS = {
    "usefulness": _l("Usefulness of the run"),
    "trainer": _l("The trainer"),
    "organisation": _l("Organisation of the run"),
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
    withheld: bool = False  # too few answers: only their number is shown


def question(label: str, scores: list[int]) -> Question:
    """A question's answers, withheld when fewer people gave them than a shown figure needs."""
    answers = distribution(scores)
    return Question(label, answers, 0 < answers.n < min_group_size())


@dataclass(frozen=True)
class RunResults:
    run: CourseRun
    trainees: int  # confirmed
    answered: int
    level_one: list[Question]
    topics: list[Question]
    comments: list[str]  # empty when too few answered for any to be shown
    comments_withheld: bool


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
    level_one = [question(str(LEVEL_ONE_LABELS[name]), [getattr(e, name) for e in evaluations]) for name in LEVEL_ONE]
    by_topic: dict[int, list[int]] = {}
    topics: dict[int, Topic] = {}
    for evaluation in evaluations:
        for rating in evaluation.ratings:
            by_topic.setdefault(rating.topic_id, []).append(rating.competence)
            topics[rating.topic_id] = rating.topic
    topic_questions = [
        question(f"{topics[tid].code} – {topics[tid].name}", scores)
        for tid, scores in sorted(by_topic.items(), key=lambda pair: topics[pair[0]].position)
    ]
    return RunResults(
        run,
        _trainee_count(run),
        len(evaluations),
        level_one,
        topic_questions,
        shown_comments([e.comment for e in evaluations if e.comment], len(evaluations)),
        len(evaluations) < min_comments(),
    )
