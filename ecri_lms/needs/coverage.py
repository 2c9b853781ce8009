"""How much of a training plan the training has met: computed live from runs and completions, never stored.

Per item of a plan's last approved version:
- runs scheduled: the plan partner's published (or completed) runs of the item's courses starting in
  the item's target period (drafts and cancelled runs are not counted);
- runs held: those of them that have taken place;
- trainees completed: distinct trainees whose organisation is of one of the item's target types and
  who completed one of those runs, against the item's target number of trainees (met when reached).
Per plan (one partner, one period): the share of the partner's top-N needs, ranked by the plan's
survey, whose plan item has met its target; a top need the plan leaves out counts as not met.

Runs are read from scheduling (`runs.run_facts`) and completions from certificates
(`completion_facts.completion_facts`); coverage is cached until the tables they read change.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import partial

from ..catalogue.models import Topic
from ..infra.caching.results import cached_result, table_names
from ..infra.i18n import gettext as _
from ..infra.timeutil import this_minute
from .analysis import top_topics
from .completion_facts import COMPLETION_FACT_TABLES, CompletionFact, completion_facts
from .errors import CoverageUnavailable
from .models import PlanItem, PlanVersion, Survey, TrainingPlan, plan_item_course
from .queries import SURVEY_TABLES, ranking
from .runs import RUN_FACT_TABLES, RunFact, run_facts

DEFAULT_TOP_N = 5
# What coverage reads: plans, their items, the survey ranking their topics, runs and completions.
COVERAGE_TABLES = table_names(
    [TrainingPlan, PlanVersion, PlanItem, plan_item_course, Survey, Topic]
    + [*SURVEY_TABLES, *RUN_FACT_TABLES, *COMPLETION_FACT_TABLES]
)


@dataclass(frozen=True)
class ItemTarget:
    """What a plan item aims at, as plain data."""

    item_id: int
    topic: str
    course_ids: frozenset[int]
    org_types: frozenset[str]
    target: int
    start: date
    end: date


@dataclass(frozen=True)
class ItemCoverage:
    item_id: int
    topic: str
    target: int
    runs_scheduled: int
    runs_held: int
    completed: int

    @property
    def met(self) -> bool:
        return self.completed >= self.target

    @property
    def share(self) -> Fraction:
        """Completed against target, capped at 1."""
        return min(Fraction(1), Fraction(self.completed, self.target))


def item_coverage(target: ItemTarget, runs: Sequence[RunFact], completions: Sequence[CompletionFact]) -> ItemCoverage:
    """One item's coverage from the facts (pure: facts outside the item's courses or period are ignored)."""
    relevant = [
        run for run in runs if run.course_id in target.course_ids and target.start <= run.starts_on <= target.end
    ]
    run_ids = {run.run_id for run in relevant}
    completed = len({c.user_id for c in completions if c.run_id in run_ids and c.organisation_type in target.org_types})
    return ItemCoverage(
        item_id=target.item_id,
        topic=target.topic,
        target=target.target,
        runs_scheduled=len(relevant),
        runs_held=sum(run.held for run in relevant),
        completed=completed,
    )


def targets_of(version: PlanVersion) -> list[ItemTarget]:
    return [
        ItemTarget(
            item.id,
            item.topic.code,
            frozenset(c.id for c in item.courses),
            frozenset(item.target_org_types),
            item.target_trainees,
            item.target_start,
            item.target_end,
        )
        for item in version.items
    ]


def needs_met(top_needs: Sequence[str], items: Sequence[ItemCoverage]) -> list[str]:
    """The top needs whose plan item reached its target."""
    met = {item.topic for item in items if item.met}
    return [topic for topic in top_needs if topic in met]


@dataclass(frozen=True)
class PlanCoverage:
    version_number: int
    items: list[ItemCoverage]
    top_needs: list[str]
    met_needs: list[str]

    @property
    def share_of_top_needs_met(self) -> Fraction | None:
        if not self.top_needs:
            return None
        return Fraction(len(self.met_needs), len(self.top_needs))


def plan_coverage(plan: TrainingPlan, top_n: int = DEFAULT_TOP_N) -> PlanCoverage:
    """Coverage of the plan's last approved version; raises CoverageUnavailable for a plan never approved.

    Cached while the tables it reads are unchanged, for the current minute (runs become held as time passes)."""
    version = plan.last_approved
    if version is None:
        raise CoverageUnavailable(_("Coverage is measured against an approved plan: approve this plan first."))
    compute = partial(_plan_coverage, plan, version, top_n)
    return cached_result(
        "needs.plan_coverage", COVERAGE_TABLES, (plan.id, version.id, top_n), compute, as_of=this_minute()
    )


def _plan_coverage(plan: TrainingPlan, version: PlanVersion, top_n: int) -> PlanCoverage:
    items = []
    for target in targets_of(version):
        runs = run_facts(plan.partner_id, target.course_ids, target.start, target.end) if target.course_ids else []
        items.append(item_coverage(target, runs, completion_facts([run.run_id for run in runs]) if runs else []))
    top = [need.topic for need in top_topics(ranking(plan.survey, plan.partner_id), top_n)] if plan.survey else []
    return PlanCoverage(version.number, items, top, needs_met(top, items))
