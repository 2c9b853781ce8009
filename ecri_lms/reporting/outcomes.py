"""What the training achieved: attendance, completions and certificates, each a small query function.

Attendance follows each run's rule (the attendance area's): a trainee attended a session when marked
present, or late where the run counts late as attended; sessions count once started and not
cancelled. Rates come from the attendance area's `runs_attendance` (a fixed number of queries).
Completions and certificates are read from the certificates area's tables; a certificate counts
while it stands (neither revoked nor superseded by a re-issue).
"""

from collections import defaultdict

from sqlalchemy import and_, distinct, func, or_, select

from ..attendance.models import AttendanceMark
from ..attendance.queries import runs_attendance
from ..attendance.rules import rule_from_settings
from ..certificates.models import Certificate, Completion
from ..extensions import db
from ..scheduling.models import CourseRun, Registration, SessionStatus, TrainingSession
from .figures import CANCELLED_RUN, CONFIRMED, Figure, Tally, held_conditions
from .filters import Selection, run_conditions, selected_run_ids, trainee_conditions
from .sql import hours_between, year_month


def _late_not_counted(selection: Selection) -> list[int]:
    """Runs of the report whose rule counts late as absent."""
    rows = db.session.execute(select(CourseRun.id, CourseRun.settings).where(*run_conditions(selection)))
    return [run_id for run_id, settings in rows if not rule_from_settings(settings).late_counts]


def attended_condition(selection: Selection):
    """SQL condition on AttendanceMark/TrainingSession: the trainee attended this session under the run's rule."""
    late_excluded = _late_not_counted(selection)
    late = AttendanceMark.status == "late"
    if late_excluded:
        late = and_(late, TrainingSession.run_id.not_in(late_excluded))
    return and_(or_(AttendanceMark.status == "present", late),
                TrainingSession.status == SessionStatus.SCHEDULED.value, TrainingSession.starts_at <= selection.now)


def attended_marks(selection: Selection, *columns):
    """Attended marks of confirmed trainees on the report's live runs."""
    return (select(*columns).select_from(AttendanceMark)
            .join(TrainingSession, TrainingSession.id == AttendanceMark.session_id)
            .join(CourseRun, CourseRun.id == TrainingSession.run_id)
            .join(Registration,
                  (Registration.run_id == CourseRun.id) & (Registration.user_id == AttendanceMark.user_id))
            .where(*run_conditions(selection), *trainee_conditions(selection, AttendanceMark.user_id),
                   Registration.status == CONFIRMED, CourseRun.status != CANCELLED_RUN, attended_condition(selection)))


def attended_trainees(selection: Selection) -> Tally:
    """Distinct trainees who attended at least one session."""
    counted = func.count(distinct(AttendanceMark.user_id))
    by_partner = dict(db.session.execute(
        attended_marks(selection, CourseRun.partner_id, counted).group_by(CourseRun.partner_id)).all())
    return Tally(by_partner, db.session.scalar(attended_marks(selection, counted)) or 0)


def person_hours(selection: Selection) -> Tally:
    """Hours of training received: the length of every attended session, summed over trainees."""
    hours = func.sum(hours_between(TrainingSession.starts_at, TrainingSession.ends_at))
    by_partner = {partner_id: round(value or 0, 2) for partner_id, value in db.session.execute(
        attended_marks(selection, CourseRun.partner_id, hours).group_by(CourseRun.partner_id))}
    return Tally(by_partner, round(sum(by_partner.values()), 2))


def registered_pairs(selection: Selection) -> list[tuple[int, int, int]]:
    """(run id, trainee id, partner id) of the confirmed trainees on the report's live runs."""
    return list(db.session.execute(
        select(Registration.run_id, Registration.user_id, CourseRun.partner_id)
        .join(CourseRun, CourseRun.id == Registration.run_id)
        .where(*run_conditions(selection), *trainee_conditions(selection, Registration.user_id),
               Registration.status == CONFIRMED, CourseRun.status != CANCELLED_RUN)).all())


