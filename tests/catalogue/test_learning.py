"""Self-paced study: enrolment, lesson views, lessons marked as done, progress and where I stopped."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ecri_lms.catalogue.models import Enrolment, LessonProgress
from ecri_lms.catalogue.services import (
    enrol,
    enrolment_of,
    lesson_progress_summary,
    lessons_viewed_by_course,
    lessons_viewed_summary,
    may_read_lessons,
    may_study,
    my_courses,
    record_lesson_view,
    set_lesson_done,
)
from ecri_lms.infra.errors import PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from tests.dbutil import counted_statements


def test_a_trainee_enrols_once_even_when_asking_twice(make):
    trainee, course = make.trainee(), make.course()

    first = enrol(trainee, course)
    second = enrol(trainee, course)
    db.session.commit()

    assert first.id == second.id
    assert len(db.session.scalars(select(Enrolment)).all()) == 1


def test_only_learners_enrol(make):
    with pytest.raises(PermissionDenied):
        enrol(make.trainer(), make.course())


def test_an_archived_course_takes_no_new_trainees(make):
    with pytest.raises(ValidationError):
        enrol(make.trainee(), make.course(archived=True))


def test_viewing_a_lesson_records_the_first_view_and_where_the_trainee_stopped(make):
    trainee, course = make.trainee(), make.course(lessons=3)
    enrolment = make.enrolment(trainee, course)
    first, second = course.active_lessons[:2]

    record_lesson_view(trainee, second)
    record_lesson_view(trainee, first)
    db.session.commit()

    rows = db.session.scalars(select(LessonProgress).where(LessonProgress.user_id == trainee.id)).all()
    assert {row.lesson_id for row in rows} == {first.id, second.id}
    assert all(row.first_viewed_at.tzinfo is not None and row.completed_at is None for row in rows)
    assert enrolment.last_lesson_id == first.id and enrolment.last_viewed_at is not None
    assert lessons_viewed_summary(trainee, course) == (2, 3)


def test_lessons_viewed_over_many_courses_count_current_lessons_in_one_query(make):
    trainee, other = make.trainee(), make.trainee()
    two, one, empty = make.course(lessons=2), make.course(lessons=3), make.course(lessons=0)
    make.progress(trainee, two.active_lessons[0], done=False)
    for lesson in one.active_lessons:
        make.progress(trainee, lesson)
    make.progress(other, two.active_lessons[1])
    one.active_lessons[2].archived_at = one.created_at
    db.session.commit()
    ids = [two.id, one.id, empty.id]
    db.session.refresh(trainee)
    with counted_statements() as statements:
        counts = lessons_viewed_by_course(trainee, ids)
    assert len(statements) == 1 and counts == {two.id: (1, 2), one.id: (2, 2), empty.id: (0, 0)}


def test_a_second_view_keeps_the_first_view_time(make):
    trainee, course = make.trainee(), make.course(lessons=1)
    make.enrolment(trainee, course)
    lesson = course.active_lessons[0]
    record_lesson_view(trainee, lesson)
    first_seen = db.session.scalar(select(LessonProgress)).first_viewed_at

    record_lesson_view(trainee, lesson)

    assert db.session.scalar(select(LessonProgress)).first_viewed_at == first_seen


def test_staff_previews_are_not_recorded(make):
    course = make.course(lessons=1)

    record_lesson_view(make.trainer(), course.active_lessons[0])

    assert db.session.scalars(select(LessonProgress)).all() == []


def test_marking_done_and_undone_moves_the_progress(make):
    trainee, course = make.trainee(), make.course(lessons=4)
    make.enrolment(trainee, course)
    lessons = course.active_lessons

    set_lesson_done(trainee, lessons[0])
    set_lesson_done(trainee, lessons[1])
    set_lesson_done(trainee, lessons[1], done=False)

    assert lesson_progress_summary(trainee, course) == (1, 4)


def test_progress_only_counts_the_course_current_lessons(make):
    trainee, course = make.trainee(), make.course(lessons=3)
    make.enrolment(trainee, course)
    first, second, _third = course.active_lessons
    make.progress(trainee, first)
    make.progress(trainee, second)
    second.archived_at = first.course.created_at
    db.session.commit()

    assert lesson_progress_summary(trainee, course) == (1, 2)


def test_a_trainee_who_is_not_enrolled_cannot_mark_lessons_done(make):
    course = make.course(lessons=1)

    with pytest.raises(PermissionDenied):
        set_lesson_done(make.trainee(), course.active_lessons[0])


def test_a_seat_on_a_run_of_the_course_lets_a_trainee_study_it_without_enrolling(make):
    trainee, course = make.trainee(), make.course(lessons=1)
    make.registration(make.run(course), trainee)

    set_lesson_done(trainee, course.active_lessons[0])

    assert lesson_progress_summary(trainee, course) == (1, 1) and enrolment_of(trainee, course) is None


def test_a_user_has_one_progress_row_per_lesson(make):
    trainee, course = make.trainee(), make.course(lessons=1)
    make.progress(trainee, course.active_lessons[0])

    with pytest.raises(IntegrityError):
        make.progress(trainee, course.active_lessons[0])
    db.session.rollback()


def test_my_courses_lists_the_most_recently_studied_first_with_where_to_resume(make):
    trainee = make.trainee()
    older, newer, untouched = make.course(lessons=2), make.course(lessons=2), make.course(lessons=2)
    for course in (older, newer, untouched):
        make.enrolment(trainee, course)
    record_lesson_view(trainee, older.active_lessons[1])
    record_lesson_view(trainee, newer.active_lessons[0])
    set_lesson_done(trainee, newer.active_lessons[0])
    set_lesson_done(trainee, newer.active_lessons[1])
    db.session.commit()

    items = my_courses(trainee)

    assert [item.course.code for item in items][:2] == [newer.code, older.code]
    assert items[0].finished and (items[0].done, items[0].total) == (2, 2)
    assert items[1].resume_lesson.id == older.active_lessons[1].id
    assert items[2].resume_lesson.id == untouched.active_lessons[0].id and not items[2].finished


def test_study_access_is_read_once_and_follows_an_enrolment_in_the_same_transaction(make):
    trainee, course = make.trainee(), make.course()
    user_id, course_id = trainee.id, course.id

    with counted_statements() as statements:
        trainee, course = db.session.get(type(trainee), user_id), db.session.get(type(course), course_id)
        answers = [may_study(trainee, course), may_study(trainee, course), may_read_lessons(trainee, course)]
        asked = len(statements)
        enrol(trainee, course)

    assert answers == [False, False, False]
    # The user and the course, then once each: the enrolment, the run-registration rule, the roles (staff may read).
    assert asked == 5
    assert may_study(trainee, course) and enrolment_of(trainee, course) is not None


def _my_courses_statements(trainee) -> int:
    user_id = trainee.id
    with counted_statements() as statements:
        items = my_courses(db.session.get(type(trainee), user_id))
        [(item.course.title, item.resume_lesson and item.resume_lesson.title, item.done) for item in items]
    return len(statements)


def test_my_courses_reads_as_many_statements_for_three_courses_as_for_one(make):
    trainee = make.trainee()
    first = make.course(lessons=2)
    make.enrolment(trainee, first)
    make.progress(trainee, first.active_lessons[0])
    one = _my_courses_statements(trainee)
    for course in (make.course(lessons=3), make.course(lessons=1)):
        make.enrolment(trainee, course)
        record_lesson_view(trainee, course.active_lessons[0])
    db.session.commit()

    assert _my_courses_statements(trainee) == one
