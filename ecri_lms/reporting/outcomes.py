"""What the training achieved: attendance, completions and certificates, each a small query function.

Attendance follows each run's rule (the attendance area's): a trainee attended a session when marked
present, or late where the run counts late as attended; sessions count once started and not
cancelled. Rates come from the attendance area's `runs_attendance` (a fixed number of queries).
Completions and certificates are read from the certificates area's tables: a completion counts for a
trainee confirmed on the run; a certificate stands while neither revoked, superseded by a re-issue
nor expired, and the expired and revoked ones are counted beside it.
"""

from sqlalchemy import Float, and_, case, cast, distinct, func, literal, null, or_, select, union_all

from ..attendance.models import AttendanceMark
from ..attendance.models import Status as AttendanceStatus
from ..attendance.queries import expected_sql, runs_attendance
from ..attendance.rules import rule_from_settings
from ..certificates.models import Certificate, Completion
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..scheduling.models import CourseRun, Registration, SessionStatus, TrainingSession
from .figures import CANCELLED_RUN, Figure, Tally, held_conditions
from .filters import Selection, run_conditions, selected_run_ids, trainee_conditions
from .sql import hours_between, year_month


def _late_not_counted(selection: Selection) -> list[int]:
    """Runs of the report whose rule counts late as absent."""
    rows = db.session.execute(select(CourseRun.id, CourseRun.settings).where(*run_conditions(selection)))
    return [run_id for run_id, settings in rows if not rule_from_settings(settings).late_counts]


def attended_condition(selection: Selection):
    """SQL condition on AttendanceMark/TrainingSession: the trainee attended this session under the run's rule."""
    late_excluded = _late_not_counted(selection)
    late = AttendanceMark.status == AttendanceStatus.LATE
    if late_excluded:
        late = and_(late, TrainingSession.run_id.not_in(late_excluded))
    return and_(
        or_(AttendanceMark.status == AttendanceStatus.PRESENT, late),
        TrainingSession.status == SessionStatus.SCHEDULED,
        TrainingSession.starts_at <= selection.now,
    )


def attended_marks(selection: Selection, *columns):
    """Attended marks of confirmed trainees on the report's live runs."""
    return (
        select(*columns)
        .select_from(AttendanceMark)
        .join(TrainingSession, TrainingSession.id == AttendanceMark.training_session_id)
        .join(CourseRun, CourseRun.id == TrainingSession.run_id)
        .join(
            Registration,
            Registration.confirmed_on(CourseRun.id) & (Registration.user_id == AttendanceMark.user_id),
        )
        .where(
            *run_conditions(selection),
            *trainee_conditions(selection, AttendanceMark.user_id),
            CourseRun.status != CANCELLED_RUN,
            attended_condition(selection),
        )
    )


def attended_trainees(selection: Selection) -> Tally:
    """Distinct trainees who attended at least one session."""
    counted = func.count(distinct(AttendanceMark.user_id))
    by_partner = dict(
        db.session.execute(
            attended_marks(selection, CourseRun.partner_id, counted).group_by(CourseRun.partner_id)
        ).all()
    )
    return Tally(by_partner, db.session.scalar(attended_marks(selection, counted)) or 0)


def person_hours(selection: Selection) -> Tally:
    """Hours of training received: the length of every attended session, summed over trainees."""
    hours = func.sum(hours_between(TrainingSession.starts_at, TrainingSession.ends_at))
    by_partner = {
        partner_id: round(value or 0, 2)
        for partner_id, value in db.session.execute(
            attended_marks(selection, CourseRun.partner_id, hours).group_by(CourseRun.partner_id)
        )
    }
    return Tally(by_partner, round(sum(by_partner.values()), 2))


def registered_pairs(selection: Selection) -> list[tuple[int, int, int]]:
    """(run id, trainee id, partner id) of the confirmed trainees on the report's live runs."""
    return list(
        db.session.execute(
            select(Registration.run_id, Registration.user_id, CourseRun.partner_id)
            .join(CourseRun, CourseRun.id == Registration.run_id)
            .where(
                *run_conditions(selection),
                *trainee_conditions(selection, Registration.user_id),
                Registration.is_confirmed,
                CourseRun.status != CANCELLED_RUN,
            )
        ).all()
    )


