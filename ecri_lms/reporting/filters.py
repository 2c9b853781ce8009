"""What a report covers: the filters people choose, resolved into a selection of runs and trainees.

A run belongs to a report when it is not a draft, its organising partner is in the selection and its
first session starts in the period (whole UTC days, both ends included); course, curriculum area and
format narrow the runs. The organisation type narrows the trainees counted (registrations, quiz
results, attendance), never the runs, seats offered or hours delivered, which do not depend on who came.
A trainee is counted for each partner whose runs they took, once in the consortium total.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import exists, select

from ..accounts.models import User
from ..accounts.organisations import Organisation
from ..catalogue.models import CourseTopic, Topic
from ..infra.timeutil import utcnow
from ..scheduling.models import CourseRun, RunStatus


@dataclass(frozen=True)
class ReportFilters:
    start: date
    end: date
    partner_code: str = ""
    course_id: int | None = None
    area_id: int | None = None
    organisation_type: str = ""
    format: str = ""

    def query_args(self) -> dict:
        """The filters as the query string of a report link (empty ones left out)."""
        args = {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "partner": self.partner_code,
            "course": self.course_id,
            "area": self.area_id,
            "org_type": self.organisation_type,
            "format": self.format,
        }
        return {key: value for key, value in args.items() if value not in ("", None)}


def default_period(today: date) -> tuple[date, date]:
    """The calendar year of `today`."""
    return date(today.year, 1, 1), date(today.year, 12, 31)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


@dataclass(frozen=True)
class Selection:
    """The filters with the partners they resolve to (None: every partner) and the moment 'now'."""

    filters: ReportFilters
    partner_ids: frozenset[int] | None
    now: datetime = field(default_factory=utcnow)

    @property
    def period_start(self) -> datetime:
        return day_start(self.filters.start)

    @property
    def period_end(self) -> datetime:
        """The first instant after the period."""
        return day_start(self.filters.end + timedelta(days=1))


def selection_key(selection: Selection) -> tuple:
    """Everything a cached report result depends on besides the tables it reads and `now`."""
    partner_ids = None if selection.partner_ids is None else tuple(sorted(selection.partner_ids))
    return selection.filters, partner_ids


def run_conditions(selection: Selection) -> list:
    """SQL conditions on CourseRun choosing the runs of the report."""
    filters = selection.filters
    conditions = [
        CourseRun.status != RunStatus.DRAFT,
        CourseRun.starts_at >= selection.period_start,
        CourseRun.starts_at < selection.period_end,
    ]
    if selection.partner_ids is not None:
        conditions.append(CourseRun.partner_id.in_(sorted(selection.partner_ids)))
    if filters.course_id:
        conditions.append(CourseRun.course_id == filters.course_id)
    if filters.area_id:
        conditions.append(
            exists().where(
                CourseTopic.course_id == CourseRun.course_id,
                CourseTopic.topic_id == Topic.id,
                Topic.area_id == filters.area_id,
            )
        )
    if filters.format:
        conditions.append(CourseRun.delivery_format == filters.format)
    return conditions


def selected_run_ids(selection: Selection):
    """A subquery of the ids of the report's runs."""
    return select(CourseRun.id).where(*run_conditions(selection))


def trainee_conditions(selection: Selection, user_id_column) -> list:
    """SQL conditions on a user id column keeping the trainees of the chosen organisation type."""
    if not selection.filters.organisation_type:
        return []
    of_type = (
        select(User.id)
        .join(Organisation, Organisation.id == User.organisation_id)
        .where(Organisation.type == selection.filters.organisation_type)
    )
    return [user_id_column.in_(of_type)]
