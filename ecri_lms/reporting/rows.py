"""The rows behind each figure: drill-down lists, paginated on screen and exported whole.

A figure's list holds exactly what it counts (tests/reporting/test_drill_downs.py): a figure of
distinct trainees lists one row per trainee (with the partners whose runs they took), a count of
seats one row per registration, a mean one row per value averaged.

A row set is a query over the report's selection whose columns are typed (numbers stay numbers and
timestamps stay timestamps in XLSX). Row sets about trainees select two more, hidden, values: the
trainee's id and own partner, so a page can link to the trainee record when the viewer may open it.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Numeric, cast, distinct, func, select
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..accounts.organisations import Organisation, OrganisationType, Partner
from ..assessment.models import Attempt, AttemptAnswer, AttemptState, Question, Quiz
from ..assessment.services import manual_type_names
from ..catalogue.models import Course
from ..infra.exports import stream_query
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..infra.pagination import Page, nearest_page
from ..scheduling.models import CourseRun, DeliveryFormat, Registration, RegistrationStatus, RunStatus, TrainingSession
from .figures import (
    CANCELLED_RUN,
    delivered_session_conditions,
    held_conditions,
)
from .filters import Selection, run_conditions, trainee_conditions
from .quiz_grade_rows import quiz_grades
from .sql import hours_between, joined_codes

PER_PAGE = 50
PASS_TOLERANCE = 1e-9  # as the assessment area: a score equal to the pass mark passes


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, number, datetime or bool: how a page shows the value
    codes: type | None = None  # the enum of a column of codes: pages and exports show its labels

    def shown(self, value):
        """The value as a person reads it: a code's label, anything else as it is."""
        return self.codes(value).label if self.codes is not None and value is not None else value


@dataclass(frozen=True)
class RowSet:
    """A list of rows: a `query` over the selection, or (rows needing a rule applied in Python) `fetch`."""

    key: str
    title: str
    columns: tuple[Column, ...]
    query: Callable[[Selection], object] | None = None
    about_trainees: bool = False  # each row ends with the trainee's id and own partner id
    fetch: Callable[[Selection], list[tuple]] | None = None

    @property
    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    def visible(self, row) -> tuple:
        """The row's shown columns, codes as labels (what an export writes)."""
        return tuple(column.shown(value) for column, value in zip(self.columns, row, strict=False))

    def labelled(self, row) -> tuple:
        """The whole row (hidden values kept, for links) with its codes as labels: what a page shows."""
        return self.visible(row) + tuple(row[len(self.columns) :])


def run_title():
    return func.coalesce(CourseRun.title, Course.title)


