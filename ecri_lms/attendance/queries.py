"""Attendance rates, for pages and for other areas (completion, certificates, the gradebook, reports).

A session counts once it has started and unless it is cancelled; an unmarked trainee at a counted
session is absent, unless it started before their seat was confirmed (then it is "not expected" of
them). Each run's rule (rules.py) says how late and excused marks count, and whether sessions before a
trainee's confirmation are left out. Rates come from aggregate SQL: a fixed number of queries whatever
the number of runs or trainees.
"""

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, literal, or_, select

from ..accounts.models import User
from ..infra.extensions import db
from ..infra.timeutil import utcnow
from ..scheduling.models import CourseRun, Registration, SessionStatus, TrainingSession
from .models import AttendanceMark, Status
from .rules import AttendanceRule, rule_from_settings, rule_of

ATTENDED = (Status.PRESENT, Status.LATE)


def _counted(now: datetime):
    """The SQL condition for sessions that count: started and not cancelled."""
    return (TrainingSession.status == SessionStatus.SCHEDULED) & (TrainingSession.starts_at <= now)


def expected_sql():
    """The SQL condition, on a session joined with the trainee's registration, that it started once their seat
    was confirmed (or no confirmation time is known): AttendanceRule.expects, for runs that count this way."""
    return or_(Registration.confirmed_at.is_(None), TrainingSession.starts_at >= Registration.confirmed_at)


MarkCounts = dict[tuple[str, bool], int]  # (status, expected of the trainee) → sessions


def _rate(
    rule: AttendanceRule, starts: list[datetime], confirmed_at: datetime | None, marks: MarkCounts
) -> float | None:
    """The rate over the counted sessions (their starts, sorted) of a trainee confirmed at `confirmed_at`."""
    expected_sessions = len(starts)
    if rule.only_after_confirmation and confirmed_at is not None:
        expected_sessions -= bisect_left(starts, confirmed_at)
    attended = counted = 0
    unmarked = expected_sessions
    for (status, after_confirmation), number in marks.items():
        expected = after_confirmation or not rule.only_after_confirmation
        unmarked -= number if expected else 0
        plus_attended, plus_counted = rule.counts(status, expected=expected)
        attended += plus_attended * number
        counted += plus_counted * number
    plus_attended, plus_counted = rule.counts(None)
    attended += plus_attended * unmarked
    counted += plus_counted * unmarked
    return attended / counted if counted else None


def _session_starts(run_ids: list[int], now: datetime) -> dict[int, list[datetime]]:
    """The starts of each run's counted sessions, in order."""
    starts: dict[int, list[datetime]] = defaultdict(list)
    for run_id, starts_at in db.session.execute(
        select(TrainingSession.run_id, TrainingSession.starts_at)
        .where(TrainingSession.run_id.in_(run_ids), _counted(now))
        .order_by(TrainingSession.starts_at)
    ):
        starts[run_id].append(starts_at)
    return starts


def _mark_counts(run_ids: list[int], user_ids: list[int] | None, now: datetime) -> dict[tuple[int, int], MarkCounts]:
    """Each trainee's marks on the counted sessions, by (run id, user id), tallied by status and expectation."""
    expected = expected_sql()
    query = (
        select(TrainingSession.run_id, AttendanceMark.user_id, AttendanceMark.status, expected, func.count())
        .join(TrainingSession, TrainingSession.id == AttendanceMark.training_session_id)
        .outerjoin(
            Registration,
            and_(Registration.run_id == TrainingSession.run_id, Registration.user_id == AttendanceMark.user_id),
        )
        .where(TrainingSession.run_id.in_(run_ids), _counted(now))
        .group_by(TrainingSession.run_id, AttendanceMark.user_id, AttendanceMark.status, expected)
    )
    if user_ids is not None:
        query = query.where(AttendanceMark.user_id.in_(user_ids))
    counts: dict[tuple[int, int], MarkCounts] = defaultdict(dict)
    for run_id, user_id, status, is_expected, number in db.session.execute(query):
        counts[(run_id, user_id)][(status, bool(is_expected))] = number
    return counts


def _rules(run_ids: list[int]) -> dict[int, AttendanceRule]:
    return {
        run_id: rule_from_settings(settings)
        for run_id, settings in db.session.execute(
            select(CourseRun.id, CourseRun.settings).where(CourseRun.id.in_(run_ids))
        )
    }


