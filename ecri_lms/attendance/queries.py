"""Attendance rates, for pages and for other areas (completion, certificates, the gradebook, reports).

A session counts once it has started and unless it is cancelled; an unmarked trainee at a counted
session is absent. Each run's rule (rules.py) says how late and excused marks count. Rates come
from aggregate SQL: a fixed number of queries whatever the number of runs or trainees.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

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


def _rate(rule: AttendanceRule, counted_sessions: int, status_counts: dict[str, int]) -> float | None:
    marked = sum(status_counts.values())
    attended = counted = 0
    for status, number in [*status_counts.items(), (None, counted_sessions - marked)]:
        plus_attended, plus_counted = rule.counts(status)
        attended += plus_attended * number
        counted += plus_counted * number
    return attended / counted if counted else None


def _rates(run_ids: list[int], user_ids: list[int] | None, now: datetime) -> dict[tuple[int, int], float | None]:
    if not run_ids:
        return {}
    rules = {
        run_id: rule_from_settings(settings)
        for run_id, settings in db.session.execute(
            select(CourseRun.id, CourseRun.settings).where(CourseRun.id.in_(run_ids))
        )
    }
    sessions = dict(
        db.session.execute(
            select(TrainingSession.run_id, func.count(TrainingSession.id))
            .where(TrainingSession.run_id.in_(run_ids), _counted(now))
            .group_by(TrainingSession.run_id)
        ).all()
    )
    registered = select(Registration.run_id, Registration.user_id).where(
        Registration.run_id.in_(run_ids), Registration.is_confirmed
    )
    marks = (
        select(TrainingSession.run_id, AttendanceMark.user_id, AttendanceMark.status, func.count())
        .join(TrainingSession, TrainingSession.id == AttendanceMark.session_id)
        .where(TrainingSession.run_id.in_(run_ids), _counted(now))
        .group_by(TrainingSession.run_id, AttendanceMark.user_id, AttendanceMark.status)
    )
    if user_ids is not None:
        registered = registered.where(Registration.user_id.in_(user_ids))
        marks = marks.where(AttendanceMark.user_id.in_(user_ids))
    counts: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for run_id, user_id, status, number in db.session.execute(marks):
        counts[(run_id, user_id)][status] = number
    return {
        (run_id, user_id): _rate(rules[run_id], sessions.get(run_id, 0), counts.get((run_id, user_id), {}))
        for run_id, user_id in db.session.execute(registered)
    }


def runs_attendance(run_ids: Iterable[int], now: datetime | None = None) -> dict[tuple[int, int], float | None]:
    """Every confirmed trainee's rate (0..1, None before any counted session) keyed (run_id, user_id)."""
    return _rates(list(dict.fromkeys(run_ids)), None, now or utcnow())


def attendance_rate(user_id: int, run, now: datetime | None = None) -> float | None:
    """The trainee's rate on the run under its rule; None when no session counts for them yet."""
    return attendance_rates_of(user_id, [run], now)[run.id]


