"""A trainee's full history across partners: runs, attendance, quiz results and certificates."""

from dataclasses import dataclass

from sqlalchemy import Numeric, cast, func, select

from ..accounts.models import User
from ..accounts.organisations import Partner
from ..assessment.models import Quiz
from ..attendance.queries import attended_hours, runs_attendance
from ..catalogue.models import Course
from ..certificates.codes import display
from ..certificates.models import Certificate, CertificateStatus
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..infra.timeutil import utcnow
from ..scheduling.models import (
    CourseRun,
    DeliveryFormat,
    Registration,
    RegistrationStatus,
    RunStatus,
    SessionStatus,
    TrainingSession,
)
from .access import trainee_for
from .quiz_grade_rows import quiz_grades
from .rows import PASS_TOLERANCE, Column, run_title
from .sql import hours_between


@dataclass(frozen=True)
class RecordTable:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple]

    @classmethod
    def of(cls, key: str, title: str, columns: tuple[Column, ...], rows: list[tuple]) -> "RecordTable":
        """A table whose codes read as labels, on the page and in its export alike."""
        return cls(key, title, columns, [tuple(c.shown(v) for c, v in zip(columns, row, strict=True)) for row in rows])

    @property
    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]


@dataclass(frozen=True)
class TraineeRecord:
    trainee: User
    tables: list[RecordTable]

    def table(self, key: str) -> RecordTable | None:
        return next((t for t in self.tables if t.key == key), None)


RUN_COLUMNS = (
    Column(_l("Partner")),
    Column(_l("Course")),
    Column(_l("Run")),
    Column(_l("Format"), codes=DeliveryFormat),
    Column(_l("Starts"), "datetime"),
    Column(_l("Ends"), "datetime"),
    Column(_l("Registration"), codes=RegistrationStatus),
    Column(_l("Run status"), codes=RunStatus),
    Column(_l("Hours scheduled"), "number"),
)
QUIZ_COLUMNS = (
    Column(_l("Course")),
    Column(_l("Quiz")),
    Column(_l("Score (%)"), "number"),
    Column(_l("Pass mark (%)"), "number"),
    Column(_l("Passed"), "bool"),
)


def _runs(user_id: int) -> list[tuple]:
    hours = (
        select(func.coalesce(func.sum(hours_between(TrainingSession.starts_at, TrainingSession.ends_at)), 0))
        .where(TrainingSession.run_id == CourseRun.id, TrainingSession.status == SessionStatus.SCHEDULED)
        .correlate(CourseRun)
        .scalar_subquery()
    )
    query = (
        select(
            Partner.short_name,
            Course.code,
            run_title(),
            CourseRun.delivery_format,
            CourseRun.starts_at,
            CourseRun.ends_at,
            Registration.status,
            CourseRun.status,
            hours,
        )
        .select_from(Registration)
        .join(CourseRun, CourseRun.id == Registration.run_id)
        .join(Course, Course.id == CourseRun.course_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .where(Registration.user_id == user_id)
        .order_by(CourseRun.starts_at, CourseRun.id)
    )
    return [(*row[:-1], round(float(row[-1]), 2)) for row in db.session.execute(query)]


def _quizzes(user_id: int) -> list[tuple]:
    grades = quiz_grades()
    query = (
        select(
            Course.code,
            Quiz.title,
            func.round(cast(grades.c.score * 100, Numeric), 1),
            grades.c.pass_mark,
            grades.c.score * 100 + PASS_TOLERANCE >= grades.c.pass_mark,
        )
        .select_from(grades)
        .join(Quiz, Quiz.id == grades.c.quiz_id)
        .join(Course, Course.id == grades.c.course_id)
        .where(grades.c.user_id == user_id)
        .order_by(Course.code, Quiz.title)
    )
    return [
        (code, title, score, mark, passed if score is not None else None)
        for code, title, score, mark, passed in db.session.execute(query)
    ]


ATTENDANCE_COLUMNS = (
    Column(_l("Partner")),
    Column(_l("Course")),
    Column(_l("Run")),
    Column(_l("Attendance (%)"), "number"),
    Column(_l("Hours attended"), "number"),
)
CERTIFICATE_COLUMNS = (
    Column(_l("Course")),
    Column(_l("Course title")),
    Column(_l("Partner")),
    Column(_l("Code")),
    Column(_l("Issued at"), "datetime"),
    Column(_l("Expires on"), "date"),
    Column(_l("Status"), codes=CertificateStatus),
)


def _attendance(user_id: int) -> list[tuple]:
    """Per confirmed run: the rate under the run's rule and the hours attended (the attendance area's figures)."""
    runs = list(
        db.session.scalars(
            select(CourseRun)
            .join(Registration, Registration.run_id == CourseRun.id)
            .where(Registration.user_id == user_id, Registration.is_confirmed)
            .order_by(CourseRun.starts_at, CourseRun.id)
        )
    )
    rates = runs_attendance([run.id for run in runs])
    rows = []
    for run in runs:
        rate = rates.get((run.id, user_id))
        rows.append(
            (
                run.partner.code,
                run.course.code,
                run.display_title,
                None if rate is None else round(rate * 100, 1),
                attended_hours(user_id, run),
            )
        )
    return rows


def _certificates(user_id: int) -> list[tuple]:
    """Every certificate the trainee was issued, with what became of it."""
    now = utcnow()
    certificates = db.session.scalars(
        select(Certificate).where(Certificate.user_id == user_id).order_by(Certificate.issued_at, Certificate.id)
    )
    return [
        (c.course_code, c.course_title, c.partner_name, display(c.code), c.issued_at, c.expires_on, c.status_at(now))
        for c in certificates
    ]


def trainee_record(actor, user_id: int) -> TraineeRecord:
    """The record of a trainee the actor may see (themselves, or one in their reporting scope)."""
    trainee = trainee_for(actor, user_id)
    return TraineeRecord(
        trainee,
        [
            RecordTable.of("runs", _l("Runs"), RUN_COLUMNS, _runs(trainee.id)),
            RecordTable.of("attendance", _l("Attendance"), ATTENDANCE_COLUMNS, _attendance(trainee.id)),
            RecordTable.of("quizzes", _l("Quiz results"), QUIZ_COLUMNS, _quizzes(trainee.id)),
            RecordTable.of("certificates", _l("Certificates"), CERTIFICATE_COLUMNS, _certificates(trainee.id)),
        ],
    )
