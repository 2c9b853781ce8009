"""A national-programme data set on top of the demo: tens of thousands of trainees, years of history.

Rows go in with SQLAlchemy Core `insert()` and lists of dicts, in batches, so that the national
volumes load in minutes on SQLite and PostgreSQL. `Volumes.scaled(factor)` makes the same shape
tiny for tests (the query-count tests load it at two sizes).
"""

import random
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

import click
from sqlalchemy import func, insert, select

from ..accounts.models import User, UserRole
from ..accounts.organisations import Organisation, Partner, organisation_key
from ..accounts.passwords import hash_password
from ..accounts.permissions import Role
from ..assessment.models import Attempt, AttemptState, Quiz
from ..attendance.models import Status as AttendanceStatus
from ..catalogue.models import Course, Topic
from ..infra.extensions import db
from ..infra.timeutil import utcnow
from ..needs.models import Answer, Respondent, Survey, SurveyStatus, survey_topic
from ..scheduling.models import (
    CourseRun,
    CourseRunTrainer,
    Registration,
    RegistrationStatus,
    RunStatus,
    SessionStatus,
    TrainingSession,
    Venue,
)
from .people import DEMO_PASSWORD, FIRST_NAMES, LAST_NAMES, full_name

BATCH = 5000
SCALE_DOMAIN = "national.ecri-lms.eu"
SURVEY_NAME = "National SME needs survey"
SESSION_START_HOURS_UTC = (7, 8, 12)
UPCOMING_DAYS = 60
ATTENDANCE = (
    (AttendanceStatus.PRESENT, 85),
    (AttendanceStatus.LATE, 5),
    (AttendanceStatus.EXCUSED, 4),
    (AttendanceStatus.ABSENT, 6),
)


@dataclass(frozen=True)
class Volumes:
    """How many rows of each kind the generator adds."""

    trainees: int = 20_000
    smes: int = 1_000
    trainers: int = 60
    runs: int = 2_000
    sessions_per_run: int = 3
    registrations: int = 100_000
    quiz_attempts: int = 150_000
    certificates: int = 40_000
    respondents: int = 5_000
    years: int = 3

    def scaled(self, factor: float) -> "Volumes":
        """The same shape, `factor` times as large (at least one of everything)."""
        kept = {"sessions_per_run", "years"}
        return Volumes(
            **{
                f.name: getattr(self, f.name) if f.name in kept else max(1, round(getattr(self, f.name) * factor))
                for f in fields(self)
            }
        )


NATIONAL = Volumes()