def attendance_rates_of(user_id: int, runs: Iterable, now: datetime | None = None) -> dict[int, float | None]:
    """The trainee's rate on each run (registered or not), by run id, in two queries whatever the number of runs."""
    runs = list(runs)
    if not runs:
        return {}
    now = now or utcnow()
    run_ids = [run.id for run in runs]
    sessions = dict(
        db.session.execute(
            select(TrainingSession.run_id, func.count(TrainingSession.id))
            .where(TrainingSession.run_id.in_(run_ids), _counted(now))
            .group_by(TrainingSession.run_id)
        ).all()
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for run_id, status, number in db.session.execute(
        select(TrainingSession.run_id, AttendanceMark.status, func.count())
        .join(TrainingSession, TrainingSession.id == AttendanceMark.session_id)
        .where(TrainingSession.run_id.in_(run_ids), AttendanceMark.user_id == user_id, _counted(now))
        .group_by(TrainingSession.run_id, AttendanceMark.status)
    ):
        counts[run_id][status] = number
    return {run.id: _rate(rule_of(run), sessions.get(run.id, 0), counts.get(run.id, {})) for run in runs}


def attended_hours(user_id: int, run, now: datetime | None = None) -> float:
    """Hours of the counted sessions the trainee attended (present, and late when the rule counts it)."""
    rule = rule_of(run)
    statuses = ATTENDED if rule.late_counts else (Status.PRESENT,)
    spans = db.session.execute(
        select(TrainingSession.starts_at, TrainingSession.ends_at)
        .join(AttendanceMark, AttendanceMark.session_id == TrainingSession.id)
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
    """A run's register grid: trainees × sessions, with each trainee's and each session's rate."""

    rule: AttendanceRule
    sessions: list[TrainingSession]
    counted_session_ids: frozenset[int]
    trainees: list[User]
    statuses: dict[tuple[int, int], str]  # (session_id, user_id) → status
    trainee_rates: dict[int, float | None]
    session_rates: dict[int, float | None]

    @property
    def run_rate(self) -> float | None:
        """The mean of the trainees' rates (those that have one)."""
        rates = [rate for rate in self.trainee_rates.values() if rate is not None]
        return sum(rates) / len(rates) if rates else None


def session_rate(register_size: int, statuses: Iterable[str]) -> float | None:
    """Share of the register present or late; None for an empty register."""
    if not register_size:
        return None
    return sum(1 for status in statuses if status in ATTENDED) / register_size


def run_attendance_summary(run, now: datetime | None = None) -> RunAttendance:
    """Everything the run's attendance overview shows, in a fixed number of queries."""
    now = now or utcnow()
    sessions = list(
        db.session.scalars(
            select(TrainingSession).where(TrainingSession.run_id == run.id).order_by(TrainingSession.starts_at)
        )
    )
    trainees = list(
        db.session.scalars(
            select(User)
            .join(Registration, Registration.user_id == User.id)
            .where(Registration.confirmed_on(run.id))
            .order_by(User.name, User.id)
        )
    )
    on_register = {trainee.id for trainee in trainees}
    statuses = {
        (session_id, user_id): status
        for session_id, user_id, status in db.session.execute(
            select(AttendanceMark.session_id, AttendanceMark.user_id, AttendanceMark.status)
            .join(TrainingSession, TrainingSession.id == AttendanceMark.session_id)
            .where(TrainingSession.run_id == run.id)
        )
        if user_id in on_register
    }
    rates = _rates([run.id], None, now)
    return RunAttendance(
        rule=rule_of(run),
        sessions=sessions,
        counted_session_ids=frozenset(s.id for s in sessions if not s.is_cancelled and s.starts_at <= now),
        trainees=trainees,
        statuses=statuses,
        trainee_rates={trainee.id: rates.get((run.id, trainee.id)) for trainee in trainees},
        session_rates={
            s.id: session_rate(len(trainees), [status for (sid, _), status in statuses.items() if sid == s.id])
            for s in sessions
            if not s.is_cancelled
        },
    )


@dataclass(frozen=True)
class MyMark:
    session: TrainingSession
    status: str | None
    remark: str


def my_attendance(user, now: datetime | None = None) -> list[tuple[CourseRun, float | None, list[MyMark]]]:
    """The user's runs (confirmed), each with its rate and the user's mark on every started session."""
    now = now or utcnow()
    runs = list(
        db.session.scalars(
            select(CourseRun)
            .join(Registration, Registration.run_id == CourseRun.id)
            .where(Registration.user_id == user.id, Registration.is_confirmed)
            .order_by(CourseRun.starts_at.desc())
        )
    )
    run_ids = [run.id for run in runs]
    sessions = list(
        db.session.scalars(
            select(TrainingSession)
            .where(TrainingSession.run_id.in_(run_ids), TrainingSession.starts_at <= now)
            .order_by(TrainingSession.starts_at)
        )
    )
    marks = {
        mark.session_id: mark
        for mark in db.session.scalars(
            select(AttendanceMark).where(
                AttendanceMark.user_id == user.id, AttendanceMark.session_id.in_([s.id for s in sessions])
            )
        )
    }
    rates = _rates(run_ids, [user.id], now)
    by_run: dict[int, list[MyMark]] = defaultdict(list)
    for s in sessions:
        mark = marks.get(s.id)
        by_run[s.run_id].append(MyMark(s, mark.status if mark else None, mark.remark if mark else ""))
    return [(run, rates.get((run.id, user.id)), by_run[run.id]) for run in runs]