def _rates_of(
    rules: dict[int, AttendanceRule], user_ids: list[int] | None, now: datetime, registered
) -> dict[tuple[int, int], float | None]:
    """The rate of each (run id, user id, confirmed at) row of `registered`, on runs with these rules, in three
    queries."""
    run_ids = list(rules)
    if not run_ids:
        return {}
    starts, marks = _session_starts(run_ids, now), _mark_counts(run_ids, user_ids, now)
    return {
        (run_id, user_id): _rate(rules[run_id], starts.get(run_id, []), confirmed_at, marks.get((run_id, user_id), {}))
        for run_id, user_id, confirmed_at in db.session.execute(registered)
    }


def _rates(run_ids: list[int], user_ids: list[int] | None, now: datetime) -> dict[tuple[int, int], float | None]:
    if not run_ids:
        return {}
    registered = select(Registration.run_id, Registration.user_id, Registration.confirmed_at).where(
        Registration.run_id.in_(run_ids), Registration.is_confirmed
    )
    if user_ids is not None:
        registered = registered.where(Registration.user_id.in_(user_ids))
    return _rates_of(_rules(run_ids), user_ids, now, registered)


def runs_attendance(run_ids: Iterable[int], now: datetime | None = None) -> dict[tuple[int, int], float | None]:
    """Every confirmed trainee's rate (0..1, None before any counted session) keyed (run_id, user_id)."""
    return _rates(list(dict.fromkeys(run_ids)), None, now or utcnow())


def attendance_rate(user_id: int, run, now: datetime | None = None) -> float | None:
    """The trainee's rate on the run under its rule; None when no session counts for them yet."""
    return attendance_rates_of(user_id, [run], now)[run.id]


def attendance_rates_of(user_id: int, runs: Iterable, now: datetime | None = None) -> dict[int, float | None]:
    """The trainee's rate on each run (registered or not: then every session is expected), by run id, in a
    number of queries that does not grow with the runs."""
    rules = {run.id: rule_of(run) for run in runs}
    if not rules:
        return {}
    confirmed_at = (
        select(Registration.confirmed_at)
        .where(Registration.run_id == CourseRun.id, Registration.user_id == user_id)
        .scalar_subquery()
    )
    registered = select(CourseRun.id, literal(user_id), confirmed_at).where(CourseRun.id.in_(rules))
    rates = _rates_of(rules, [user_id], now or utcnow(), registered)
    return {run_id: rates[(run_id, user_id)] for run_id in rules}


def attended_hours(user_id: int, run, now: datetime | None = None) -> float:
    """Hours of the counted sessions the trainee attended (present, and late when the rule counts it)."""
    rule = rule_of(run)
    statuses = ATTENDED if rule.late_counts else (Status.PRESENT,)
    spans = db.session.execute(
        select(TrainingSession.starts_at, TrainingSession.ends_at)
        .join(AttendanceMark, AttendanceMark.training_session_id == TrainingSession.id)
        .where(
            TrainingSession.run_id == run.id,
            AttendanceMark.user_id == user_id,
            AttendanceMark.status.in_(statuses),
            _counted(now or utcnow()),
        )
    )
    return round(sum((ends - starts).total_seconds() for starts, ends in spans) / 3600, 2)


@dataclass(frozen=True)
class RunAttendance:
    """A run's attendance grid: trainees × sessions, with each trainee's and each session's rate."""

    rule: AttendanceRule
    sessions: list[TrainingSession]
    counted_session_ids: frozenset[int]
    trainees: list[User]
    statuses: dict[tuple[int, int], str]  # (training_session_id, user_id) → status
    not_expected: frozenset[tuple[int, int]]  # (training_session_id, user_id): held before the trainee was confirmed
    trainee_rates: dict[int, float | None]
    session_rates: dict[int, float | None]

    @property
    def run_rate(self) -> float | None:
        """The mean of the trainees' rates (those that have one)."""
        rates = [rate for rate in self.trainee_rates.values() if rate is not None]
        return sum(rates) / len(rates) if rates else None


def session_rate(sheet_size: int, statuses: Iterable[str]) -> float | None:
    """Share of the attendance sheet present or late; None for an empty sheet."""
    if not sheet_size:
        return None
    return sum(1 for status in statuses if status in ATTENDED) / sheet_size


