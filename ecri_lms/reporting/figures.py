"""The dashboard's figures, each a small function answering from SQL aggregates.

Every function takes a Selection and returns a Tally: the value per partner (the partner that
organised the runs) and the consortium total. A fixed number of queries per figure, whatever the
number of trainees, runs or sessions. Distinct counts need their own total query (a trainee who took
two partners' runs counts for both partners, once in the total); sums add up the partners.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import distinct, func, null, select, union_all

from ..accounts.models import User
from ..accounts.organisations import Organisation, OrganisationType, Partner
from ..assessment.models import Attempt, Quiz
from ..attendance.models import AttendanceMark
from ..catalogue.models import Course, CourseTopic, Topic
from ..certificates.models import Certificate, Completion
from ..infra.caching.results import cached_result, table_names
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..scheduling.models import CourseRun, Registration, RegistrationStatus, RunStatus, SessionStatus, TrainingSession
from .filters import Selection, run_conditions, selection_key, trainee_conditions
from .quiz_grade_rows import quiz_grades
from .sql import hours_between

CANCELLED_RUN = RunStatus.CANCELLED
HELD_STATUSES = (RunStatus.PUBLISHED, RunStatus.COMPLETED)
# Every table a figure reads: a cached tally stands until one of them changes.
REPORT_TABLES = table_names(
    [
        CourseRun,
        TrainingSession,
        Registration,
        AttendanceMark,
        Completion,
        Certificate,
        Attempt,
        Quiz,
        User,
        Organisation,
        Partner,
        Course,
        CourseTopic,
        Topic,
    ]
)


@dataclass(frozen=True)
class Tally:
    by_partner: dict[int, float | int | None]
    total: float | int | None


def tallies(selection: Selection, figures: Sequence["Figure"]) -> list[Tally]:
    """Each figure's tally, computed once per change of the tables reports read (cached)."""
    return cached_result(
        "reporting.tallies",
        REPORT_TABLES,
        (tuple(f.key for f in figures), *selection_key(selection)),
        lambda: [figure.compute(selection) for figure in figures],
        as_of=selection.now,
    )


def _per_partner(query) -> dict[int, float | int]:
    return {partner_id: value for partner_id, value in db.session.execute(query)}


def _summed(by_partner: dict[int, float | int]) -> Tally:
    return Tally(by_partner, sum(by_partner.values()))


def _distinct(selection: Selection, value, *where, join_organisation: bool = False) -> Tally:
    """COUNT(DISTINCT value) over the report's registrations, per partner and in total."""

    def query(*columns):
        q = select(*columns).select_from(Registration).join(CourseRun, CourseRun.id == Registration.run_id)
        if join_organisation:
            q = q.join(User, User.id == Registration.user_id).join(
                Organisation, Organisation.id == User.organisation_id
            )
        return q.where(*run_conditions(selection), *trainee_conditions(selection, Registration.user_id), *where)

    counted = func.count(distinct(value))
    by_partner = _per_partner(query(CourseRun.partner_id, counted).group_by(CourseRun.partner_id))
    return Tally(by_partner, db.session.scalar(query(counted)) or 0)


def _confirmed_on_live_runs() -> tuple:
    return Registration.is_confirmed, CourseRun.status != CANCELLED_RUN


def trainees_registered(selection: Selection) -> Tally:
    """Distinct trainees with a confirmed seat on a run that was not cancelled."""
    return _distinct(selection, Registration.user_id, *_confirmed_on_live_runs())


def sme_participants(selection: Selection) -> Tally:
    """Distinct registered trainees who work for an SME."""
    return _distinct(
        selection,
        Registration.user_id,
        *_confirmed_on_live_runs(),
        Organisation.type == OrganisationType.SME.value,
        join_organisation=True,
    )


def distinct_smes(selection: Selection) -> Tally:
    """Distinct SMEs with at least one registered trainee."""
    return _distinct(
        selection,
        Organisation.id,
        *_confirmed_on_live_runs(),
        Organisation.type == OrganisationType.SME.value,
        join_organisation=True,
    )


