"""Trainers and coordinators write courses in the app; content courses stay read-only there."""

import pytest
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.catalogue.models import Course
from ecri_lms.catalogue.services import (
    CourseData,
    add_lesson,
    archive_lesson,
    create_course,
    move_lesson,
    set_course_archived,
    update_course,
    update_lesson,
)
from ecri_lms.infra.errors import Conflict, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db


def data(**changes) -> CourseData:
    values = dict(
        code="hbio-w1",
        title="Writing EU proposals",
        summary="A workshop.",
        level="advanced",
        audience=["cluster_staff"],
        formats=["in_person"],
        topic_codes=["FIN", "PROJ"],
        outcomes=["Draft a work package.", "  "],
        duration_hours=6,
        description="**Bring** a laptop.",
    )
    return CourseData(**(values | changes))


def test_a_trainer_creates_a_course_that_is_marked_as_written_in_the_app(make):
    make.topic("FIN"), make.topic("PROJ")
    trainer = make.trainer()

    course = create_course(trainer, data())
    db.session.commit()

    assert (course.code, course.source, course.created_by_id) == ("HBIO-W1", "app", trainer.id)
    assert [t.code for t in course.topics] == ["FIN", "PROJ"] and course.outcomes == ["Draft a work package."]
    assert "writing eu proposals" in course.search_text
    assert db.session.scalar(select(AuditEvent.action)) == "course.create"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"level": "beginner"}, "Choose a level."),
        ({"audience": []}, "Choose at least one audience."),
        ({"formats": ["telepathy"]}, "Choose at least one delivery format."),
        ({"topic_codes": ["NOPE"]}, "Choose at least one topic"),
        ({"outcomes": [" "]}, "Write at least one learning outcome."),
        ({"duration_hours": 0}, "more than zero hours"),
        ({"prerequisites": ["ZZ99"]}, "Prerequisites must be other existing courses."),
        ({"code": "1 bad code"}, "The code must be"),
    ],
)
def test_an_invalid_course_is_refused_with_a_reason(make, changes, message):
    make.topic("FIN"), make.topic("PROJ")

    with pytest.raises(ValidationError) as refused:
        create_course(make.trainer(), data(**changes))

    assert message in refused.value.message


def test_a_course_code_is_unique(make):
    make.topic("FIN"), make.topic("PROJ")
    make.course("HBIO-W1")

    with pytest.raises(Conflict):
        create_course(make.partner_coordinator(), data())


def test_trainees_and_admins_cannot_edit_the_catalogue(make):
    make.topic("FIN"), make.topic("PROJ")
    for user in (make.trainee(), make.admin()):
        with pytest.raises(PermissionDenied):
            create_course(user, data())


def test_an_app_course_is_edited_but_keeps_its_code(make):
    course = make.course("APP1", topics=("ECON",))
    make.topic("FIN"), make.topic("PROJ")

    update_course(make.trainer(), course, data(code="OTHER", title="New title"))
    db.session.commit()

    assert (course.code, course.title) == ("APP1", "New title")
    assert [t.code for t in course.topics] == ["FIN", "PROJ"]


def test_a_course_from_the_curriculum_files_is_read_only_in_the_app(make):
    course = make.course("CE01", source="content")
    trainer = make.trainer()

    for attempt in (
        lambda: update_course(trainer, course, data()),
        lambda: add_lesson(trainer, course, "Extra", 10, "Text"),
        lambda: move_lesson(trainer, course.active_lessons[1], -1),
        lambda: set_course_archived(trainer, course, True),
    ):
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert "flask content sync" in refused.value.message


def test_lessons_are_added_with_unique_slugs_and_edited(make):
    course = make.course("APP1", lessons=0)
    trainer = make.trainer()

    first = add_lesson(trainer, course, "Work packages", 30, "Text about work packages.")
    second = add_lesson(trainer, course, "Work packages", 20, "More.")
    update_lesson(trainer, first, "Work packages and budget", 35, "Now with a zebrafish.")
    db.session.commit()

    assert (first.slug, second.slug) == ("work-packages", "work-packages-2")
    assert [le.position for le in course.active_lessons] == [1, 2]
    assert first.title == "Work packages and budget" and "zebrafish" in course.search_text


def test_lessons_move_up_and_down_and_stay_put_at_the_ends(make):
    course = make.course("APP1", lessons=3)
    trainer = make.trainer()
    first, second, third = course.active_lessons

    move_lesson(trainer, third, -1)
    move_lesson(trainer, first, -1)
    move_lesson(trainer, first, 1)
    db.session.commit()
    db.session.expire_all()

    assert [le.slug for le in db.session.get(Course, course.id).active_lessons] == [third.slug, first.slug, second.slug]
    assert [le.position for le in db.session.get(Course, course.id).active_lessons] == [1, 2, 3]


def test_a_removed_lesson_is_archived_and_the_others_renumbered(make):
    course = make.course("APP1", lessons=3)
    trainee = make.trainee()
    make.enrolment(trainee, course)
    removed = course.active_lessons[0]
    make.progress(trainee, removed)

    archive_lesson(make.trainer(), removed)
    db.session.commit()

    assert removed.archived_at is not None and removed.id is not None
    assert [le.position for le in course.active_lessons] == [1, 2]


def test_an_app_course_is_archived_and_restored(make):
    course = make.course("APP1")
    coordinator = make.consortium_coordinator()

    set_course_archived(coordinator, course, True)
    assert course.is_archived
    set_course_archived(coordinator, course, False)
    assert not course.is_archived