def attendance_rates(selection: Selection) -> list[tuple[int, int, int, float]]:
    """(run id, trainee id, partner id, rate 0..1) of every trainee with a rate under the run's rule."""
    pairs = registered_pairs(selection)
    rates = runs_attendance({run_id for run_id, _, _ in pairs}, selection.now)
    return [(run_id, user_id, partner_id, rates[(run_id, user_id)]) for run_id, user_id, partner_id in pairs
            if rates.get((run_id, user_id)) is not None]


def _mean_percent(values: list[float]) -> float | None:
    return round(sum(values) / len(values) * 100, 1) if values else None


def mean_attendance_rate(selection: Selection) -> Tally:
    """Mean of the trainees' attendance rates, in percent (per trainee and run)."""
    by_partner: dict[int, list[float]] = defaultdict(list)
    for _, _, partner_id, rate in attendance_rates(selection):
        by_partner[partner_id].append(rate)
    everyone = [rate for rates in by_partner.values() for rate in rates]
    return Tally({p: _mean_percent(rates) for p, rates in by_partner.items()}, _mean_percent(everyone))


def _completions_query(selection: Selection, *columns):
    return (select(*columns).select_from(Completion).join(CourseRun, CourseRun.id == Completion.run_id)
            .where(*run_conditions(selection), *trainee_conditions(selection, Completion.user_id),
                   CourseRun.status != CANCELLED_RUN))


def completions(selection: Selection) -> Tally:
    """Trainees' completions of the report's runs (one per trainee and run)."""
    by_partner = dict(db.session.execute(
        _completions_query(selection, CourseRun.partner_id, func.count(Completion.id))
        .group_by(CourseRun.partner_id)).all())
    return Tally(by_partner, sum(by_partner.values()))


def completion_rate(selection: Selection) -> Tally:
    """Completions on the runs held, against the confirmed seats of those runs, in percent."""
    done = dict(db.session.execute(
        _completions_query(selection, CourseRun.partner_id, func.count(Completion.id))
        .where(*held_conditions(selection)).group_by(CourseRun.partner_id)).all())
    seats = dict(db.session.execute(
        select(CourseRun.partner_id, func.count(Registration.id)).join(CourseRun, CourseRun.id == Registration.run_id)
        .where(*run_conditions(selection), *trainee_conditions(selection, Registration.user_id),
               *held_conditions(selection), Registration.status == CONFIRMED).group_by(CourseRun.partner_id)).all())

    def percent(numerator: int, denominator: int) -> float | None:
        return round(numerator / denominator * 100, 1) if denominator else None

    return Tally({p: percent(done.get(p, 0), n) for p, n in seats.items()},
                 percent(sum(done.values()), sum(seats.values())))


def certificates_issued(selection: Selection) -> Tally:
    """Certificates standing (not revoked, not superseded) for the report's runs."""
    by_partner = dict(db.session.execute(
        select(CourseRun.partner_id, func.count(Certificate.id)).join(CourseRun, CourseRun.id == Certificate.run_id)
        .where(Certificate.run_id.in_(selected_run_ids(selection)),
               *trainee_conditions(selection, Certificate.user_id),
               Certificate.revoked_at.is_(None), Certificate.superseded_at.is_(None))
        .group_by(CourseRun.partner_id)).all())
    return Tally(by_partner, sum(by_partner.values()))


def completions_by_month(selection: Selection) -> dict[tuple[int, str], int]:
    """Completions per (partner id, 'YYYY-MM' of the completion)."""
    month = year_month(Completion.completed_at)
    return {(partner_id, label): number for partner_id, label, number in db.session.execute(
        _completions_query(selection, CourseRun.partner_id, month, func.count(Completion.id))
        .group_by(CourseRun.partner_id, month))}



OUTCOME_FIGURES = [
    Figure("attended_trainees", "Trainees who attended a session", attended_trainees),
    Figure("completions", "Completions", completions),
    Figure("completion_rate", "Completion rate (runs held)", completion_rate, "%", None),
    Figure("certificates_issued", "Certificates issued", certificates_issued),
    Figure("person_hours", "Person-hours of training", person_hours, "h"),
    Figure("mean_attendance_rate", "Mean attendance rate", mean_attendance_rate, "%", None),
]