def _registrations_counted(selection: Selection, status: str) -> Tally:
    return _summed(
        _per_partner(
            select(CourseRun.partner_id, func.count(Registration.id))
            .join(CourseRun, CourseRun.id == Registration.run_id)
            .where(
                *run_conditions(selection),
                *trainee_conditions(selection, Registration.user_id),
                Registration.status == status,
                CourseRun.status != CANCELLED_RUN,
            )
            .group_by(CourseRun.partner_id)
        )
    )


def seats_filled(selection: Selection) -> Tally:
    """Confirmed seats on runs that were not cancelled."""
    return _registrations_counted(selection, RegistrationStatus.CONFIRMED)


def waiting_list(selection: Selection) -> Tally:
    """Places on the waiting lists of runs that were not cancelled."""
    return _registrations_counted(selection, RegistrationStatus.WAITLISTED)


def _runs_aggregate(selection: Selection, value, *where) -> Tally:
    return _summed(
        _per_partner(
            select(CourseRun.partner_id, value).where(*run_conditions(selection), *where).group_by(CourseRun.partner_id)
        )
    )


def held_conditions(selection: Selection) -> tuple:
    """A run is held once its last session is over and it was not cancelled."""
    return CourseRun.status.in_(HELD_STATUSES), CourseRun.ends_at <= selection.now


def runs_held(selection: Selection) -> Tally:
    return _runs_aggregate(selection, func.count(CourseRun.id), *held_conditions(selection))


def runs_cancelled(selection: Selection) -> Tally:
    return _runs_aggregate(selection, func.count(CourseRun.id), CourseRun.status == CANCELLED_RUN)


def seats_offered(selection: Selection) -> Tally:
    """Capacity of the runs that were not cancelled."""
    return _runs_aggregate(selection, func.coalesce(func.sum(CourseRun.capacity), 0), CourseRun.status != CANCELLED_RUN)


def delivered_session_conditions(selection: Selection) -> tuple:
    """A session is delivered when it took place: scheduled (not cancelled), of a live run, and over."""
    return (
        TrainingSession.status == SessionStatus.SCHEDULED,
        CourseRun.status != CANCELLED_RUN,
        TrainingSession.ends_at <= selection.now,
    )


def hours_delivered(selection: Selection) -> Tally:
    """Training hours delivered: the length of every delivered session, summed."""
    by_partner = _per_partner(
        select(CourseRun.partner_id, func.sum(hours_between(TrainingSession.starts_at, TrainingSession.ends_at)))
        .join(CourseRun, CourseRun.id == TrainingSession.run_id)
        .where(*run_conditions(selection), *delivered_session_conditions(selection))
        .group_by(CourseRun.partner_id)
    )
    rounded = {partner_id: round(hours or 0, 2) for partner_id, hours in by_partner.items()}
    return Tally(rounded, round(sum(rounded.values()), 2))


def _seats(selection: Selection):
    """(partner, trainee, course) of the report's confirmed seats on live runs, each once."""
    return (
        select(CourseRun.partner_id, Registration.user_id, CourseRun.course_id)
        .distinct()
        .join(CourseRun, CourseRun.id == Registration.run_id)
        .where(
            *run_conditions(selection), *trainee_conditions(selection, Registration.user_id), *_confirmed_on_live_runs()
        )
        .subquery()
    )


def graded_pairs(selection: Selection):
    """(partner, trainee, quiz, score) of the report's registered trainees graded on their run's course quizzes.

    The seats are reduced to one row per (partner, trainee, course) before meeting the grades, one row
    per (quiz, trainee), so each pair comes out once without sorting every attempt.
    """
    grades = quiz_grades()
    seats = _seats(selection)
    return (
        select(seats.c.partner_id, grades.c.user_id, grades.c.quiz_id, grades.c.score)
        .join(grades, (grades.c.user_id == seats.c.user_id) & (grades.c.course_id == seats.c.course_id))
        .where(grades.c.score.is_not(None))
    )


def _percent(fraction) -> float | None:
    return None if fraction is None else round(float(fraction) * 100, 1)