def attendance_rates(selection: Selection) -> list[tuple[int, int, int, float]]:
    """(run id, trainee id, partner id, rate 0..1) of every trainee with a rate under the run's rule."""
    pairs = registered_pairs(selection)
    rates = runs_attendance({run_id for run_id, _, _ in pairs}, selection.now)
    return [
        (run_id, user_id, partner_id, rates[(run_id, user_id)])
        for run_id, user_id, partner_id in pairs
        if rates.get((run_id, user_id)) is not None
    ]


def _runs_by_rule(selection: Selection) -> tuple[list[int], list[int], list[int], list[int]]:
    """Runs of the report whose rule departs from the default: late counted as absent, excused counted
    as absent, excused counted as attended, every session counted (not only those after confirmation)."""
    late_absent, excused_absent, excused_attended, every_session = [], [], [], []
    for run_id, settings in db.session.execute(
        select(CourseRun.id, CourseRun.settings).where(*run_conditions(selection))
    ):
        rule = rule_from_settings(settings)
        if not rule.late_counts:
            late_absent.append(run_id)
        {"absent": excused_absent, "attended": excused_attended}.get(rule.excused_counts_as, []).append(run_id)
        if not rule.only_after_confirmation:
            every_session.append(run_id)
    return late_absent, excused_absent, excused_attended, every_session


def _when_run_in(run_ids: list[int], run_id, inside: int, outside: int):
    return case((run_id.in_(run_ids), inside), else_=outside) if run_ids else literal(outside)


def _rates_subquery(selection: Selection):
    """(partner id, rate) of every confirmed trainee of the report's live runs, by the rules of rules.py
    written in SQL: attended = present + late (where late counts) + excused (where it counts as attended);
    counted = the started sessions expected of the trainee − excused ones (where excused is left out) + the
    sessions not expected of them (held before their confirmation) that they attended; no rate when
    nothing counts."""
    late_absent, excused_absent, excused_attended, every_session = _runs_by_rule(selection)
    counted = (TrainingSession.status == SessionStatus.SCHEDULED) & (TrainingSession.starts_at <= selection.now)
    expected = or_(TrainingSession.run_id.in_(every_session), expected_sql()) if every_session else expected_sql()
    runs = selected_run_ids(selection)
    sessions = (
        select(Registration.id.label("registration_id"), func.count(TrainingSession.id).label("number"))
        .join(TrainingSession, and_(TrainingSession.run_id == Registration.run_id, counted, expected))
        .where(Registration.run_id.in_(runs), Registration.is_confirmed)
        .group_by(Registration.id)
        .subquery()
    )

    def tally(status: str, label: str, where=None):
        matches = AttendanceMark.status == status if where is None else and_(AttendanceMark.status == status, where)
        return func.sum(case((matches, 1), else_=0)).label(label)

    marks = (
        select(
            TrainingSession.run_id,
            AttendanceMark.user_id,
            tally(AttendanceStatus.PRESENT, "present"),
            tally(AttendanceStatus.LATE, "late"),
            tally(AttendanceStatus.EXCUSED, "excused"),
            tally(AttendanceStatus.EXCUSED, "excused_expected", expected),
            tally(AttendanceStatus.PRESENT, "present_not_expected", ~expected),
            tally(AttendanceStatus.LATE, "late_not_expected", ~expected),
            tally(AttendanceStatus.EXCUSED, "excused_not_expected", ~expected),
        )
        .join(TrainingSession, TrainingSession.id == AttendanceMark.training_session_id)
        .outerjoin(
            Registration,
            and_(Registration.run_id == TrainingSession.run_id, Registration.user_id == AttendanceMark.user_id),
        )
        .where(TrainingSession.run_id.in_(runs), counted)
        .group_by(TrainingSession.run_id, AttendanceMark.user_id)
        .subquery()
    )
    c = marks.c
    (present, late, excused, excused_expected, present_ne, late_ne, excused_ne) = (
        func.coalesce(column, 0)
        for column in (
            c.present,
            c.late,
            c.excused,
            c.excused_expected,
            c.present_not_expected,
            c.late_not_expected,
            c.excused_not_expected,
        )
    )
    run_id = Registration.run_id
    late_weight = _when_run_in(late_absent, run_id, 0, 1)
    excused_weight = _when_run_in(excused_attended, run_id, 1, 0)
    attended = present + late * late_weight + excused * excused_weight
    left_out = excused_expected * _when_run_in(excused_absent + excused_attended, run_id, 0, 1)
    attended_not_expected = present_ne + late_ne * late_weight + excused_ne * excused_weight
    denominator = func.coalesce(sessions.c.number, 0) - left_out + attended_not_expected
    rate = cast(attended, Float) / func.nullif(denominator, 0)
    return (
        select(CourseRun.partner_id, rate.label("rate"))
        .select_from(Registration)
        .join(CourseRun, CourseRun.id == Registration.run_id)
        .outerjoin(sessions, sessions.c.registration_id == Registration.id)
        .outerjoin(marks, (marks.c.run_id == Registration.run_id) & (marks.c.user_id == Registration.user_id))
        .where(
            *run_conditions(selection),
            *trainee_conditions(selection, Registration.user_id),
            Registration.is_confirmed,
            CourseRun.status != CANCELLED_RUN,
        )
        .subquery()
    )


