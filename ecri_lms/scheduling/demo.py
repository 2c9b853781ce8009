"""Demo runs in the four regions: past and coming, in person, online and hybrid, some full.

Besides the runs long closed, one run ended about ten days ago and is still open (not closed as
completed): its trainees did their coursework, so a newcomer can try its evaluations and issue its
certificates; trainee.lsk is one of them. The coming published runs are open for registration.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import click
from sqlalchemy import func, select

from ..accounts.permissions import SYSTEM
from ..catalogue.models import Course
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.timeutil import utcnow
from . import queries, services
from .models import Registration, RegistrationStatus, RunStatus, Venue
from .services import RunPlan, SessionPlan, VenueData

VENUES = {
    "BIOIBAL": [
        ("ParcBit – BIOIB training room", "", "ParcBit, Palma, Mallorca", 30),
        ("Hospital Universitari Son Espases", "Aula 2", "Ctra. de Valldemossa 79, Palma", 24),
    ],
    "HBIO": [("PRAXI Network", "Seminar room", "Athens", 25), ("Hellenic BioCluster", "Conference room", "Athens", 40)],
    "LSK": [
        ("Life Science Park Kraków", "Sala A", "ul. Bobrzyńskiego 14, Kraków", 30),
        ("Jagiellonian University Medical College", "Aula 1", "ul. św. Anny 12, Kraków", 40),
    ],
    "BIOPMED": [
        ("Bioindustry Park Silvano Fumero", "Sala conferenze", "Via Ribes 5, Colleretto Giacosa (TO)", 40),
        ("Molecular Biotechnology Center", "Aula B", "Via Nizza 52, Torino", 24),
    ],
}
PARTNERS = ("BIOIBAL", "HBIO", "LSK", "BIOPMED")
MEETING_URL = "https://meet.ecri-lms.eu/{code}-{number}"
RECENT_RUN_DAYS_AGO = 14  # its four daily sessions end about ten days ago


@dataclass(frozen=True)
class DemoRun:
    """One run of the demo: where, when (days from today), how, how full."""

    partner: str
    days_from_today: int
    format: str
    capacity: int
    registrants: int
    sessions: int = 2
    start: time = time(9, 30)
    hours: int = 4
    repeat: str = "daily"
    audience: str = "consortium"
    trainers: tuple[int, ...] = (0,)  # indexes into the partner's trainers
    state: RunStatus = RunStatus.PUBLISHED


def _runs() -> list[DemoRun]:
    past = [
        DemoRun(code, -70 + 7 * i, "in_person", 12, 9, audience="partner", state=RunStatus.COMPLETED)
        for i, code in enumerate(PARTNERS)
    ]
    coming = [
        DemoRun(
            "BIOIBAL", 10, "online", 25, 14, sessions=3, start=time(16, 0), hours=2, repeat="weekly", trainers=(0,)
        ),
        DemoRun("BIOIBAL", 24, "in_person", 15, 6),
        DemoRun("HBIO", 28, "in_person", 6, 9, hours=7, trainers=(0, 1)),  # full, three waiting
        DemoRun("LSK", 35, "in_person", 6, 10, trainers=(1,)),  # full, four waiting
        DemoRun("BIOPMED", 42, "hybrid", 20, 8, sessions=1, start=time(14, 0), hours=3),
        DemoRun(
            "HBIO",
            49,
            "online",
            30,
            3,
            sessions=1,
            start=time(11, 0),
            hours=3,
            trainers=(1,),
            state=RunStatus.CANCELLED,
        ),
        DemoRun("LSK", 63, "in_person", 20, 0, trainers=(0,), state=RunStatus.DRAFT),
    ]
    # Last, so that the runs above keep their numbers (and courses): ended recently, not closed yet.
    recently_ended = [DemoRun("LSK", -RECENT_RUN_DAYS_AGO, "in_person", 12, 8, sessions=4, audience="partner")]
    return past + coming + recently_ended


def _course_pool() -> list[Course]:
    return list(db.session.scalars(select(Course).where(Course.archived_at.is_(None)).order_by(Course.code)))


def _venues(partners: dict) -> dict[str, list[Venue]]:
    return {
        code: [
            services.create_venue(SYSTEM, VenueData(partners[code].id, name, address, capacity, room))
            for name, room, address, capacity in rooms
        ]
        for code, rooms in VENUES.items()
    }


def _working_days(day: date, spec: DemoRun) -> date:
    """The nearest day on which every session of the run falls on a working day: searched forwards for a
    coming run, backwards for a past one (so that a past run never moves into the future)."""
    step = 7 if spec.repeat == "weekly" else 1
    direction = timedelta(days=-1 if spec.days_from_today < 0 else 1)
    while any(_is_day_off(day + timedelta(days=k * step)) for k in range(spec.sessions)):
        day += direction
    return day


def _is_day_off(day: date) -> bool:
    return day.weekday() >= 5 or (day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 6)


def _plan_run(spec: DemoRun, number: int, course: Course, partner, trainers, venue: Venue | None):
    run = services.create_run(
        SYSTEM,
        RunPlan(
            course_id=course.id,
            partner_id=partner.id,
            capacity=spec.capacity,
            audience=spec.audience,
            delivery_format=spec.format,
            trainer_ids=tuple(trainers[i].id for i in spec.trainers),
        ),
    )
    first_day = _working_days(utcnow().date() + timedelta(days=spec.days_from_today), spec)
    starts = datetime.combine(first_day, spec.start)
    services.add_sessions(
        SYSTEM,
        run,
        SessionPlan(
            starts_local=starts,
            ends_local=starts + timedelta(hours=spec.hours),
            format=spec.format,
            venue_id=venue.id if venue else None,
            title="",
            meeting_url=MEETING_URL.format(code=partner.code.lower(), number=number)
            if spec.format != "in_person"
            else "",
        ),
        spec.repeat if spec.sessions > 1 else "none",
        spec.sessions,
    )
    return run


def _seat_past_trainees(run, trainees) -> None:
    """Past runs were filled before they started: their registrations are written as they were."""
    first = db.session.scalar(select(func.max(Registration.position)).where(Registration.run_id == run.id)) or 0
    for offset, trainee in enumerate(trainees[: run.capacity], start=1):
        db.session.add(
            Registration(
                run_id=run.id,
                user_id=trainee.id,
                status=RegistrationStatus.CONFIRMED,
                position=first + offset,
                created_at=run.starts_at - timedelta(days=20),
                registered_at=run.starts_at - timedelta(days=20),
                confirmed_at=run.starts_at - timedelta(days=20),
            )
        )
    db.session.flush()


def _eligible(spec: DemoRun, trainees_by_partner: dict, rng: random.Random) -> list:
    if spec.audience == "partner":
        pool = list(trainees_by_partner[spec.partner])
    else:
        pool = [t for code in PARTNERS for t in trainees_by_partner[code]]
    rng.shuffle(pool)
    return pool[: spec.registrants]


def _named_first(registrants: list, partner_trainees: list) -> list:
    """The partner's trainee.<partner> account first: the run a newcomer logs in to try."""
    named = next((t for t in partner_trainees if t.email.startswith("trainee.")), None)
    if named is None:
        return registrants
    return [named] + [t for t in registrants if t.id != named.id][: len(registrants) - 1]