def mean_quiz_score(selection: Selection) -> Tally:
    """Mean grade, in percent, of the trainees' graded quizzes (each trainee's grade on each quiz once).

    One query: the graded pairs are computed once (a CTE) for the partners' means and the total's,
    a row with no partner.
    """
    pairs = graded_pairs(selection).cte("graded_pairs")
    once = select(pairs.c.user_id, pairs.c.quiz_id, pairs.c.score).distinct().subquery()
    means = union_all(
        select(pairs.c.partner_id, func.avg(pairs.c.score)).group_by(pairs.c.partner_id),
        select(null(), func.avg(once.c.score)),
    )
    by_partner = _per_partner(means)
    total = by_partner.pop(None)
    return Tally({p: _percent(v) for p, v in by_partner.items()}, _percent(total))


@dataclass(frozen=True)
class Figure:
    """A dashboard figure: how it is computed and, in one line a funder can sign, what it counts."""

    key: str
    label: str
    compute: Callable[[Selection], Tally]
    # (lazy, read in the reader's language)
    definition: str  # numerator, denominator (for a rate or a mean) and which runs or period count
    unit: str = ""  # (a symbol, the same in every language) "h" for hours, "%" for percentages (every rate, everywhere)
    empty: float | int | None = 0  # a partner without any row: nothing counted, or no mean

    def value_for(self, tally: Tally, partner_id: int):
        return tally.by_partner.get(partner_id, self.empty)


# The period rule every figure shares (filters.py): runs belong to the report by their first session. Each
# definition says it in full, as one sentence a translator sees whole.
FIGURES: list[Figure] = [
    Figure(
        "trainees_registered",
        _l("Trainees registered"),
        trainees_registered,
        _l(
            "Distinct trainees with a confirmed seat, on runs whose first session starts in the period, not "
            "cancelled; a trainee counts once per partner and once for the consortium."
        ),
    ),
    Figure(
        "mean_quiz_score",
        _l("Mean quiz score"),
        mean_quiz_score,
        _l(
            "Sum of the graded scores ÷ number of graded (trainee, quiz) pairs, each trainee's grade on each quiz of "
            "their run's course counted once; confirmed trainees on runs whose first session starts in the period, "
            "not cancelled."
        ),
        "%",
        None,
    ),
    Figure(
        "runs_held",
        _l("Runs held"),
        runs_held,
        _l("Runs published or completed whose last session is over; runs whose first session starts in the period."),
    ),
    Figure(
        "runs_cancelled",
        _l("Runs cancelled"),
        runs_cancelled,
        _l("Runs cancelled; runs whose first session starts in the period."),
    ),
    Figure(
        "seats_offered",
        _l("Seats offered"),
        seats_offered,
        _l("Sum of the capacities of the runs whose first session starts in the period, not cancelled."),
    ),
    Figure(
        "seats_filled",
        _l("Seats filled"),
        seats_filled,
        _l(
            "Confirmed registrations on runs whose first session starts in the period, not cancelled (a trainee on "
            "two runs fills two seats)."
        ),
    ),
    Figure(
        "waiting_list",
        _l("Waiting-list places"),
        waiting_list,
        _l("Waiting-list registrations on runs whose first session starts in the period, not cancelled."),
    ),
    Figure(
        "hours_delivered",
        _l("Training hours delivered"),
        hours_delivered,
        _l(
            "Sum of the lengths of the sessions that took place (not cancelled, over) on runs whose first session "
            "starts in the period, not cancelled."
        ),
        "h",
    ),
    Figure(
        "sme_participants",
        _l("SME participants"),
        sme_participants,
        _l(
            "Distinct trainees working for an SME with a confirmed seat, on runs whose first session starts in the "
            "period, not cancelled."
        ),
    ),
    Figure(
        "distinct_smes",
        _l("Distinct SMEs reached"),
        distinct_smes,
        _l(
            "Distinct SMEs with at least one trainee with a confirmed seat, on runs whose first session starts in "
            "the period, not cancelled."
        ),
    ),
]
