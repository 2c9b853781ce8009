"""How much of a training plan the training has met: computed live from runs and completions, never stored.

Per item of a plan's last approved version:
- runs scheduled: the plan partner's runs of the item's courses starting in the item's target period
  (cancelled runs are not counted);
- runs held: those of them that have taken place;
- trainees completed: distinct trainees whose organisation is of one of the item's target types and
  who completed one of those runs, against the item's target number of trainees (met when reached).
Per plan (one partner, one period): the share of the partner's top-N needs, ranked by the plan's
survey, whose plan item has met its target; a top need the plan leaves out counts as not met.

Runs and completions belong to scheduling and certificates, which provide them by registering a
callable each on the app (`register_runs_provider`, `register_completions_provider`), naming the
tables it reads so that coverage can be cached until they change. Until runs are
provided `coverage_available()` is False and the pages say "Coverage appears once runs are scheduled"
instead of showing numbers; until completions are provided the runs are counted and the trainees
completed are left unknown (None), never shown as zero.
"""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from functools import partial

from flask import Flask, current_app

from ..catalogue.models import Topic
from ..infra.caching.results import cached_result, table_names
from ..infra.timeutil import this_minute
from .analysis import top_topics
from .errors import CoverageUnavailable
from .models import PlanItem, PlanVersion, Survey, TrainingPlan, plan_item_course
from .queries import SURVEY_TABLES, ranking

EXTENSION_KEY = "ecri_lms.needs.coverage"
DEFAULT_TOP_N = 5
UNAVAILABLE_MESSAGE = "Coverage appears once runs are scheduled."
COMPLETIONS_UNKNOWN_MESSAGE = "Trainees who completed the runs are counted once certificates are issued."
# What coverage reads of the needs area (plans, their items, the survey ranking their topics).
PLAN_TABLES = table_names([TrainingPlan, PlanVersion, PlanItem, plan_item_course, Survey, Topic, *SURVEY_TABLES])


@dataclass(frozen=True)
class RunFact:
    """A course run as scheduling knows it."""

    run_id: int
    course_id: int
    partner_id: int
    starts_on: date
    held: bool  # it has taken place


@dataclass(frozen=True)
class CompletionFact:
    """A trainee who completed a run, with the type of their organisation (None if unknown)."""

    run_id: int
    user_id: int
    organisation_type: str | None


# (partner id, course ids, first day, last day) → that partner's runs of those courses starting in the
# period, cancelled ones left out.
RunsProvider = Callable[[int, Collection[int], date, date], Sequence[RunFact]]
# (run ids) → the completions of those runs.
CompletionsProvider = Callable[[Collection[int]], Sequence[CompletionFact]]


@dataclass(frozen=True)
class Providers:
    runs: RunsProvider | None = None
    completions: CompletionsProvider | None = None
    # Tables the providers read; None when one of them did not say (its results are then never cached).
    reads: tuple[str, ...] | None = ()

    def reading(self, tables: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return None if tables is None or self.reads is None else tuple(sorted({*self.reads, *tables}))


def _registered(app: Flask) -> Providers:
    return app.extensions.get(EXTENSION_KEY) or Providers()


def register_runs_provider(app: Flask, runs: RunsProvider, reads: tuple[str, ...] | None = None) -> None:
    """Called at start-up by the code that knows scheduling's runs."""
    registered = _registered(app)
    app.extensions[EXTENSION_KEY] = replace(registered, runs=runs, reads=registered.reading(reads))


def register_completions_provider(
    app: Flask, completions: CompletionsProvider, reads: tuple[str, ...] | None = None
) -> None:
    """Called at start-up by the code that knows who completed a run (certificates)."""
    registered = _registered(app)
    app.extensions[EXTENSION_KEY] = replace(registered, completions=completions, reads=registered.reading(reads))


def coverage_available() -> bool:
    return _registered(current_app).runs is not None


def completions_available() -> bool:
    return _registered(current_app).completions is not None


def _providers() -> Providers:
    providers = _registered(current_app)
    if providers.runs is None:
        raise CoverageUnavailable(UNAVAILABLE_MESSAGE)
    return providers


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
    completed: int | None  # None: completions are not known yet

    @property
    def met(self) -> bool:
        return self.completed is not None and self.completed >= self.target

    @property
    def share(self) -> Fraction | None:
        """Completed against target, capped at 1."""
        return None if self.completed is None else min(Fraction(1), Fraction(self.completed, self.target))


def item_coverage(
    target: ItemTarget, runs: Sequence[RunFact], completions: Sequence[CompletionFact] | None
) -> ItemCoverage:
    """One item's coverage from the facts (pure: facts outside the item's courses or period are ignored);
    completions None means they are not known."""
    relevant = [
        run for run in runs if run.course_id in target.course_ids and target.start <= run.starts_on <= target.end
    ]
    run_ids = {run.run_id for run in relevant}
    completed = None
    if completions is not None:
        completed = len(
            {c.user_id for c in completions if c.run_id in run_ids and c.organisation_type in target.org_types}
        )
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
    completions_known: bool = True

    @property
    def share_of_top_needs_met(self) -> Fraction | None:
        if not self.top_needs or not self.completions_known:
            return None
        return Fraction(len(self.met_needs), len(self.top_needs))


def plan_coverage(plan: TrainingPlan, top_n: int = DEFAULT_TOP_N) -> PlanCoverage:
    """Coverage of the plan's last approved version; raises CoverageUnavailable without providers.

    Cached while the plan, its survey's answers and the providers' tables are unchanged, for the
    current minute (runs become held as time passes)."""
    providers = _providers()
    version = plan.last_approved
    if version is None:
        raise CoverageUnavailable("Coverage is measured against an approved plan: approve this plan first.")
    compute = partial(_plan_coverage, providers, plan, version, top_n)
    tables = providers.reading(PLAN_TABLES)
    if tables is None:
        return compute()
    return cached_result("needs.plan_coverage", tables, (plan.id, version.id, top_n), compute, as_of=this_minute())


def _plan_coverage(providers: Providers, plan: TrainingPlan, version: PlanVersion, top_n: int) -> PlanCoverage:
    items = []
    for target in targets_of(version):
        runs = (
            list(providers.runs(plan.partner_id, target.course_ids, target.start, target.end))
            if target.course_ids
            else []
        )
        items.append(item_coverage(target, runs, _completions(providers, runs)))
    top = [need.topic for need in top_topics(ranking(plan.survey, plan.partner_id), top_n)] if plan.survey else []
    return PlanCoverage(version.number, items, top, needs_met(top, items), providers.completions is not None)


def _completions(providers: Providers, runs: Sequence[RunFact]) -> list[CompletionFact] | None:
    if providers.completions is None:
        return None
    return list(providers.completions([run.run_id for run in runs])) if runs else []