def _seat_the_named_demo_trainees(trainees, runs) -> None:
    """trainee.<partner> accounts (printed by `demo load`) get a seat online and a place in line."""
    named = {t.email.split("@")[0]: t for t in trainees if t.email.startswith("trainee.")}
    online, athens_full, krakow_full = runs[len(PARTNERS)], runs[len(PARTNERS) + 2], runs[len(PARTNERS) + 3]
    wishes = [(trainee, online) for trainee in named.values()]
    wishes += [(named["trainee.lsk"], athens_full), (named["trainee.hbio"], krakow_full)]
    for trainee, run in wishes:
        registration = queries.registration_of(run, trainee)
        if registration is None or not registration.is_active:
            services.register(trainee, run)


def load_schedule(rng: random.Random, people: dict) -> dict:
    """Venues and runs with registrations; nothing (but a warning) when the catalogue is empty."""
    courses = _course_pool()
    if not courses:
        click.echo(
            _(
                "Warning: no courses in the catalogue, so no training runs were added. "
                "Load the catalogue first (flask content sync)."
            )
        )
        return {"runs": [], "venues": {}}
    partners = {p.code: p for p in {t.partner for t in people["trainees"]}}
    venues = _venues(partners)
    trainers = {code: [t for t in people["trainers"] if t.partner.code == code] for code in PARTNERS}
    trainees_by_partner = {code: [t for t in people["trainees"] if t.partner.code == code] for code in PARTNERS}
    runs = []
    for number, spec in enumerate(_runs(), start=1):
        venue = None if spec.format == "online" else venues[spec.partner][number % 2]
        run = _plan_run(
            spec, number, courses[number % len(courses)], partners[spec.partner], trainers[spec.partner], venue
        )
        runs.append(run)
        if spec.state == RunStatus.DRAFT:
            continue
        services.publish_run(SYSTEM, run)
        registrants = _eligible(spec, trainees_by_partner, rng)
        if spec.state == RunStatus.COMPLETED:
            _seat_past_trainees(run, registrants)
            services.complete_run(SYSTEM, run)
            continue
        if spec.days_from_today < 0:  # ended, not closed yet
            _seat_past_trainees(run, _named_first(registrants, trainees_by_partner[spec.partner]))
            continue
        for trainee in registrants:
            services.register(trainee, run)
        if spec.state == RunStatus.CANCELLED:
            services.cancel_run(SYSTEM, run, "Too few registrations: the course returns in the autumn.")
    _seat_the_named_demo_trainees(people["trainees"], runs)
    services.cancel_session(
        SYSTEM,
        runs[len(PARTNERS)].sessions[1],
        "The trainer is at the ESCA benchmarking meeting; session 3 covers this part.",
    )
    return {"runs": runs, "venues": venues}
