"""The rows behind the attendance, completion and certificate figures, and the attendance at-risk list.

A trainee is at risk on attendance when their rate on a run, under the run's attendance rule, is
below what the run's completion rules require (its `attendance_rate`), or below
DEFAULT_REQUIRED_PERCENT when the run asks for none.
"""

from sqlalchemy import Numeric, cast, func, select

from ..accounts.models import User
from ..accounts.organisations import Organisation, Partner
from ..attendance.models import AttendanceMark
from ..catalogue.models import Course
from ..certificates.models import Certificate, Completion
from ..certificates.rule_progress import rules_of
from ..infra.extensions import db
from ..scheduling.models import CourseRun, Registration, TrainingSession
from .figures import CANCELLED_RUN
from .filters import Selection, run_conditions, selected_run_ids, trainee_conditions
from .outcomes import attendance_rates, attended_marks
from .rows import Column, RowSet, registration_base, run_title
from .sql import hours_between

DEFAULT_REQUIRED_PERCENT = 75  # the course files' usual completion rule

RATE_COLUMNS = (
    Column("Trainee"),
    Column("Organisation"),
    Column("Partner"),
    Column("Course"),
    Column("Run"),
    Column("Run starts", "datetime"),
    Column("Attendance (%)", "number"),
    Column("Required (%)", "number"),
)


def _attended(selection: Selection):
    hours = func.sum(hours_between(TrainingSession.starts_at, TrainingSession.ends_at))
    return (
        attended_marks(
            selection,
            User.name,
            Organisation.name,
            Partner.code,
            Course.code,
            run_title(),
            func.count(AttendanceMark.id),
            func.round(cast(hours, Numeric), 2),
            User.id,
            User.partner_id,
        )
        .join(Course, Course.id == CourseRun.course_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .join(User, User.id == AttendanceMark.user_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .group_by(
            User.id,
            User.name,
            User.partner_id,
            Organisation.name,
            Partner.code,
            Course.code,
            CourseRun.id,
            CourseRun.title,
            Course.title,
        )
        .order_by(Partner.code, User.name, User.id, Course.code)
    )


def required_percent(run: CourseRun) -> float:
    target = rules_of(run).get("attendance_rate")
    return float(target) if isinstance(target, (int, float)) else float(DEFAULT_REQUIRED_PERCENT)


def _rates(selection: Selection, at_risk_only: bool) -> list[tuple]:
    """Each trainee's rate per run (rule applied by the attendance area), with the run's requirement."""
    rates = {(run_id, user_id): rate for run_id, user_id, _, rate in attendance_rates(selection)}
    runs = (
        {
            run.id: run
            for run in db.session.scalars(select(CourseRun).where(CourseRun.id.in_({run_id for run_id, _ in rates})))
        }
        if rates
        else {}
    )
    rows = (
        db.session.execute(
            registration_base(
                selection,
                User.name,
                Organisation.name,
                Partner.code,
                Course.code,
                run_title(),
                CourseRun.starts_at,
                Registration.run_id,
                User.id,
                User.partner_id,
            )
            .where(Registration.is_confirmed, CourseRun.status != CANCELLED_RUN)
            .order_by(Partner.code, User.name, User.id, CourseRun.starts_at)
        )
        if rates
        else []
    )
    result = []
    for *shown, run_id, user_id, user_partner in rows:
        rate = rates.get((run_id, user_id))
        if rate is None:
            continue
        percent, required = round(rate * 100, 1), required_percent(runs[run_id])
        if not at_risk_only or percent < required:
            result.append((*shown, percent, required, user_id, user_partner))
    return result


def _completions(selection: Selection):
    return (
        select(
            User.name,
            Organisation.name,
            Partner.code,
            Course.code,
            run_title(),
            Completion.completed_at,
            User.id,
            User.partner_id,
        )
        .select_from(Completion)
        .join(CourseRun, CourseRun.id == Completion.run_id)
        .join(Course, Course.id == CourseRun.course_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .join(User, User.id == Completion.user_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .where(
            *run_conditions(selection),
            *trainee_conditions(selection, Completion.user_id),
            CourseRun.status != CANCELLED_RUN,
        )
        .order_by(Partner.code, Completion.completed_at, User.name, Completion.id)
    )


def _certificates(selection: Selection):
    return (
        select(
            User.name,
            Partner.code,
            Certificate.course_code,
            Certificate.course_title,
            Certificate.code,
            Certificate.issued_at,
            Certificate.expires_on,
            User.id,
            User.partner_id,
        )
        .select_from(Certificate)
        .join(CourseRun, CourseRun.id == Certificate.run_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .join(User, User.id == Certificate.user_id)
        .where(
            Certificate.run_id.in_(selected_run_ids(selection)),
            *trainee_conditions(selection, Certificate.user_id),
            Certificate.revoked_at.is_(None),
            Certificate.superseded_at.is_(None),
        )
        .order_by(Partner.code, Certificate.issued_at, Certificate.id)
    )


OUTCOME_ROW_SETS = (
    RowSet(
        "attended",
        "Trainees who attended",
        (
            Column("Trainee"),
            Column("Organisation"),
            Column("Partner"),
            Column("Course"),
            Column("Run"),
            Column("Sessions attended", "number"),
            Column("Hours attended", "number"),
        ),
        _attended,
        about_trainees=True,
    ),
    RowSet(
        "attendance",
        "Attendance rates",
        RATE_COLUMNS,
        about_trainees=True,
        fetch=lambda selection: _rates(selection, at_risk_only=False),
    ),
    RowSet(
        "at-risk-attendance",
        "At risk: attendance below the rule",
        RATE_COLUMNS,
        about_trainees=True,
        fetch=lambda selection: _rates(selection, at_risk_only=True),
    ),
    RowSet(
        "completions",
        "Completions",
        (
            Column("Trainee"),
            Column("Organisation"),
            Column("Partner"),
            Column("Course"),
            Column("Run"),
            Column("Completed at", "datetime"),
        ),
        _completions,
        about_trainees=True,
    ),
    RowSet(
        "certificates",
        "Certificates issued",
        (
            Column("Trainee"),
            Column("Partner"),
            Column("Course"),
            Column("Course title"),
            Column("Code"),
            Column("Issued at", "datetime"),
            Column("Expires on", "date"),
        ),
        _certificates,
        about_trainees=True,
    ),
)
OUTCOME_FIGURE_ROWS = {
    "attended_trainees": "attended",
    "person_hours": "attended",
    "mean_attendance_rate": "attendance",
    "completions": "completions",
    "completion_rate": "completions",
    "certificates_issued": "certificates",
}
