"""The runs of scheduling that serve training-plan items, seen from the needs side.

A run serves a plan item when the plan's partner organises it, its course is one of the item's
courses, it is published (or closed as completed after being published: a draft is only an
intention, a cancelled run will not happen) and it starts (on the partner's calendar) within the
item's target period. Only the items of each plan's last approved version count: that is the plan
in force.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ..accounts.organisations import Partner
from ..infra.caching.results import table_names
from ..infra.extensions import db
from ..infra.timeutil import to_zone, utcnow
from ..scheduling.models import CourseRun, RunStatus
from .models import PlanItem, PlanStatus, PlanVersion, TrainingPlan, plan_item_course

# The run statuses that count as training offered: published, and published then closed as completed.
SERVING_STATUSES = (RunStatus.PUBLISHED, RunStatus.COMPLETED)


@dataclass(frozen=True)
class RunFact:
    """A course run as coverage counts it."""

    run_id: int
    course_id: int
    partner_id: int
    starts_on: date
    held: bool  # it has taken place


def start_day(run: CourseRun) -> date | None:
    """The run's first day on the organising partner's calendar."""
    return None if run.starts_at is None else to_zone(run.starts_at, run.partner.timezone).date()


def is_held(run: CourseRun) -> bool:
    """Taken place: closed as completed, or published and its last session over."""
    if run.is_completed:
        return True
    return run.is_published and run.ends_at is not None and run.ends_at <= utcnow()


def runs_serving(partner_id: int, course_ids: Collection[int], first: date, last: date) -> list[CourseRun]:
    """The partner's published (or completed) runs of these courses starting between first and last."""
    if not course_ids:
        return []
    # A day apart on either side catches every time zone; the exact local day is checked below.
    candidates = db.session.scalars(
        select(CourseRun)
        .where(
            CourseRun.partner_id == partner_id,
            CourseRun.course_id.in_(list(course_ids)),
            CourseRun.status.in_(SERVING_STATUSES),
            CourseRun.starts_at >= _midnight(first - timedelta(days=1)),
            CourseRun.starts_at < _midnight(last + timedelta(days=2)),
        )
        .options(lazyload(CourseRun.course), lazyload(CourseRun.trainers))  # only if a caller shows them
        .order_by(CourseRun.starts_at, CourseRun.id)
    )
    return [run for run in candidates if first <= start_day(run) <= last]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


RUN_FACT_TABLES = table_names([CourseRun, Partner])  # what run_facts reads (a run's zone is its partner's)


def run_facts(partner_id: int, course_ids: Collection[int], first: date, last: date) -> list[RunFact]:
    """The partner's runs of these courses starting in the period, as coverage counts them."""
    return [
        RunFact(run.id, run.course_id, run.partner_id, start_day(run), is_held(run))
        for run in runs_serving(partner_id, course_ids, first, last)
    ]


def item_runs(plan: TrainingPlan, item: PlanItem) -> list[CourseRun]:
    return runs_serving(plan.partner_id, [course.id for course in item.courses], item.target_start, item.target_end)


def items_served_by(run: CourseRun) -> list[PlanItem]:
    """The items of plans in force that this run serves."""
    day = start_day(run)
    if day is None or run.status not in SERVING_STATUSES:
        return []
    items = db.session.scalars(
        select(PlanItem)
        .join(PlanVersion, PlanVersion.id == PlanItem.version_id)
        .join(TrainingPlan, TrainingPlan.id == PlanVersion.plan_id)
        .join(plan_item_course, plan_item_course.c.item_id == PlanItem.id)
        .where(
            TrainingPlan.partner_id == run.partner_id,
            plan_item_course.c.course_id == run.course_id,
            PlanVersion.status == PlanStatus.APPROVED,
            PlanItem.target_start <= day,
            PlanItem.target_end >= day,
        )
        .order_by(TrainingPlan.period_start, PlanItem.position)
    )
    return [item for item in items if item.version.plan.last_approved.id == item.version_id]