def _percent(mean: float | None) -> float | None:
    return None if mean is None else round(mean * 100, 1)


def mean_attendance_rate(selection: Selection) -> Tally:
    """Mean of the trainees' attendance rates, in percent (per trainee and run), averaged by the database."""
    rates = _rates_subquery(selection)
    means = union_all(
        select(rates.c.partner_id, func.avg(rates.c.rate)).group_by(rates.c.partner_id),
        select(null(), func.avg(rates.c.rate)),
    )
    by_partner = {partner_id: mean for partner_id, mean in db.session.execute(means)}
    total = by_partner.pop(None, None)
    return Tally({p: _percent(mean) for p, mean in by_partner.items() if mean is not None}, _percent(total))


def confirmed_completions(selection: Selection, *columns):
    """Completions of trainees confirmed on the report's live runs: one row per trainee and run."""
    return (
        select(*columns)
        .select_from(Completion)
        .join(CourseRun, CourseRun.id == Completion.run_id)
        .join(Registration, Registration.confirmed_on(Completion.run_id) & (Registration.user_id == Completion.user_id))
        .where(
            *run_conditions(selection),
            *trainee_conditions(selection, Completion.user_id),
            CourseRun.status != CANCELLED_RUN,
        )
    )


def completions(selection: Selection) -> Tally:
    """Trainees confirmed on the report's runs who completed them, once per trainee and run."""
    by_partner = dict(
        db.session.execute(
            confirmed_completions(selection, CourseRun.partner_id, func.count(distinct(Completion.id))).group_by(
                CourseRun.partner_id
            )
        ).all()
    )
    return Tally(by_partner, sum(by_partner.values()))


def held_seats(selection: Selection, *columns):
    """(trainee, run) of the trainees confirmed on the report's runs held, with their completion if any."""
    return (
        select(*columns)
        .select_from(Registration)
        .join(CourseRun, CourseRun.id == Registration.run_id)
        .outerjoin(
            Completion, (Completion.run_id == Registration.run_id) & (Completion.user_id == Registration.user_id)
        )
        .where(
            *run_conditions(selection),
            *trainee_conditions(selection, Registration.user_id),
            *held_conditions(selection),
            Registration.is_confirmed,
        )
    )


def _percent_of(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator * 100, 1) if denominator else None


def completion_rate(selection: Selection) -> Tally:
    """Of the trainees confirmed on the runs held (per trainee and run), the percentage who completed."""
    pair = func.count(distinct(Registration.id))
    done = func.count(distinct(Completion.id))
    by_partner = {
        partner_id: (completed, confirmed)
        for partner_id, completed, confirmed in db.session.execute(
            held_seats(selection, CourseRun.partner_id, done, pair).group_by(CourseRun.partner_id)
        )
    }
    completed = sum(done for done, _ in by_partner.values())
    confirmed = sum(pairs for _, pairs in by_partner.values())
    return Tally({p: _percent_of(*counts) for p, counts in by_partner.items()}, _percent_of(completed, confirmed))


