"""Read models of scheduling, and the door other areas use to read runs, sessions and trainees.

Attendance, certificates, needs and reporting call these functions rather than the models, so the
rules of what counts (a confirmed seat, a scheduled session) live in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import exists, func, or_, select, union
from sqlalchemy.orm import contains_eager, defaultload, joinedload, lazyload, selectinload

from ..accounts.models import User
from ..accounts.organisations import Organisation, Partner
from ..catalogue.models import Course, CourseTopic, CurriculumArea, Topic
from ..infra.caching.results import cached_result, table_names
from ..infra.extensions import db
from ..infra.memo import memoised
from ..infra.pagination import Page, nearest_page
from ..infra.timeutil import utcnow
from .models import (
    CourseRun,
    CourseRunTrainer,
    Registration,
    RegistrationStatus,
    RunStatus,
    SessionStatus,
    TrainingSession,
    Venue,
)
from .permissions import (  # is_trainer_of: part of the API
    can_manage_run,
    is_trainer_of,
    manageable_runs_clause,
    registrations_managed_clause,
)
from .timeplan import month_bounds

REGISTRATIONS_PER_PAGE = 50

# A run's trainers joined in, as its pages name them: without their partner and organisation (loaded if asked).
WITH_TRAINERS = joinedload(CourseRun.trainers).options(lazyload(User.partner), lazyload(User.organisation))


@dataclass(frozen=True)
class Seats:
    capacity: int
    confirmed: int
    waitlisted: int

    @property
    def left(self) -> int:
        return max(0, self.capacity - self.confirmed)


def get_run(run_id: int) -> CourseRun | None:
    """The run, with its course, partner and trainers in one query (a run has few trainers)."""
    return db.session.get(CourseRun, run_id, options=[WITH_TRAINERS])


def run_to_manage(run_id: int) -> CourseRun | None:
    """The run as its registrations pages use it: with its course and partner. Its trainers (and their roles)
    are read only if a permission check asks for them, the course's topics and search text only if used."""
    course = defaultload(CourseRun.course)
    return db.session.get(
        CourseRun,
        run_id,
        options=[
            course.lazyload(Course.course_topics),
            course.defer(Course.search_text),
            lazyload(CourseRun.trainers).lazyload(User.roles),
        ],
    )


def get_session(session_id: int) -> TrainingSession | None:
    return db.session.get(TrainingSession, session_id)


def sessions_of(run: CourseRun, *, include_cancelled: bool = True) -> list[TrainingSession]:
    """The run's sessions in time order (cancelled ones too, unless asked otherwise)."""
    query = select(TrainingSession).where(TrainingSession.run_id == run.id).order_by(TrainingSession.starts_at)
    if not include_cancelled:
        query = query.where(TrainingSession.status == SessionStatus.SCHEDULED)
    return list(db.session.scalars(query))


def confirmed_registrations(run: CourseRun) -> list[Registration]:
    """The run's confirmed trainees (the people on its attendance sheets), by name."""
    return list(
        db.session.scalars(
            select(Registration)
            .join(Registration.user)
            .where(Registration.confirmed_on(run.id))
            .order_by(User.name, User.id)
        )
    )


def waiting_list(run: CourseRun) -> list[Registration]:
    """The run's waiting list, first in line first."""
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.run_id == run.id, Registration.is_waitlisted)
            .order_by(Registration.position)
        )
    )


def registrations_of_run(run: CourseRun) -> list[Registration]:
    """Every registration of the run, in arrival order (for the staff page)."""
    return list(
        db.session.scalars(select(Registration).where(Registration.run_id == run.id).order_by(Registration.position))
    )


@dataclass(frozen=True)
class RegistrationsPage:
    """One page of a run's registrations for its staff page, with the seats of the whole run.

    Each row has the registration's id, position, status, registered_at, promoted_at and note, the trainee's
    name, email, partner_code and organisation, `rank` (its place among the run's registrations of the
    same status: the waiting-list number of a waitlisted one) and `is_active`.
    """

    page: Page  # of rows
    seats: Seats


