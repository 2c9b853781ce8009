"""How quizzes plug into the rest: loaded by `flask content sync`, shown on course pages."""

from pathlib import PurePosixPath

from ..catalogue.content import ContentError, ContentInvalid, CourseSource, register_course_sync_hook
from ..catalogue.panels import register_course_panel
from .learners import may_take_quizzes
from .services import course_grades
from .services.content import check_course_quizzes, load_course_quizzes


def _entries(source: CourseSource) -> list[dict]:
    return [
        dict(
            slug=q.slug,
            title=q.title,
            pass_mark=q.pass_mark,
            attempts=q.attempts,
            time_limit_minutes=q.time_limit_minutes,
            shuffle=q.shuffle,
            file=PurePosixPath(q.rel).relative_to(source.rel_dir).as_posix(),
            **q.review,
        )
        for q in source.quizzes
    ]


def _content_errors(source: CourseSource, problems) -> list[ContentError]:
    return [ContentError(f"{source.rel_dir}/{file}", line, message) for file, line, message in problems]


def check_quizzes(source: CourseSource) -> list[ContentError]:
    return _content_errors(source, check_course_quizzes(source.directory, _entries(source)))


def apply_quizzes(source: CourseSource, course) -> None:
    problems = load_course_quizzes(course, source.directory, _entries(source))
    if problems:
        raise ContentInvalid(_content_errors(source, problems))


# Version 2: what a finished attempt shows comes from the files too. Version 3: questions matched by their
# [id:…], and the quizzes' translations (translations/<lang>/<quiz file>).
register_course_sync_hook("assessment.quizzes", check=check_quizzes, apply=apply_quizzes, version="3")
register_course_panel(
    "assessment.quizzes",
    30,
    "assessment/_course_panel.html",
    visible=lambda user, course: may_take_quizzes(user, course),
    context=lambda user, course: {"course": course, "grades": course_grades(user, course)},
)