def certificate_conditions(selection: Selection, state: str) -> tuple:
    """Certificates of the report's runs in a state: standing (valid, not expired on today's UTC date),
    expired (otherwise valid) or revoked; a superseded certificate is a replaced copy, never counted."""
    today = selection.now.date()
    unexpired = or_(Certificate.expires_on.is_(None), Certificate.expires_on >= today)
    by_state = {
        "standing": (Certificate.revoked_at.is_(None), Certificate.superseded_at.is_(None), unexpired),
        "expired": (Certificate.revoked_at.is_(None), Certificate.superseded_at.is_(None), ~unexpired),
        "revoked": (Certificate.revoked_at.is_not(None),),
    }
    return (
        Certificate.run_id.in_(selected_run_ids(selection)),
        *trainee_conditions(selection, Certificate.user_id),
        *by_state[state],
    )


def _certificates_counted(state: str):
    def count(selection: Selection) -> Tally:
        by_partner = dict(
            db.session.execute(
                select(CourseRun.partner_id, func.count(Certificate.id))
                .join(CourseRun, CourseRun.id == Certificate.run_id)
                .where(*certificate_conditions(selection, state))
                .group_by(CourseRun.partner_id)
            ).all()
        )
        return Tally(by_partner, sum(by_partner.values()))

    count.__doc__ = f"Certificates {state} of the report's runs."
    return count


certificates_standing = _certificates_counted("standing")
certificates_expired = _certificates_counted("expired")
certificates_revoked = _certificates_counted("revoked")


def completions_by_month(selection: Selection) -> dict[tuple[int, str], int]:
    """Completions per (partner id, 'YYYY-MM' of the completion)."""
    month = year_month(Completion.completed_at)
    return {
        (partner_id, label): number
        for partner_id, label, number in db.session.execute(
            confirmed_completions(selection, CourseRun.partner_id, month, func.count(Completion.id)).group_by(
                CourseRun.partner_id, month
            )
        )
    }


OUTCOME_FIGURES = [
    Figure(
        "attended_trainees",
        _l("Trainees who attended a session"),
        attended_trainees,
        _l(
            "Distinct trainees with a confirmed seat marked present (or late, where the run counts late) at a "
            "session that started and was not cancelled; runs whose first session starts in the period, not "
            "cancelled."
        ),
    ),
    Figure(
        "completions",
        _l("Completions"),
        completions,
        _l(
            "Trainees with a confirmed seat who completed the run, once per trainee and run; runs whose first "
            "session starts in the period, not cancelled."
        ),
    ),
    Figure(
        "completion_rate",
        _l("Completion rate (runs held)"),
        completion_rate,
        _l(
            "Trainees who completed ÷ trainees with a confirmed seat, per trainee and run, on the runs held (runs "
            "whose first session starts in the period, not cancelled, last session over)."
        ),
        "%",
        None,
    ),
    Figure(
        "certificates_standing",
        _l("Certificates standing"),
        certificates_standing,
        _l(
            "Certificates neither revoked, replaced nor expired (expiry date before today, UTC) of the runs whose "
            "first session starts in the period."
        ),
    ),
    Figure(
        "certificates_expired",
        _l("Certificates expired"),
        certificates_expired,
        _l(
            "Certificates not revoked nor replaced whose expiry date is before today (UTC), of the runs whose first "
            "session starts in the period."
        ),
    ),
    Figure(
        "certificates_revoked",
        _l("Certificates revoked"),
        certificates_revoked,
        _l("Certificates revoked, of the runs whose first session starts in the period."),
    ),
    Figure(
        "person_hours",
        _l("Person-hours of training"),
        person_hours,
        _l(
            "Sum, over the trainees who attended, of the lengths of the sessions each attended (as counted in "
            "'Trainees who attended a session')."
        ),
        "h",
    ),
    Figure(
        "mean_attendance_rate",
        _l("Mean attendance rate"),
        mean_attendance_rate,
        _l(
            "Sum of the attendance rates ÷ number of (trainee, run) pairs with a rate: sessions attended ÷ sessions "
            "started and not cancelled, under each run's rule; confirmed trainees on runs whose first session starts "
            "in the period, not cancelled."
        ),
        "%",
        None,
    ),
]