def _session_sheet(
    training_session_id: int, trainees: list[User], statuses: dict, not_expected: frozenset
) -> list[str]:
    """The statuses ('' unmarked) of the trainees a session's rate is over: those it was expected of, and
    those who attended it anyway."""
    return [
        status
        for trainee in trainees
        if (status := statuses.get((training_session_id, trainee.id), "")) in ATTENDED
        or (training_session_id, trainee.id) not in not_expected
    ]


def run_attendance_summary(run, now: datetime | None = None) -> RunAttendance:
    """Everything the run's attendance overview shows, in a fixed number of queries."""
    now = now or utcnow()
    rule = rule_of(run)
    sessions = list(
        db.session.scalars(
            select(TrainingSession).where(TrainingSession.run_id == run.id).order_by(TrainingSession.starts_at)
        )
    )
    confirmed = list(
        db.session.execute(
            select(User, Registration.confirmed_at)
            .join(Registration, Registration.user_id == User.id)
            .where(Registration.confirmed_on(run.id))
            .order_by(User.name, User.id)
        )
    )
    trainees = [trainee for trainee, _ in confirmed]
    not_expected = frozenset(
        (s.id, trainee.id) for s in sessions for trainee, since in confirmed if not rule.expects(s.starts_at, since)
    )
    on_sheet = {trainee.id for trainee in trainees}
    statuses = {
        (training_session_id, user_id): status
        for training_session_id, user_id, status in db.session.execute(
            select(AttendanceMark.training_session_id, AttendanceMark.user_id, AttendanceMark.status)
            .join(TrainingSession, TrainingSession.id == AttendanceMark.training_session_id)
            .where(TrainingSession.run_id == run.id)
        )
        if user_id in on_sheet
    }
    rates = _rates([run.id], None, now)
    return RunAttendance(
        rule=rule,
        sessions=sessions,
        counted_session_ids=frozenset(s.id for s in sessions if not s.is_cancelled and s.starts_at <= now),
        trainees=trainees,
        statuses=statuses,
        not_expected=not_expected,
        trainee_rates={trainee.id: rates.get((run.id, trainee.id)) for trainee in trainees},
        session_rates={
            s.id: session_rate(len(sheet := _session_sheet(s.id, trainees, statuses, not_expected)), sheet)
            for s in sessions
            if not s.is_cancelled
        },
    )


@dataclass(frozen=True)
class MyMark:
    training_session: TrainingSession
    status: str | None
    remark: str
    expected: bool = True  # False: held before the trainee's seat was confirmed


def my_attendance(user, now: datetime | None = None) -> list[tuple[CourseRun, float | None, list[MyMark]]]:
    """The user's runs (confirmed), each with its rate and the user's mark on every started session."""
    now = now or utcnow()
    confirmed = list(
        db.session.execute(
            select(CourseRun, Registration.confirmed_at)
            .join(Registration, Registration.run_id == CourseRun.id)
            .where(Registration.user_id == user.id, Registration.is_confirmed)
            .order_by(CourseRun.starts_at.desc())
        )
    )
    runs = [run for run, _ in confirmed]
    since = {run.id: confirmed_at for run, confirmed_at in confirmed}
    rules = {run.id: rule_of(run) for run in runs}
    run_ids = [run.id for run in runs]
    sessions = list(
        db.session.scalars(
            select(TrainingSession)
            .where(TrainingSession.run_id.in_(run_ids), TrainingSession.starts_at <= now)
            .order_by(TrainingSession.starts_at)
        )
    )
    marks = {
        mark.training_session_id: mark
        for mark in db.session.scalars(
            select(AttendanceMark).where(
                AttendanceMark.user_id == user.id, AttendanceMark.training_session_id.in_([s.id for s in sessions])
            )
        )
    }
    rates = _rates(run_ids, [user.id], now)
    by_run: dict[int, list[MyMark]] = defaultdict(list)
    for s in sessions:
        mark = marks.get(s.id)
        expected = rules[s.run_id].expects(s.starts_at, since[s.run_id])
        by_run[s.run_id].append(MyMark(s, mark.status if mark else None, mark.remark if mark else "", expected))
    return [(run, rates.get((run.id, user.id)), by_run[run.id]) for run in runs]
