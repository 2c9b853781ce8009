"""Demo data for the catalogue: the real curriculum, and trainees part-way through some courses."""

import random

import click
from flask import current_app
from sqlalchemy import select

from ..infra.extensions import db
from ..infra.i18n import gettext as _
from .content import ContentInvalid, sync_content
from .models import Course
from .services import enrol, record_lesson_view, set_lesson_done

ENROLMENTS_PER_TRAINEE = (0, 3)


def load_catalogue(rng: random.Random, people: dict) -> list:
    """Sync CONTENT_DIR, then enrol trainees in a few courses with some lessons done."""
    try:
        report = sync_content(current_app.config["CONTENT_DIR"])
    except ContentInvalid as invalid:
        problems = "\n".join(map(str, invalid.errors))
        raise click.ClickException(_("The curriculum has errors:") + "\n" + problems) from invalid
    courses = [c for c in _synced_courses(report) if c.active_lessons]
    for trainee in people.get("trainees", []):
        if not courses:
            break
        for course in rng.sample(courses, min(len(courses), rng.randint(*ENROLMENTS_PER_TRAINEE))):
            _study(rng, trainee, course)
    db.session.flush()
    return courses


def _synced_courses(report) -> list:
    codes = report.created + report.updated + report.unchanged
    return list(db.session.scalars(select(Course).where(Course.code.in_(codes)).order_by(Course.code)))


def view_lessons(trainee, lessons: list, viewed_at) -> None:
    """A learner of the course opens each lesson and marks it done, at `viewed_at` (demo history)."""
    for lesson in lessons:
        record_lesson_view(trainee, lesson)
        progress = set_lesson_done(trainee, lesson)
        progress.first_viewed_at = progress.completed_at = min(progress.first_viewed_at, viewed_at)
    db.session.flush()


def _study(rng: random.Random, trainee, course) -> None:
    enrol(trainee, course)
    lessons = course.active_lessons
    for lesson in lessons[: rng.randint(0, len(lessons))]:
        record_lesson_view(trainee, lesson)
        if rng.random() < 0.8:
            set_lesson_done(trainee, lesson)