def batches(rows: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk_insert(table, rows: Iterable[dict]) -> int:
    """Insert the rows in batches with one executemany each; returns how many."""
    count = 0
    for batch in batches(rows):
        db.session.execute(insert(table), batch)
        count += len(batch)
    return count


def _ids(query) -> list[int]:
    return list(db.session.scalars(query))


def _last_id(model) -> int:
    """The highest id so far: rows inserted next have higher ones."""
    return db.session.scalar(select(func.max(model.id))) or 0


def grow(rng: random.Random, volumes: Volumes = NATIONAL, echo=click.echo) -> dict[str, int]:
    """Add the national volumes to a database that holds the demo consortium; returns the counts."""
    now = utcnow()
    partners = list(db.session.scalars(select(Partner).order_by(Partner.id)))
    counts: dict[str, int] = {}
    organisations = _smes(rng, partners, volumes, counts)
    people = _people(rng, partners, organisations, volumes, counts)
    runs = _runs(rng, partners, people["trainer"], volumes, now, counts)
    confirmed = _registrations(rng, runs, people["trainee"], volumes, counts)
    _attempts(rng, confirmed, volumes, now, counts)
    _attendance_and_certificates(rng, runs, confirmed, volumes, now, counts)
    _respondents(rng, partners, volumes, now, counts)
    for name, count in counts.items():
        echo(f"  {name}: {count:,}")
    return counts


def refresh_statistics() -> None:
    """Let the query planner see the bulk-loaded rows.

    Until a table is analysed, PostgreSQL plans as if it were nearly empty, and autovacuum may be slow
    to come (or off): the reports' quiz-score join of 150,000 attempts ran for over 9 minutes on such
    plans, 0.2 s once analysed. VACUUM also marks the pages all-visible, which index-only scans need.
    """
    statement = "VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(statement)


def _smes(rng, partners, volumes: Volumes, counts) -> dict[int, list[int]]:
    words = ("Bio", "Gen", "Med", "Thera", "Diagno", "Pharma", "Omics", "Cell", "Vita", "Neuro", "Immuno", "Cura")
    forms = {"ES": "SL", "GR": "IKE", "PL": "sp. z o.o.", "IT": "srl"}
    rows = []
    first = db.session.scalar(select(func.count()).where(Organisation.type == "sme"))
    for number in range(first, first + volumes.smes):
        partner = partners[number % len(partners)]
        name = f"{rng.choice(words)}{rng.choice(words).lower()} {number + 1} {forms.get(partner.country_code, 'Ltd')}"
        rows.append(
            {
                "partner_id": partner.id,
                "name": name,
                "name_key": organisation_key(name),
                "type": "sme",
                "created_at": utcnow(),
            }
        )
    counts["SMEs"] = bulk_insert(Organisation.__table__, rows)
    by_partner: dict[int, list[int]] = defaultdict(list)
    for organisation_id, partner_id in db.session.execute(
        select(Organisation.id, Organisation.partner_id).where(Organisation.type == "sme")
    ):
        by_partner[partner_id].append(organisation_id)
    return by_partner


def scale_email(kind: str, number: int) -> str:
    """The address of the generated trainee or trainer number `number` (from 0)."""
    return f"{kind}{number:05d}@{SCALE_DOMAIN}"


def _user_rows(rng, partners, organisations, kind: str, how_many: int, password_hash: str) -> Iterator[dict]:
    """Numbered on from the accounts an earlier run generated, so the generator can run again."""
    first = db.session.scalar(select(func.count()).where(User.email.like(scale_email(kind, 0).replace("00000", "%"))))
    for number in range(first, first + how_many):
        partner = partners[number % len(partners)]
        name = full_name(rng.choice(FIRST_NAMES[partner.code]), rng.choice(LAST_NAMES[partner.code]))
        yield {
            "email": scale_email(kind, number),
            "name": name,
            "password_hash": password_hash,
            "partner_id": partner.id,
            "organisation_id": rng.choice(organisations[partner.id]) if organisations[partner.id] else None,
            "timezone": partner.timezone,
            "active": True,
            "session_version": 1,
            "created_at": utcnow(),
        }


def _people(rng, partners, organisations, volumes: Volumes, counts) -> dict[str, dict[int, list[int]]]:
    """Trainees and trainers with their roles; returns their ids by kind and partner."""
    password_hash = hash_password(DEMO_PASSWORD)
    people: dict[str, dict[int, list[int]]] = {}
    for kind, how_many, role in (
        ("trainee", volumes.trainees, Role.TRAINEE),
        ("trainer", volumes.trainers, Role.TRAINER),
    ):
        before = _last_id(User)
        bulk_insert(User.__table__, _user_rows(rng, partners, organisations, kind, how_many, password_hash))
        rows = db.session.execute(select(User.id, User.partner_id).where(User.id > before).order_by(User.id)).all()
        bulk_insert(UserRole.__table__, ({"user_id": user_id, "role": role.value} for user_id, _p in rows))
        people[kind] = defaultdict(list)
        for user_id, partner_id in rows:
            people[kind][partner_id].append(user_id)
        counts[f"{kind}s"] = len(rows)
    return people


@dataclass
class PlannedRun:
    id: int
    partner_id: int
    course_id: int
    capacity: int
    starts_at: datetime
    status: str


def _runs(rng, partners, trainers_by_partner, volumes: Volumes, now: datetime, counts) -> list[PlannedRun]:
    courses = _ids(select(Course.id).where(Course.archived_at.is_(None)).order_by(Course.id))
    venues: dict[int, list[int]] = defaultdict(list)
    for venue_id, partner_id in db.session.execute(select(Venue.id, Venue.partner_id).where(Venue.active)):
        venues[partner_id].append(venue_id)
    span_days = 365 * volumes.years
    first_day = now - timedelta(days=span_days - UPCOMING_DAYS)  # years of history, two months ahead
    plans = []
    for number in range(volumes.runs):
        partner = partners[number % len(partners)]
        day = first_day + timedelta(days=rng.randrange(span_days))
        start = day.replace(hour=rng.choice(SESSION_START_HOURS_UTC), minute=0, second=0, microsecond=0)
        ends = start + timedelta(days=volumes.sessions_per_run - 1, hours=3)
        status = (
            RunStatus.CANCELLED if rng.random() < 0.03 else (RunStatus.COMPLETED if ends < now else RunStatus.PUBLISHED)
        )
        plans.append((partner, start, ends, status))
    before = _last_id(CourseRun)
    bulk_insert(
        CourseRun.__table__,
        (
            {
                "course_id": rng.choice(courses),
                "partner_id": partner.id,
                "title": None,
                "description": "",
                "status": status,
                "capacity": rng.choice((50, 60)),
                "audience": "consortium",
                "delivery_format": "online",
                "registration_opens_at": start - timedelta(days=60),
                "registration_closes_at": start - timedelta(days=1),
                "cancellation_cutoff_hours": 48,
                "starts_at": start,
                "ends_at": ends,
                "settings": {},
                "created_at": start - timedelta(days=90),
                "updated_at": start - timedelta(days=90),
                "published_at": start - timedelta(days=60),
                "cancelled_at": start - timedelta(days=5) if status == RunStatus.CANCELLED else None,
                "cancellation_reason": "Too few registrations." if status == RunStatus.CANCELLED else "",
                "completed_at": ends if status == RunStatus.COMPLETED else None,
            }
            for partner, start, ends, status in plans
        ),
    )
    runs = [
        PlannedRun(*row)
        for row in db.session.execute(
            select(
                CourseRun.id,
                CourseRun.partner_id,
                CourseRun.course_id,
                CourseRun.capacity,
                CourseRun.starts_at,
                CourseRun.status,
            )
            .where(CourseRun.id > before)
            .order_by(CourseRun.id)
        )
    ]
    counts["runs"] = len(runs)
    counts["sessions"] = bulk_insert(TrainingSession.__table__, _session_rows(rng, runs, venues, partners, volumes))
    bulk_insert(
        CourseRunTrainer.__table__,
        (
            {"run_id": run.id, "user_id": user_id}
            for run in runs
            for user_id in rng.sample(
                trainers_by_partner[run.partner_id], min(len(trainers_by_partner[run.partner_id]), 2)
            )
        ),
    )
    return runs


def _session_rows(rng, runs: list[PlannedRun], venues, partners, volumes: Volumes) -> Iterator[dict]:
    zones = {partner.id: partner.timezone for partner in partners}
    for run in runs:
        in_person = venues[run.partner_id] and rng.random() < 0.4
        for day in range(volumes.sessions_per_run):
            start = run.starts_at + timedelta(days=day)
            yield {
                "run_id": run.id,
                "title": None,
                "starts_at": start,
                "ends_at": start + timedelta(hours=3),
                "timezone": zones[run.partner_id],
                "format": "in_person" if in_person else "online",
                "venue_id": rng.choice(venues[run.partner_id]) if in_person else None,
                "meeting_url": None if in_person else "https://meet.example.org/ecri",
                "status": SessionStatus.CANCELLED if run.status == RunStatus.CANCELLED else SessionStatus.SCHEDULED,
                "uid": f"{uuid.uuid4()}@ecri-lms",
                "sequence": 0,
                "created_at": run.starts_at - timedelta(days=90),
                "updated_at": run.starts_at - timedelta(days=90),
                "cancellation_reason": "",
            }


def _registrations(rng, runs: list[PlannedRun], trainees, volumes: Volumes, counts) -> list[tuple[int, int, int]]:
    """Spread the registrations over the runs, mostly the organiser's own trainees; returns the confirmed
    (user, course, run) triples of runs that took place."""
    per_run = max(1, volumes.registrations // max(1, len(runs)))
    everyone = [user_id for ids in trainees.values() for user_id in ids]
    confirmed_seats: list[tuple[int, int, int]] = []

    def rows() -> Iterator[dict]:
        for run in runs:
            home = trainees.get(run.partner_id, everyone)
            chosen = set(rng.sample(home, min(len(home), per_run * 4 // 5)))
            while len(chosen) < min(per_run, len(everyone)):
                chosen.add(rng.choice(everyone))
            for position, user_id in enumerate(sorted(chosen, key=lambda _u: rng.random()), start=1):
                registered = run.starts_at - timedelta(days=rng.randint(2, 59), minutes=position)
                seated = position <= run.capacity
                status = (
                    (RegistrationStatus.CANCELLED if rng.random() < 0.03 else RegistrationStatus.CONFIRMED)
                    if seated
                    else RegistrationStatus.WAITLISTED
                )
                if status == RegistrationStatus.CONFIRMED and run.status == RunStatus.COMPLETED:
                    confirmed_seats.append((user_id, run.course_id, run.id))
                yield {
                    "run_id": run.id,
                    "user_id": user_id,
                    "status": status,
                    "position": position,
                    "created_at": registered,
                    "registered_at": registered,
                    "confirmed_at": registered if seated else None,
                    "promoted_at": None,
                    "cancelled_at": registered + timedelta(days=1) if status == RegistrationStatus.CANCELLED else None,
                    "added_by_id": None,
                    "moved_to_run_id": None,
                    "note": "",
                }

    counts["registrations"] = bulk_insert(Registration.__table__, rows())
    return confirmed_seats


def _attempts(rng, confirmed_seats, volumes: Volumes, now: datetime, counts) -> None:
    """Quiz attempts by trainees who sat a run of the quiz's course: one to three each, latest passed."""
    quizzes: dict[int, list[int]] = defaultdict(list)
    for quiz_id, course_id in db.session.execute(select(Quiz.id, Quiz.course_id).where(Quiz.archived_at.is_(None))):
        quizzes[course_id].append(quiz_id)
    seats = [seat for seat in confirmed_seats if quizzes.get(seat[1])]
    if not seats:
        counts["quiz attempts"] = 0
        return
    numbers: dict[tuple[int, int], int] = defaultdict(int)

    def rows() -> Iterator[dict]:
        made = 0
        while made < volumes.quiz_attempts:
            user_id, course_id, _run_id = seats[made % len(seats)]
            quiz_id = rng.choice(quizzes[course_id])
            numbers[(quiz_id, user_id)] += 1
            started = now - timedelta(days=rng.randint(1, 365 * volumes.years), minutes=rng.randint(0, 1440))
            score = round(rng.betavariate(5, 2), 3)
            yield {
                "quiz_id": quiz_id,
                "user_id": user_id,
                "number": numbers[(quiz_id, user_id)],
                "started_at": started,
                "deadline_at": None,
                "submitted_at": started + timedelta(minutes=14),
                "closed_automatically": False,
                "state": AttemptState.GRADED,
                "score": score,
                "graded_at": started + timedelta(minutes=14),
                "layout": [],
            }
            made += 1

    counts["quiz attempts"] = bulk_insert(Attempt.__table__, rows())


def _attendance_and_certificates(rng, runs: list[PlannedRun], seats, volumes: Volumes, now: datetime, counts) -> None:
    """Every confirmed seat of a finished run is marked at each session; those never absent complete the
    run, and up to `volumes.certificates` of them hold a certificate."""
    from ..attendance.models import AttendanceMark, Source
    from ..certificates.codes import new_code
    from ..certificates.models import Certificate, Completion

    first_run = runs[0].id if runs else 0
    sessions: dict[int, list[tuple[int, datetime]]] = defaultdict(list)
    for training_session_id, run_id, starts_at in db.session.execute(
        select(TrainingSession.id, TrainingSession.run_id, TrainingSession.starts_at)
        .where(TrainingSession.run_id >= first_run)
        .order_by(TrainingSession.starts_at)
    ):
        sessions[run_id].append((training_session_id, starts_at))
    trainer_of = dict(
        db.session.execute(
            select(CourseRunTrainer.run_id, func.min(CourseRunTrainer.user_id))
            .where(CourseRunTrainer.run_id >= first_run)
            .group_by(CourseRunTrainer.run_id)
        ).all()
    )
    statuses, weights = zip(*ATTENDANCE, strict=True)
    completers: list[tuple[int, int]] = []

    def marks() -> Iterator[dict]:
        for user_id, _course_id, run_id in seats:
            drawn = rng.choices(statuses, weights, k=len(sessions[run_id]))
            if AttendanceStatus.ABSENT not in drawn:
                completers.append((user_id, run_id))
            for (training_session_id, starts_at), status in zip(sessions[run_id], drawn, strict=True):
                yield {
                    "training_session_id": training_session_id,
                    "user_id": user_id,
                    "status": status,
                    "remark": "",
                    "marked_by_id": trainer_of.get(run_id),
                    "marked_at": starts_at + timedelta(hours=3),
                    "source": Source.SHEET.value,
                }

    counts["attendance marks"] = bulk_insert(AttendanceMark.__table__, marks())
    ends = {run.id: sessions[run.id][-1][1] + timedelta(hours=3) for run in runs if sessions[run.id]}
    counts["completions"] = bulk_insert(
        Completion.__table__,
        ({"user_id": user_id, "run_id": run_id, "completed_at": ends[run_id]} for user_id, run_id in completers),
    )
    certified = completers[: volumes.certificates]
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_({u for u, _r in certified}))).all())
    courses = {course.id: course for course in db.session.scalars(select(Course))}
    partners = {partner.id: partner.name for partner in db.session.scalars(select(Partner))}
    by_id = {run.id: run for run in runs}
    counts["certificates"] = bulk_insert(
        Certificate.__table__,
        (
            {
                "code": new_code(),
                "user_id": user_id,
                "run_id": run_id,
                "trainee_name": names[user_id],
                "course_title": courses[by_id[run_id].course_id].title,
                "course_code": courses[by_id[run_id].course_id].code,
                "curriculum_area": "",
                "outcomes": list(courses[by_id[run_id].course_id].outcomes or []),
                "hours": 3.0 * len(sessions[run_id]),
                "start_date": by_id[run_id].starts_at.date(),
                "end_date": ends[run_id].date(),
                "partner_name": partners[by_id[run_id].partner_id],
                "trainers": [],
                "final_score": round(rng.uniform(0.6, 1.0), 2),
                "issued_on": ends[run_id].date(),
                "expires_on": None,
                "issued_at": ends[run_id] + timedelta(days=1),
                "issued_by_id": None,
                "issue_reason": "",
                "revoked_at": None,
                "revoked_by_id": None,
                "revocation_reason": "",
                "superseded_at": None,
                "superseded_by_id": None,
            }
            for user_id, run_id in certified
        ),
    )


def _respondents(rng, partners, volumes: Volumes, now: datetime, counts) -> None:
    """A national needs survey (grown when it exists): every respondent rates every topic's importance and
    their competence."""
    topics = _ids(select(Topic.id).order_by(Topic.id))
    survey = db.session.scalar(select(Survey).where(Survey.name == SURVEY_NAME))
    if survey is None:
        survey = Survey(name=SURVEY_NAME, status=SurveyStatus.CLOSED)
        db.session.add(survey)
        db.session.flush()
        bulk_insert(survey_topic, ({"survey_id": survey.id, "topic_id": topic_id} for topic_id in topics))
    before = _last_id(Respondent)
    first = db.session.scalar(select(func.count()).where(Respondent.survey_id == survey.id))
    mix = ["sme"] * 8 + ["research", "cluster_team"]
    bulk_insert(
        Respondent.__table__,
        (
            {
                "survey_id": survey.id,
                "partner_id": partners[n % len(partners)].id,
                "organisation_type": rng.choice(mix),
                "external_id": f"N{n:06d}",
                "token_hash": None,
                "created_at": now - timedelta(days=200),
                "answered_at": now - timedelta(days=rng.randint(100, 199)),
            }
            for n in range(first, first + volumes.respondents)
        ),
    )
    respondents = _ids(select(Respondent.id).where(Respondent.survey_id == survey.id, Respondent.id > before))
    bias = {topic_id: (rng.uniform(-0.6, 0.9), rng.uniform(-0.9, 0.4)) for topic_id in topics}

    def rating(centre: float) -> int:
        return min(5, max(1, round(rng.gauss(centre, 0.9))))

    counts["needs respondents"] = len(respondents)
    counts["needs answers"] = bulk_insert(
        Answer.__table__,
        (
            {
                "respondent_id": respondent_id,
                "topic_id": topic_id,
                "importance": rating(3.4 + bias[topic_id][0]),
                "competence": rating(2.9 + bias[topic_id][1]),
            }
            for respondent_id in respondents
            for topic_id in topics
        ),
    )
