"""A training plan's Kirkpatrick loop: competence before training (the plan's baseline survey) and after it.

Before: the survey the plan was ranked from (`plan.survey`), over the plan partner's respondents; never
a newer survey, so a pilot answered by a handful replaces nothing. After: the level-2 ratings of the
trainees of the runs that served each item of the plan in force (the item's courses, the plan's partner,
its target period: `needs.runs.item_runs`), in the item's topic; runs that served no item of this plan
are not pooled. Both sides obey the small-group rule: the after side is the sum of its runs, each of which
shows its own results page from five answers, so the pooled figure is hidden whenever it would give a
hidden run back (`needs.small_groups`).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select

from ..catalogue.models import Topic
from ..infra.extensions import db
from ..needs.analysis import TopicNeed, round_half_up
from ..needs.disclosure import shown_ranking
from ..needs.models import PlanVersion, Survey, TrainingPlan
from ..needs.runs import item_runs
from ..needs.services.access import get_plan_for
from ..needs.small_groups import Sum, min_group_size, withheld
from ..scheduling.models import CourseRun
from .models import Evaluation, TopicCompetence

POOLED = "pooled"


@dataclass(frozen=True)
class LoopRow:
    """One need of the plan: mean competence before (baseline respondents) and after (its runs' trainees)."""

    topic: Topic
    runs: list[CourseRun]
    n_before: int
    before: Decimal | None  # None: no answer, or withheld
    n_after: int
    after: Decimal | None
    change: Decimal | None  # after minus before
    before_withheld: bool
    after_withheld: bool


@dataclass(frozen=True)
class PlanLoop:
    plan: TrainingPlan
    version: PlanVersion | None  # the plan in force (last approved); None before any approval
    baseline: Survey | None
    rows: list[LoopRow]


def ratings_by_run(run_ids: list[int], topic_id: int) -> dict[int, list[int]]:
    """Per run, the competence its trainees gave themselves in the topic after it."""
    found: dict[int, list[int]] = {run_id: [] for run_id in run_ids}
    rows = db.session.execute(
        select(Evaluation.run_id, TopicCompetence.competence)
        .join(TopicCompetence, TopicCompetence.evaluation_id == Evaluation.id)
        .where(Evaluation.run_id.in_(run_ids), TopicCompetence.topic_id == topic_id)
    )
    for run_id, competence in rows:
        found[run_id].append(competence)
    return found


def pooled_after_withheld(by_run: dict[int, list[int]]) -> bool:
    """Whether the runs' pooled ratings must be hidden: too few, or they would give a hidden run back."""
    sizes = {run_id: len(scores) for run_id, scores in by_run.items()}
    sizes[POOLED] = sum(sizes.values())
    runs = tuple(by_run)
    return POOLED in withheld(sizes, [Sum(POOLED, runs)], min_group_size(), fixed=runs)


def _row(topic: Topic, runs: list[CourseRun], need: TopicNeed | None) -> LoopRow:
    by_run = ratings_by_run([run.id for run in runs], topic.id)
    scores = [score for run_scores in by_run.values() for score in run_scores]
    after_hidden = pooled_after_withheld(by_run)
    exact_after = Fraction(sum(scores), len(scores)) if scores and not after_hidden else None
    exact_before = need.exact_competence if need else None
    change = None if exact_after is None or exact_before is None else exact_after - exact_before
    return LoopRow(
        topic=topic,
        runs=runs,
        n_before=need.n if need else 0,
        before=need.competence if need else None,
        n_after=len(scores),
        after=None if exact_after is None else round_half_up(exact_after),
        change=None if change is None else round_half_up(change),
        before_withheld=bool(need and need.withheld),
        after_withheld=after_hidden,
    )


def plan_loop(actor, plan_id: int) -> PlanLoop:
    """Before and after training for each need of the plan in force, for those who may see the plan."""
    plan = get_plan_for(actor, plan_id)
    version = plan.last_approved
    baseline = plan.survey
    needs = {n.topic: n for n in shown_ranking(baseline, plan.partner_id)} if baseline else {}
    rows = (
        [_row(item.topic, item_runs(plan, item), needs.get(item.topic.code)) for item in version.items]
        if version
        else []
    )
    return PlanLoop(plan, version, baseline, rows)
