"""The rows behind the attendance, completion and certificate figures, and the attendance at-risk list.

A trainee is at risk on attendance when their rate on a run, under the run's attendance rule, is
below what the run's completion rules require (its `attendance_rate`), or below
DEFAULT_REQUIRED_PERCENT when the run asks for none.
"""

from sqlalchemy import Numeric, cast, distinct, func, select

from ..accounts.models import User
from ..accounts.organisations import Organisation, Partner
from ..attendance.models import AttendanceMark
from ..catalogue.models import Course
from ..certificates.models import Certificate, Completion
from ..certificates.rule_progress import rules_of
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..scheduling.models import CourseRun, Registration, TrainingSession
from .figures import CANCELLED_RUN
from .filters import Selection
from .outcomes import attendance_rates, attended_marks, certificate_conditions, confirmed_completions, held_seats
from .rows import Column, RowSet, registration_base, run_title
from .sql import hours_between, joined_codes

DEFAULT_REQUIRED_PERCENT = 75  # the course files' usual completion rule

RATE_COLUMNS = (
    Column(_l("Trainee")),
    Column(_l("Organisation")),
    Column(_l("Partner")),
    Column(_l("Course")),
    Column(_l("Run")),
    Column(_l("Run starts"), "datetime"),
    Column(_l("Attendance (%)"), "number"),
    Column(_l("Required (%)"), "number"),
)


def _attended(selection: Selection):
    """One row per trainee who attended: the partners and runs, sessions and hours attended."""
    hours = func.sum(hours_between(TrainingSession.starts_at, TrainingSession.ends_at))
    return (
        attended_marks(
            selection,
            User.name,
            Organisation.name,
            joined_codes(Partner.short_name),
            func.count(distinct(CourseRun.id)),
            func.count(AttendanceMark.id),
            func.round(cast(hours, Numeric), 2),
            User.id,
            User.partner_id,
        )
        .join(Partner, Partner.id == CourseRun.partner_id)
        .join(User, User.id == AttendanceMark.user_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .group_by(User.id, User.name, User.partner_id, Organisation.name)
        .order_by(User.name, User.id)
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
                Partner.short_name,
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
        confirmed_completions(
            selection,
            User.name,
            Organisation.name,
            Partner.short_name,
            Course.code,
            run_title(),
            Completion.completed_at,
            User.id,
            User.partner_id,
        )
        .join(Course, Course.id == CourseRun.course_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .join(User, User.id == Completion.user_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .order_by(Partner.code, Completion.completed_at, User.name, Completion.id)
    )


def _held_seats(selection: Selection):
    return (
        held_seats(
            selection,
            User.name,
            Organisation.name,
            Partner.short_name,
            Course.code,
            run_title(),
            CourseRun.ends_at,
            Completion.id.is_not(None),
            Completion.completed_at,
            User.id,
            User.partner_id,
        )
        .join(Course, Course.id == CourseRun.course_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .join(User, User.id == Registration.user_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .order_by(Partner.code, CourseRun.ends_at, User.name, Registration.id)
    )


def _certificates(state: str):
    def query(selection: Selection):
        return (
            select(
                User.name,
                Partner.short_name,
                Certificate.course_code,
                Certificate.course_title,
                Certificate.code,
                Certificate.issued_at,
                Certificate.expires_on,
                Certificate.revoked_at,
                User.id,
                User.partner_id,
            )
            .select_from(Certificate)
            .join(CourseRun, CourseRun.id == Certificate.run_id)
            .join(Partner, Partner.id == CourseRun.partner_id)
            .join(User, User.id == Certificate.user_id)
            .where(*certificate_conditions(selection, state))
            .order_by(Partner.code, Certificate.issued_at, Certificate.id)
        )

    return query


CERTIFICATE_COLUMNS = (
    Column(_l("Trainee")),
    Column(_l("Partner")),
    Column(_l("Course")),
    Column(_l("Course title")),
    Column(_l("Code")),
    Column(_l("Issued at"), "datetime"),
    Column(_l("Expires on"), "date"),
    Column(_l("Revoked at"), "datetime"),
)

OUTCOME_ROW_SETS = (
    RowSet(
        "attended",
        _l("Trainees who attended"),
        (
            Column(_l("Trainee")),
            Column(_l("Organisation")),
            Column(_l("Partners")),
            Column(_l("Runs"), "number"),
            Column(_l("Sessions attended"), "number"),
            Column(_l("Hours attended"), "number"),
        ),
        _attended,
        about_trainees=True,
    ),
    RowSet(
        "attendance",
        _l("Attendance rates"),
        RATE_COLUMNS,
        about_trainees=True,
        fetch=lambda selection: _rates(selection, at_risk_only=False),
    ),
    RowSet(
        "at-risk-attendance",
        _l("At risk: attendance below the rule"),
        RATE_COLUMNS,
        about_trainees=True,
        fetch=lambda selection: _rates(selection, at_risk_only=True),
    ),
    RowSet(
        "completions",
        _l("Completions"),
        (
            Column(_l("Trainee")),
            Column(_l("Organisation")),
            Column(_l("Partner")),
            Column(_l("Course")),
            Column(_l("Run")),
            Column(_l("Completed at"), "datetime"),
        ),
        _completions,
        about_trainees=True,
    ),
    RowSet(
        "completion-rate",
        _l("Trainees confirmed on the runs held, completed or not"),
        (
            Column(_l("Trainee")),
            Column(_l("Organisation")),
            Column(_l("Partner")),
            Column(_l("Course")),
            Column(_l("Run")),
            Column(_l("Run ends"), "datetime"),
            Column(_l("Completed"), "bool"),
            Column(_l("Completed at"), "datetime"),
        ),
        _held_seats,
        about_trainees=True,
    ),
    RowSet(
        "certificates", _l("Certificates standing"), CERTIFICATE_COLUMNS, _certificates("standing"), about_trainees=True
    ),
    RowSet(
        "certificates-expired",
        _l("Certificates expired"),
        CERTIFICATE_COLUMNS,
        _certificates("expired"),
        about_trainees=True,
    ),
    RowSet(
        "certificates-revoked",
        _l("Certificates revoked"),
        CERTIFICATE_COLUMNS,
        _certificates("revoked"),
        about_trainees=True,
    ),
)
OUTCOME_FIGURE_ROWS = {
    "attended_trainees": "attended",
    "person_hours": "attended",
    "mean_attendance_rate": "attendance",
    "completions": "completions",
    "completion_rate": "completion-rate",
    "certificates_standing": "certificates",
    "certificates_expired": "certificates-expired",
    "certificates_revoked": "certificates-revoked",
}
