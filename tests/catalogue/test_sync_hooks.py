"""Other areas load extra course files through sync hooks, inside the same all-or-nothing sync."""

import pytest
from sqlalchemy import func, select

from ecri_lms.catalogue.content import (
    ContentError,
    ContentInvalid,
    register_course_sync_hook,
    sync_content,
    unregister_course_sync_hook,
)
from ecri_lms.catalogue.models import Course
from ecri_lms.infra.extensions import db
from tests.catalogue.util import edit


@pytest.fixture
def hook():
    """A recording hook, registered for one test; `fail_check`/`fail_apply` make it refuse a course."""
    calls = {"checked": [], "applied": [], "fail_check": None, "fail_apply": None}

    def check(source):
        calls["checked"].append(source.code)
        if source.code == calls["fail_check"]:
            quiz = source.quizzes[0]
            return [ContentError(quiz.rel, 3, "broken GIFT: missing closing brace")]
        return []

    def apply(source, course):
        calls["applied"].append((source.code, course.code, [q.slug for q in source.quizzes]))
        if source.code == calls["fail_apply"]:
            raise ContentInvalid([ContentError(source.index_rel, source.quizzes[0].line, "quiz refused")])

    register_course_sync_hook("test-quizzes", check=check, apply=apply)
    yield calls
    unregister_course_sync_hook("test-quizzes")


def test_hooks_check_and_apply_every_new_or_changed_course(content_dir, hook):
    sync_content(content_dir)

    assert hook["checked"] == ["TA01", "TA02", "TB03"]
    assert ("TA01", "TA01", ["final"]) in hook["applied"] and len(hook["applied"]) == 3


def test_hooks_are_not_applied_to_unchanged_courses(content_dir, hook):
    sync_content(content_dir)
    hook["applied"].clear()
    edit(content_dir / "courses" / "TA01" / "quiz.gift", "nothing", "chance")

    sync_content(content_dir)

    assert [code for code, _course, _quizzes in hook["applied"]] == ["TA01"]


def test_a_hook_check_error_refuses_the_whole_sync_with_its_file_and_line(runner, content_dir, hook):
    hook["fail_check"] = "TA01"

    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code == 1
    assert "courses/TA01/quiz.gift:3: broken GIFT: missing closing brace" in result.output
    assert hook["applied"] == [] and db.session.scalar(select(func.count()).select_from(Course)) == 0


def test_a_hook_refusing_during_apply_rolls_everything_back(runner, content_dir, hook):
    hook["fail_apply"] = "TA01"

    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code == 1
    assert "courses/TA01/index.md:15: quiz refused" in result.output
    assert db.session.scalar(select(func.count()).select_from(Course)) == 0


def test_a_new_hook_reaches_courses_whose_files_did_not_change(content_dir):
    sync_content(content_dir)
    applied = []
    register_course_sync_hook(
        "late-hook", check=lambda source: [], apply=lambda source, course: applied.append(source.code)
    )
    try:
        report = sync_content(content_dir)
    finally:
        unregister_course_sync_hook("late-hook")

    assert applied == ["TA01", "TA02", "TB03"] and report.updated == ["TA01", "TA02", "TB03"]
