"""The catalogue's part of a person's data download: what they study and how far they got."""

from sqlalchemy import select

from ..infra.extensions import db
from .models import Course, Enrolment, Lesson, LessonProgress


def export(user) -> dict:
    enrolments = db.session.execute(
        select(Enrolment, Course.code, Course.title)
        .join(Course, Course.id == Enrolment.course_id)
        .where(Enrolment.user_id == user.id)
        .order_by(Enrolment.enrolled_at)
    ).all()
    progress = db.session.execute(
        select(LessonProgress, Lesson.title, Course.code)
        .join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(LessonProgress.user_id == user.id)
        .order_by(LessonProgress.first_viewed_at)
    ).all()
    return {
        "enrolments": [
            {"course": code, "title": title, "enrolled_at": e.enrolled_at.isoformat()} for e, code, title in enrolments
        ],
        "lesson_progress": [
            {
                "course": code,
                "lesson": title,
                "first_viewed_at": p.first_viewed_at.isoformat(),
                "completed_at": p.completed_at.isoformat() if p.completed_at else None,
            }
            for p, title, code in progress
        ],
    }
