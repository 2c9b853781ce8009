"""Fixtures of the certificates tests: a run that has ended, with a trainee on it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import insert

from ecri_lms.catalogue.models import LessonProgress
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow


@dataclass
class Held:
    run: object
    trainee: object
    coordinator: object
    make: object

    @property
    def course(self):
        return self.run.course


def view_all_lessons(make, user, course) -> None:
    for lesson in course.active_lessons:
        make.progress(user, lesson, done=False)


def view_all_lessons_unheard(user, course) -> None:
    """Lessons viewed by a writer the completion events do not hear (a Core insert: an import, data older
    than them): completion then waits for an evaluation."""
    rows = [
        {"user_id": user.id, "lesson_id": lesson.id, "first_viewed_at": utcnow()} for lesson in course.active_lessons
    ]
    db.session.execute(insert(LessonProgress), rows)
    db.session.commit()


@pytest.fixture
def held(make):
    """A two-session run of LSK that ended a week ago, one confirmed trainee, LSK's coordinator."""
    course = make.course(title="Regulatory pathways for health products", lessons=2)
    trainer = make.trainer("LSK", name="Νίκος Παπαδόπουλος")
    run = make.run(course, partner="LSK", starts_in=timedelta(days=-9), sessions=2, hours=3, trainers=[trainer])
    trainee = make.trainee("LSK", name="Łukasz Żółć")
    make.registration(run, trainee)
    db.session.commit()
    return Held(run, trainee, make.partner_coordinator("LSK"), make)