def registration_base(selection: Selection, *columns):
    return (
        select(*columns)
        .select_from(Registration)
        .join(CourseRun, CourseRun.id == Registration.run_id)
        .join(Course, Course.id == CourseRun.course_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .join(User, User.id == Registration.user_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .where(*run_conditions(selection), *trainee_conditions(selection, Registration.user_id))
    )


REGISTRATION_COLUMNS = (
    Column(_l("Trainee")),
    Column(_l("Email")),
    Column(_l("Organisation")),
    Column(_l("Organisation type"), codes=OrganisationType),
    Column(_l("Partner")),
    Column(_l("Course")),
    Column(_l("Run")),
    Column(_l("Run starts"), "datetime"),
    Column(_l("Format"), codes=DeliveryFormat),
    Column(_l("Status"), codes=RegistrationStatus),
    Column(_l("Registered at"), "datetime"),
)


def _registrations(*where):
    def query(selection: Selection):
        return (
            registration_base(
                selection,
                User.name,
                User.email,
                Organisation.name,
                Organisation.type,
                Partner.short_name,
                Course.code,
                run_title(),
                CourseRun.starts_at,
                CourseRun.delivery_format,
                Registration.status,
                Registration.registered_at,
                User.id,
                User.partner_id,
            )
            .where(CourseRun.status != CANCELLED_RUN, *where)
            .order_by(Partner.code, CourseRun.starts_at, User.name, Registration.id)
        )

    return query


TRAINEE_COLUMNS = (
    Column(_l("Trainee")),
    Column(_l("Email")),
    Column(_l("Organisation")),
    Column(_l("Organisation type")),
    Column(_l("Partners")),
    Column(_l("Runs"), "number"),
)


def _trainees(*where):
    """One row per trainee confirmed on the report's live runs: the partners and number of those runs."""

    def query(selection: Selection):
        return (
            registration_base(
                selection,
                User.name,
                User.email,
                Organisation.name,
                Organisation.type,
                joined_codes(Partner.short_name),
                func.count(distinct(Registration.run_id)),
                User.id,
                User.partner_id,
            )
            .where(CourseRun.status != CANCELLED_RUN, Registration.is_confirmed, *where)
            .group_by(User.id, User.name, User.email, User.partner_id, Organisation.name, Organisation.type)
            .order_by(User.name, User.id)
        )

    return query


def _smes(selection: Selection):
    home = aliased(Partner)
    return (
        registration_base(selection, Organisation.name, home.short_name, func.count(distinct(User.id)))
        .join(home, home.id == Organisation.partner_id)
        .where(
            CourseRun.status != CANCELLED_RUN,
            Registration.is_confirmed,
            Organisation.type == OrganisationType.SME.value,
        )
        .group_by(Organisation.id, Organisation.name, home.short_name)
        .order_by(Organisation.name, Organisation.id)
    )


def _seat_count(status: str):
    return (
        select(func.count(Registration.id))
        .where(Registration.run_id == CourseRun.id, Registration.status == status)
        .correlate(CourseRun)
        .scalar_subquery()
    )


RUN_COLUMNS = (
    Column(_l("Partner")),
    Column(_l("Course")),
    Column(_l("Run")),
    Column(_l("Status"), codes=RunStatus),
    Column(_l("Format"), codes=DeliveryFormat),
    Column(_l("Starts"), "datetime"),
    Column(_l("Ends"), "datetime"),
    Column(_l("Capacity"), "number"),
    Column(_l("Confirmed"), "number"),
    Column(_l("Waiting list"), "number"),
)


def _runs(where: Callable[[Selection], tuple]):
    def query(selection: Selection):
        return (
            select(
                Partner.short_name,
                Course.code,
                run_title(),
                CourseRun.status,
                CourseRun.delivery_format,
                CourseRun.starts_at,
                CourseRun.ends_at,
                CourseRun.capacity,
                _seat_count(RegistrationStatus.CONFIRMED),
                _seat_count(RegistrationStatus.WAITLISTED),
            )
            .join(Course, Course.id == CourseRun.course_id)
            .join(Partner, Partner.id == CourseRun.partner_id)
            .where(*run_conditions(selection), *where(selection))
            .order_by(Partner.code, CourseRun.starts_at, CourseRun.id)
        )

    return query


def _sessions_delivered(selection: Selection):
    return (
        select(
            Partner.short_name,
            Course.code,
            run_title(),
            TrainingSession.starts_at,
            TrainingSession.ends_at,
            hours_between(TrainingSession.starts_at, TrainingSession.ends_at),
            TrainingSession.format,
        )
        .join(CourseRun, CourseRun.id == TrainingSession.run_id)
        .join(Course, Course.id == CourseRun.course_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .where(*run_conditions(selection), *delivered_session_conditions(selection))
        .order_by(Partner.code, TrainingSession.starts_at, TrainingSession.id)
    )


QUIZ_COLUMNS = (
    Column(_l("Trainee")),
    Column(_l("Organisation")),
    Column(_l("Partners")),
    Column(_l("Course")),
    Column(_l("Quiz")),
    Column(_l("Score (%)"), "number"),
    Column(_l("Pass mark (%)"), "number"),
    Column(_l("Passed"), "bool"),
)


def _quiz_results(failed_only: bool):
    """One row per trainee and quiz of their runs' courses, graded: the partners whose runs they took."""

    def query(selection: Selection):
        grades = quiz_grades()
        passed = grades.c.score * 100 + PASS_TOLERANCE >= grades.c.pass_mark
        q = (
            registration_base(
                selection,
                User.name,
                Organisation.name,
                joined_codes(Partner.short_name),
                Course.code,
                Quiz.title,
                func.round(cast(grades.c.score * 100, Numeric), 1),
                grades.c.pass_mark,
                passed,
                User.id,
                User.partner_id,
            )
            .join(grades, (grades.c.user_id == Registration.user_id) & (grades.c.course_id == CourseRun.course_id))
            .join(Quiz, Quiz.id == grades.c.quiz_id)
            .where(CourseRun.status != CANCELLED_RUN, Registration.is_confirmed, grades.c.score.is_not(None))
            .group_by(
                User.id,
                User.name,
                User.partner_id,
                Organisation.name,
                Course.code,
                Quiz.id,
                Quiz.title,
                grades.c.score,
                grades.c.pass_mark,
            )
            .order_by(User.name, User.id, Course.code, Quiz.title)
        )
        return q.where(~passed) if failed_only else q

    return query


def _essays_waiting(selection: Selection):
    return (
        registration_base(
            selection,
            User.name,
            Partner.short_name,
            Course.code,
            Quiz.title,
            func.count(distinct(AttemptAnswer.id)),
            func.min(Attempt.submitted_at),
            User.id,
            User.partner_id,
        )
        .join(Quiz, Quiz.course_id == CourseRun.course_id)
        .join(Attempt, (Attempt.quiz_id == Quiz.id) & (Attempt.user_id == Registration.user_id))
        .join(AttemptAnswer, AttemptAnswer.attempt_id == Attempt.id)
        .join(Question, Question.id == AttemptAnswer.question_id)
        .where(
            CourseRun.status != CANCELLED_RUN,
            Registration.is_confirmed,
            Attempt.state == AttemptState.NEEDS_GRADING,
            Question.qtype.in_(manual_type_names()),
            AttemptAnswer.manual_score.is_(None),
            AttemptAnswer.auto_score.is_(None),
        )
        .group_by(
            Partner.code, Partner.short_name, User.id, User.name, User.partner_id, Course.code, Quiz.id, Quiz.title
        )
        .order_by(Partner.code, User.name, User.id, Course.code, Quiz.title)
    )


ROW_SETS: dict[str, RowSet] = {
    rs.key: rs
    for rs in (
        RowSet("trainees", _l("Trainees registered"), TRAINEE_COLUMNS, _trainees(), about_trainees=True),
        RowSet(
            "registered",
            _l("Seats filled (confirmed registrations)"),
            REGISTRATION_COLUMNS,
            _registrations(Registration.is_confirmed),
            about_trainees=True,
        ),
        RowSet(
            "sme-participants",
            _l("SME participants"),
            TRAINEE_COLUMNS,
            _trainees(Organisation.type == OrganisationType.SME.value),
            about_trainees=True,
        ),
        RowSet(
            "waiting",
            _l("Waiting lists"),
            REGISTRATION_COLUMNS,
            _registrations(Registration.is_waitlisted),
            about_trainees=True,
        ),
        RowSet(
            "smes",
            _l("SMEs reached"),
            (Column(_l("Organisation")), Column(_l("Member of")), Column(_l("Participants"), "number")),
            _smes,
        ),
        RowSet("runs", _l("Runs"), RUN_COLUMNS, _runs(lambda s: ())),
        RowSet("runs-held", _l("Runs held"), RUN_COLUMNS, _runs(held_conditions)),
        RowSet(
            "runs-cancelled", _l("Runs cancelled"), RUN_COLUMNS, _runs(lambda s: (CourseRun.status == CANCELLED_RUN,))
        ),
        RowSet(
            "runs-offered",
            _l("Runs offering seats (not cancelled)"),
            RUN_COLUMNS,
            _runs(lambda s: (CourseRun.status != CANCELLED_RUN,)),
        ),
        RowSet(
            "sessions-delivered",
            _l("Sessions delivered"),
            (
                Column(_l("Partner")),
                Column(_l("Course")),
                Column(_l("Run")),
                Column(_l("Starts"), "datetime"),
                Column(_l("Ends"), "datetime"),
                Column(_l("Hours"), "number"),
                Column(_l("Format"), codes=DeliveryFormat),
            ),
            _sessions_delivered,
        ),
        RowSet("quiz-results", _l("Quiz results"), QUIZ_COLUMNS, _quiz_results(False), about_trainees=True),
        RowSet("at-risk-quiz", _l("At risk: quiz not passed"), QUIZ_COLUMNS, _quiz_results(True), about_trainees=True),
        RowSet(
            "at-risk-essays",
            _l("At risk: essay waiting for a grade"),
            (
                Column(_l("Trainee")),
                Column(_l("Partner")),
                Column(_l("Course")),
                Column(_l("Quiz")),
                Column(_l("Essays waiting"), "number"),
                Column(_l("Submitted"), "datetime"),
            ),
            _essays_waiting,
            about_trainees=True,
        ),
    )
}

# The rows behind each dashboard figure.
FIGURE_ROWS = {
    "trainees_registered": "trainees",
    "seats_filled": "registered",
    "sme_participants": "sme-participants",
    "distinct_smes": "smes",
    "waiting_list": "waiting",
    "runs_held": "runs-held",
    "runs_cancelled": "runs-cancelled",
    "seats_offered": "runs-offered",
    "hours_delivered": "sessions-delivered",
    "mean_quiz_score": "quiz-results",
}


def page_of(rows: RowSet, selection: Selection, page: int, per_page: int = PER_PAGE) -> Page:
    """Rows of one page (a page past the end gives the last one): two queries, or the fetch's."""
    if rows.fetch is not None:
        every = rows.fetch(selection)
        page = nearest_page(page, len(every), per_page)
        shown = [rows.labelled(row) for row in every[(page - 1) * per_page : page * per_page]]
        return Page(shown, page, per_page, len(every))
    query = rows.query(selection)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    page = nearest_page(page, total, per_page)
    items = [rows.labelled(row) for row in db.session.execute(query.limit(per_page).offset((page - 1) * per_page))]
    return Page(items, page, per_page, total)


def all_rows(rows: RowSet, selection: Selection) -> Iterator[tuple]:
    """Every row, visible columns only: what an export writes, read from the database as it is written."""
    found = rows.fetch(selection) if rows.fetch is not None else stream_query(rows.query(selection))
    return (rows.visible(row) for row in found)