def registrations_page(run: CourseRun, page: int, per_page: int = REGISTRATIONS_PER_PAGE) -> RegistrationsPage:
    """One query, however many registrations the run has: the page's rows as plain columns, each with the
    whole run's counts. A page past the end takes two more: the count, then the last page."""
    rows = _registration_rows(run, page, per_page)
    if not rows and page > 1:
        total = db.session.scalar(select(func.count()).where(Registration.run_id == run.id))
        page = nearest_page(page, total, per_page)
        rows = _registration_rows(run, page, per_page)
    first = rows[0] if rows else None
    return RegistrationsPage(
        Page(rows, page, per_page, first.total if first else 0),
        Seats(run.capacity, first.confirmed if first else 0, first.waitlisted if first else 0),
    )


def _registration_rows(run: CourseRun, page: int, per_page: int) -> list:
    """The rows of one page; the window functions see all the run's registrations, the limit applies after."""
    return db.session.execute(
        select(
            Registration.id,
            Registration.position,
            Registration.status,
            Registration.registered_at,
            Registration.promoted_at,
            Registration.note,
            User.name,
            User.email,
            Partner.code.label("partner_code"),
            Organisation.name.label("organisation"),
            func.row_number().over(partition_by=Registration.status, order_by=Registration.position).label("rank"),
            Registration.is_active.label("is_active"),
            func.count().over().label("total"),
            func.count().filter(Registration.is_confirmed).over().label("confirmed"),
            func.count().filter(Registration.is_waitlisted).over().label("waitlisted"),
        )
        .join(User, User.id == Registration.user_id)
        .outerjoin(Partner, Partner.id == User.partner_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .where(Registration.run_id == run.id)
        .order_by(Registration.position)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()


def registration_of(run: CourseRun, user) -> Registration | None:
    """The user's registration for the run, whatever its status (asked by the run page and its panels: read once)."""
    if getattr(user, "id", None) is None:
        return None
    return memoised(
        ("registration", run.id, user.id),
        lambda: db.session.scalar(
            select(Registration)
            .options(lazyload(Registration.user))
            .where(Registration.run_id == run.id, Registration.user_id == user.id)
        ),
    )


def waitlist_rank(registration: Registration) -> int | None:
    """1 for the first in line; None when not on the waiting list."""
    if not registration.is_waitlisted:
        return None
    return db.session.scalar(
        select(func.count()).where(
            Registration.run_id == registration.run_id,
            Registration.is_waitlisted,
            Registration.position <= registration.position,
        )
    )


def seat_counts(run_ids) -> dict[int, tuple[int, int]]:
    """(confirmed, waitlisted) per run id, in one query."""
    run_ids = list(run_ids)
    if not run_ids:
        return {}
    rows = db.session.execute(
        select(Registration.run_id, Registration.status, func.count())
        .where(Registration.run_id.in_(run_ids), Registration.is_active)
        .group_by(Registration.run_id, Registration.status)
    )
    counts = {run_id: [0, 0] for run_id in run_ids}
    for run_id, status, number in rows:
        counts[run_id][0 if status == RegistrationStatus.CONFIRMED else 1] = number
    return {run_id: (c, w) for run_id, (c, w) in counts.items()}


def seats_of(runs) -> dict[int, Seats]:
    """Capacity, confirmed seats and waiting list of each run, in one query."""
    counts = seat_counts(run.id for run in runs)
    return {run.id: Seats(run.capacity, *counts[run.id]) for run in runs}


def status_count_subquery(status: RegistrationStatus = RegistrationStatus.CONFIRMED):
    """The number of the run's registrations with this status, for a query on CourseRun."""
    return (
        select(func.count())
        .where(Registration.run_id == CourseRun.id, Registration.status == status)
        .correlate(CourseRun)
        .scalar_subquery()
    )


def with_seats(query) -> tuple[list[CourseRun], dict[int, Seats]]:
    """The runs a select finds, and their seats counted in the same query (for lists that are not paginated)."""
    rows = (
        db.session.execute(
            query.add_columns(
                status_count_subquery(RegistrationStatus.CONFIRMED),
                status_count_subquery(RegistrationStatus.WAITLISTED),
            )
        )
        .unique()
        .all()
    )
    return [run for run, _confirmed, _waiting in rows], {
        run.id: Seats(run.capacity, confirmed, waiting) for run, confirmed, waiting in rows
    }


def run_with_seats(run_id: int) -> tuple[CourseRun, Seats] | None:
    """The run as get_run gives it, and its seats, in one query: what the run's page shows first."""
    runs, seats = with_seats(select(CourseRun).options(WITH_TRAINERS).where(CourseRun.id == run_id))
    return (runs[0], seats[runs[0].id]) if runs else None


def visible_runs_clause(viewer):
    """Runs the viewer may see: all but drafts, and the drafts they manage."""
    return or_(CourseRun.status != RunStatus.DRAFT, manageable_runs_clause(viewer))


class PartnerChoice(NamedTuple):
    code: str
    region: str
    short_name: str


class CourseChoice(NamedTuple):
    id: int
    code: str
    title: str


class AreaChoice(NamedTuple):
    id: int
    name: str


@dataclass(frozen=True)
class RunFilterChoices:
    """What the runs list's filter form offers: partners (regions), live courses and curriculum areas."""

    partners: list[PartnerChoice]
    courses: list[CourseChoice]
    areas: list[AreaChoice]


def run_filter_choices() -> RunFilterChoices:
    """The form's choices, kept (caching) until partners, courses or areas change: every runs list shows them."""
    return RunFilterChoices(
        *cached_result(
            "scheduling.run_filter_choices", table_names((Partner, Course, CurriculumArea)), (), _choice_lists
        )
    )


def _choice_lists() -> tuple[list[PartnerChoice], list[CourseChoice], list[AreaChoice]]:
    def rows(query, kind):
        return [kind(*row) for row in db.session.execute(query)]

    return (
        rows(
            select(Partner.code, Partner.region, Partner.short_name).order_by(
                Partner.is_coordinator.desc(), Partner.code
            ),
            PartnerChoice,
        ),
        rows(
            select(Course.id, Course.code, Course.title).where(Course.archived_at.is_(None)).order_by(Course.code),
            CourseChoice,
        ),
        rows(
            select(CurriculumArea.id, CurriculumArea.name).order_by(CurriculumArea.position, CurriculumArea.code),
            AreaChoice,
        ),
    )


@dataclass(frozen=True)
class RunFilters:
    partner: str = ""
    course_id: int | None = None
    area_id: int | None = None
    format: str = ""
    month: tuple[int, int] | None = None
    free_seats: bool = False


def runs_list_query(viewer, filters: RunFilters, *, now: datetime | None = None, zone: str = "UTC"):
    """Runs to list, soonest first: upcoming ones, or those meeting in the chosen month.

    Loaded as the list shows them: the partner from the join the filter needs, the course's code and title,
    no trainers."""
    now = now or utcnow()
    query = (
        select(CourseRun)
        .join(CourseRun.partner)
        .where(visible_runs_clause(viewer))
        .options(
            contains_eager(CourseRun.partner),
            lazyload(CourseRun.trainers),
            joinedload(CourseRun.course).load_only(Course.code, Course.title),
        )
        .order_by(CourseRun.starts_at.is_(None), CourseRun.starts_at, CourseRun.id)
    )
    if filters.month:
        start, end = month_bounds(*filters.month, zone)
        query = query.where(
            exists().where(
                TrainingSession.run_id == CourseRun.id,
                TrainingSession.starts_at >= start,
                TrainingSession.starts_at < end,
            )
        )
    else:
        query = query.where(
            or_(CourseRun.ends_at >= now, CourseRun.ends_at.is_(None)), CourseRun.status != RunStatus.COMPLETED
        )
    if filters.partner:
        query = query.where(Partner.code == filters.partner)
    if filters.course_id:
        query = query.where(CourseRun.course_id == filters.course_id)
    if filters.area_id:
        query = query.where(
            exists().where(
                CourseTopic.course_id == CourseRun.course_id,
                CourseTopic.topic_id == Topic.id,
                Topic.area_id == filters.area_id,
            )
        )
    if filters.format:
        query = query.where(CourseRun.delivery_format == filters.format)
    if filters.free_seats:
        query = query.where(CourseRun.status == RunStatus.PUBLISHED, status_count_subquery() < CourseRun.capacity)
    return query


def runs_of_course_query(course_id: int, viewer=None, *, upcoming_only: bool = True, now: datetime | None = None):
    """The runs of a course (for the course page): open ones soonest first, plus the viewer's drafts.

    The course itself is not joined in: the caller has it, and `run.course` finds it in the session. The
    trainers, whom the course page names, are (a run has few).
    """
    query = (
        select(CourseRun)
        .options(lazyload(CourseRun.course), WITH_TRAINERS)
        .where(CourseRun.course_id == course_id)
        .order_by(CourseRun.starts_at, CourseRun.id)
    )
    query = query.where(visible_runs_clause(viewer) if viewer is not None else CourseRun.status != RunStatus.DRAFT)
    if upcoming_only:
        query = query.where(
            or_(CourseRun.ends_at >= (now or utcnow()), CourseRun.ends_at.is_(None)),
            CourseRun.status != RunStatus.CANCELLED,
        )
    return query


def runs_of_course(
    course_id: int, viewer=None, *, upcoming_only: bool = True, now: datetime | None = None
) -> list[CourseRun]:
    """The runs runs_of_course_query finds."""
    return list(
        db.session.scalars(runs_of_course_query(course_id, viewer, upcoming_only=upcoming_only, now=now)).unique()
    )


def runs_for_partner(
    partner_id: int | None = None, *, start: datetime | None = None, end: datetime | None = None, statuses=None
) -> list[CourseRun]:
    """Runs organised by a partner (all partners if None) that meet between start and end."""
    query = select(CourseRun).order_by(CourseRun.starts_at, CourseRun.id)
    if partner_id is not None:
        query = query.where(CourseRun.partner_id == partner_id)
    if start is not None:
        query = query.where(CourseRun.ends_at >= start)
    if end is not None:
        query = query.where(CourseRun.starts_at < end)
    if statuses is not None:
        query = query.where(CourseRun.status.in_(list(statuses)))
    return list(db.session.scalars(query))


def other_runs_of_course(run: CourseRun) -> list[CourseRun]:
    """Where a trainee of this run could be moved: the course's other published runs."""
    return list(
        db.session.scalars(
            select(CourseRun)
            .where(
                CourseRun.course_id == run.course_id,
                CourseRun.id != run.id,
                CourseRun.status == RunStatus.PUBLISHED,
            )
            .order_by(CourseRun.starts_at, CourseRun.id)
        )
    )


def move_targets(run: CourseRun, viewer) -> list[CourseRun]:
    """Where the viewer may move a trainee of this run: those of the course's other published runs whose
    registrations they manage, in one query (with their partners, for the labels)."""
    return list(
        db.session.scalars(
            select(CourseRun)
            .where(
                CourseRun.course_id == run.course_id,
                CourseRun.id != run.id,
                CourseRun.status == RunStatus.PUBLISHED,
                registrations_managed_clause(viewer),
            )
            .order_by(CourseRun.starts_at, CourseRun.id)
            .options(lazyload(CourseRun.course), lazyload(CourseRun.trainers))
        )
    )


def _session_query():
    return (
        select(TrainingSession)
        .join(TrainingSession.run)
        .options(selectinload(TrainingSession.run).selectinload(CourseRun.trainers))
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )


_RUN = contains_eager(TrainingSession.run)
# A trainee's own sessions as listed: the run (from the join the conditions need) with its title, and the room,
# not who teaches or organises it. One query; each table left out of the join also spares the database
# planning it (with the partners joined too, planning took most of the query's time).
_AS_LISTED = (
    _RUN.lazyload(CourseRun.trainers),
    _RUN.lazyload(CourseRun.partner),
    joinedload(TrainingSession.venue).lazyload(Venue.partner),
)


def _confirmed_for(user_id: int):
    return exists().where(Registration.confirmed_on(TrainingSession.run_id), Registration.user_id == user_id)


def _taught_by(user_id: int):
    return exists().where(CourseRunTrainer.run_id == TrainingSession.run_id, CourseRunTrainer.user_id == user_id)


def upcoming_sessions_for(user, *, limit: int = 50, now: datetime | None = None) -> list[TrainingSession]:
    """The trainee's next sessions of the runs where their seat is confirmed."""
    return list(
        db.session.scalars(
            select(TrainingSession)
            .join(TrainingSession.run)
            .options(*_AS_LISTED)
            .where(_confirmed_for(user.id), TrainingSession.ends_at >= (now or utcnow()))
            .order_by(TrainingSession.starts_at, TrainingSession.id)
            .limit(limit)
        )
    )


def teaching_sessions_for(user, *, limit: int = 50, now: datetime | None = None) -> list[TrainingSession]:
    """The trainer's next sessions of the runs they teach (drafts included)."""
    return list(
        db.session.scalars(
            _session_query().where(_taught_by(user.id), TrainingSession.ends_at >= (now or utcnow())).limit(limit)
        )
    )


def active_registrations_of(
    user, *, past: bool = False, limit: int = 100, now: datetime | None = None
) -> list[Registration]:
    """The user's confirmed and waitlisted registrations, upcoming (or past) runs."""
    now = now or utcnow()
    condition = CourseRun.ends_at < now if past else or_(CourseRun.ends_at >= now, CourseRun.ends_at.is_(None))
    return list(
        db.session.scalars(
            select(Registration)
            .join(Registration.run)
            .where(Registration.user_id == user.id, Registration.is_active, condition)
            .order_by(CourseRun.starts_at.desc() if past else CourseRun.starts_at)
            .limit(limit)
        )
    )


def runs_taught_by(user, *, past: bool = False, limit: int = 100, now: datetime | None = None) -> list[CourseRun]:
    now = now or utcnow()
    condition = CourseRun.ends_at < now if past else or_(CourseRun.ends_at >= now, CourseRun.ends_at.is_(None))
    taught = select(CourseRunTrainer.run_id).where(CourseRunTrainer.user_id == user.id)
    return list(
        db.session.scalars(
            select(CourseRun)
            .where(CourseRun.id.in_(taught), condition)
            .order_by(CourseRun.starts_at.desc() if past else CourseRun.starts_at)
            .limit(limit)
        )
    )


def sessions_between(viewer, start: datetime, end: datetime, *, mine_only: bool = False) -> list[TrainingSession]:
    """Sessions starting in [start, end) of the runs the viewer sees (or only theirs)."""
    query = _session_query().where(
        TrainingSession.starts_at >= start, TrainingSession.starts_at < end, visible_runs_clause(viewer)
    )
    if mine_only:
        query = query.where(or_(_confirmed_for(viewer.id), _taught_by(viewer.id)))
    return list(db.session.scalars(query))


def _calendar_session_query():
    """Sessions with what a calendar prints of them and their run, in two queries: the venue, the run,
    its course's code and title and its partner joined in, the trainers' ids and names in one more.
    What no calendar shows (the course's long texts and topics, the venue's partner, the trainers'
    other fields and roles) is left unloaded, and loaded only if something ever reads it."""
    run = contains_eager(TrainingSession.run)
    return (
        select(TrainingSession)
        .join(TrainingSession.run)
        .options(
            joinedload(TrainingSession.venue).lazyload(Venue.partner),
            run.joinedload(CourseRun.course).load_only(Course.code, Course.title).lazyload(Course.course_topics),
            run.selectinload(CourseRun.trainers).load_only(User.id, User.name).lazyload("*"),
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )


def feed_sessions_for_user(user) -> list[TrainingSession]:
    """A personal feed: every session of the runs the user has a confirmed seat in, or teaches (the
    run ids come from the user's indexed rows, so the feed costs the same however many sessions exist)."""
    runs = union(
        select(Registration.run_id).where(Registration.user_id == user.id, Registration.is_confirmed),
        select(CourseRunTrainer.run_id).where(CourseRunTrainer.user_id == user.id),
    )
    return list(db.session.scalars(_calendar_session_query().where(TrainingSession.run_id.in_(runs))))


def feed_sessions_for_partner(partner_id: int, *, now: datetime | None = None) -> list[TrainingSession]:
    """A partner's public feed: sessions of its open runs, and of runs cancelled before they ended."""
    return list(
        db.session.scalars(
            _calendar_session_query().where(
                CourseRun.partner_id == partner_id,
                CourseRun.status.in_((RunStatus.PUBLISHED, RunStatus.CANCELLED)),
                CourseRun.ends_at >= (now or utcnow()),
            )
        )
    )


def may_join_checker(user, sessions: list[TrainingSession]) -> Callable[[TrainingSession], bool]:
    """`may_join` for many sessions at once: the user's confirmed seats among their runs in one query."""
    run_ids = {s.run_id for s in sessions}
    seated = (
        set(
            db.session.scalars(
                select(Registration.run_id).where(
                    Registration.user_id == user.id, Registration.is_confirmed, Registration.run_id.in_(run_ids)
                )
            )
        )
        if run_ids and getattr(user, "id", None) is not None
        else set()
    )
    return lambda s: s.run_id in seated or is_trainer_of(user, s.run) or can_manage_run(user, s.run)


def may_join(user, training_session: TrainingSession) -> bool:
    """Whether the user may see the session's meeting link."""
    run = training_session.run
    if is_trainer_of(user, run) or can_manage_run(user, run):
        return True
    registration = registration_of(run, user)
    return registration is not None and registration.is_confirmed
