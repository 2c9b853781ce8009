"""Quizzes of content courses: the real curriculum loads through the importer, idempotently."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.assessment.models import Question, Quiz, QuizSlot
from ecri_lms.assessment.services import (
    check_course_quizzes,
    create_quiz,
    load_course_quizzes,
    read_quiz_entries,
    sync_content_quizzes,
)
from ecri_lms.infra.extensions import db
from tests.assessment import builders

CONTENT_DIR = Path(__file__).resolve().parents[2] / "course_content"
COURSE_CODES = sorted(path.name for path in (CONTENT_DIR / "courses").iterdir() if (path / "index.md").is_file())


def snapshot():
    """Everything a reload could change, to compare before and after."""
    return (
        sorted(db.session.execute(select(Question.id, Question.fingerprint, Question.archived_at)).all()),
        sorted(db.session.execute(select(QuizSlot.id, QuizSlot.quiz_id, QuizSlot.question_id)).all()),
        sorted(db.session.execute(select(Quiz.id, Quiz.slug, Quiz.pass_mark, Quiz.updated_at)).all()),
    )


def test_every_quiz_of_the_real_curriculum_loads_with_no_error(t0):
    for code in COURSE_CODES:
        builders.course(code=code, source="content")
    report = sync_content_quizzes(CONTENT_DIR)
    db.session.commit()
    assert report.problems == []
    assert report.courses == COURSE_CODES and report.quizzes == 16
    quizzes = db.session.scalars(select(Quiz)).all()
    assert len(quizzes) == 16 and all(quiz.source == "content" and quiz.slots for quiz in quizzes)
    ce01 = next(quiz for quiz in quizzes if quiz.course.code == "CE01")
    assert (
        ce01.slug,
        ce01.title,
        ce01.pass_mark,
        ce01.attempts_allowed,
        ce01.time_limit_minutes,
        ce01.shuffle_questions,
        ce01.shuffle_answers,
    ) == ("final", "Final quiz", 70, 3, 30, True, True)
    reflection = next(quiz for quiz in quizzes if quiz.course.code == "CE03" and quiz.slug == "reflection")
    assert [slot.question.qtype for slot in reflection.slots] == ["essay"]

    before = snapshot()
    again = sync_content_quizzes(CONTENT_DIR)
    db.session.commit()
    assert again.problems == [] and snapshot() == before


def write_course(tmp_path, gift: str, quizzes: str) -> Path:
    course_dir = tmp_path / "courses" / "TC1"
    course_dir.mkdir(parents=True, exist_ok=True)
    (course_dir / "index.md").write_text(f"---\ncode: TC1\ntitle: Test\nquizzes:\n{quizzes}---\nBody\n")
    (course_dir / "quiz.gift").write_text(gift)
    return course_dir


QUIZ_ENTRY = (
    "  - slug: final\n    title: Final quiz\n    file: quiz.gift\n    pass_mark: 60\n"
    "    attempts: 2\n    time_limit_minutes: 0\n    shuffle: false\n"
)


def test_a_broken_question_is_reported_with_file_and_line_and_the_rest_loads(tmp_path):
    course = builders.course(code="TC1", source="content")
    course_dir = write_course(
        tmp_path, "$CATEGORY: TC1/final\n\n::a::A?{T}\n\n::b::Broken{=x ~%zz%y}\n\n::c::C?{F}\n", QUIZ_ENTRY
    )
    entries, problems = read_quiz_entries(course_dir / "index.md")
    assert problems == []
    expected = [("quiz.gift", 5, "Bad weight at '%zz%y': write it as %50% or %-25%.")]
    assert check_course_quizzes(course_dir, entries) == expected
    assert db.session.scalar(select(func.count(Question.id))) == 0  # checking writes nothing
    assert load_course_quizzes(course, course_dir, entries) == expected
    quiz = db.session.scalar(select(Quiz))
    assert [slot.question.name for slot in quiz.slots] == ["a", "c"]


def test_an_edited_file_updates_the_quiz_and_archives_the_dropped_question(tmp_path):
    course = builders.course(code="TC1", source="content")
    course_dir = write_course(tmp_path, "::a::A?{T}\n\n::b::B?{T}\n", QUIZ_ENTRY)
    entries, _ = read_quiz_entries(course_dir / "index.md")
    load_course_quizzes(course, course_dir, entries)
    write_course(tmp_path, "::a::A?{T}\n\n::b::B, reworded?{T}\n", QUIZ_ENTRY.replace("pass_mark: 60", "pass_mark: 80"))
    entries, _ = read_quiz_entries(course_dir / "index.md")
    assert load_course_quizzes(course, course_dir, entries) == []
    quiz = db.session.scalar(select(Quiz))
    assert quiz.pass_mark == 80 and [slot.question.text for slot in quiz.slots] == ["A?", "B, reworded?"]
    archived = db.session.scalars(select(Question.text).where(Question.archived_at.is_not(None))).all()
    assert archived == ["B?"]


def test_a_quiz_no_longer_named_is_archived_and_a_missing_file_reported(tmp_path):
    course = builders.course(code="TC1", source="content")
    course_dir = write_course(tmp_path, "::a::A?{T}\n", QUIZ_ENTRY)
    entries, _ = read_quiz_entries(course_dir / "index.md")
    load_course_quizzes(course, course_dir, entries)
    assert load_course_quizzes(course, course_dir, []) == []
    assert db.session.scalar(select(Quiz)).is_archived
    missing = [{**entries[0], "file": "gone.gift"}]
    assert load_course_quizzes(course, course_dir, missing) == [
        ("gone.gift", None, "missing: the front matter names this quiz file")
    ]


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"slug": "final", "title": "T", "file": "../x.gift", "pass_mark": 50}, "inside the course folder"),
        ({"slug": "final", "title": "T", "file": "quiz.gift", "pass_mark": 150}, "pass_mark must be a whole number"),
        ({"slug": "Final!", "title": "T", "file": "quiz.gift", "pass_mark": 50}, "slug must be"),
        ({"slug": "final", "title": "T", "file": "quiz.gift"}, "missing pass_mark"),
        ({"slug": "final", "title": "T", "file": "quiz.gift", "pass_mark": 5, "colour": "red"}, "unknown field"),
    ],
)
def test_a_bad_front_matter_entry_is_reported(tmp_path, entry, message):
    course_dir = write_course(tmp_path, "::a::A?{T}\n", QUIZ_ENTRY)
    problems = check_course_quizzes(course_dir, [entry])
    assert problems and problems[0][0] == "index.md" and message in problems[0][2]


@pytest.mark.parametrize(
    "review, message",
    [
        ({"answers_shown": "after_close"}, "'Right answers are shown: after the quiz closes' needs a closing time"),
        ({"feedback_shown": "after_close"}, "'Feedback is shown: after the quiz closes' needs a closing time"),
        ({"answers_shown": "sometimes"}, "answers_shown: 'sometimes' must be one of immediately, after_close, never"),
    ],
)
def test_review_options_a_course_file_cannot_honour_are_refused(tmp_path, review, message):
    course_dir = write_course(tmp_path, "::a::A?{T}\n", QUIZ_ENTRY)
    entry = {"slug": "final", "title": "T", "file": "quiz.gift", "pass_mark": 50, **review}
    [(file, _line, problem)] = check_course_quizzes(course_dir, [entry])
    assert file == "index.md" and message in problem


def test_the_review_options_of_the_file_are_loaded_and_default_to_feedback_only(tmp_path):
    course = builders.course(code="TC1", source="content")
    course_dir = write_course(tmp_path, "::a::A?{T}\n", QUIZ_ENTRY + "    answers_shown: immediately\n")
    entries, _ = read_quiz_entries(course_dir / "index.md")
    assert load_course_quizzes(course, course_dir, entries) == []
    quiz = db.session.scalar(select(Quiz))
    assert (quiz.feedback_shown, quiz.answers_shown) == ("immediately", "immediately")
    assert (
        load_course_quizzes(course, course_dir, [{k: v for k, v in entries[0].items() if k != "answers_shown"}]) == []
    )
    assert (quiz.feedback_shown, quiz.answers_shown) == ("immediately", "never")


def test_content_sync_check_refuses_answers_after_close(app, runner, tmp_path):
    source = Path(app.config["CONTENT_DIR"])
    (tmp_path / "courses").mkdir()
    shutil.copy(source / "topics.yaml", tmp_path / "topics.yaml")
    shutil.copytree(source / "courses" / "CE01", tmp_path / "courses" / "CE01")
    index = tmp_path / "courses" / "CE01" / "index.md"
    assert runner.invoke(args=["content", "sync", "--check", "--dir", str(tmp_path)]).exit_code == 0
    index.write_text(index.read_text().replace("answers_shown: immediately", "answers_shown: after_close"))
    refused = runner.invoke(args=["content", "sync", "--check", "--dir", str(tmp_path)])
    assert refused.exit_code != 0
    assert "courses/CE01/index.md: quiz 'final': 'Right answers are shown: after the quiz closes'" in refused.output


def test_the_shipped_ce01_quiz_shows_its_answers_after_an_attempt():
    entries, problems = read_quiz_entries(CONTENT_DIR / "courses" / "CE01" / "index.md")
    assert problems == [] and entries[0]["answers_shown"] == "immediately"


def test_an_app_quiz_with_the_same_slug_is_not_taken_over(tmp_path):
    course = builders.course(code="TC1", source="content")
    create_quiz(SYSTEM, course, slug="final", title="Made by hand")
    course_dir = write_course(tmp_path, "::a::A?{T}\n", QUIZ_ENTRY)
    entries, _ = read_quiz_entries(course_dir / "index.md")
    problems = load_course_quizzes(course, course_dir, entries)
    assert "made in the app" in problems[0][2]
    assert db.session.scalar(select(Quiz)).title == "Made by hand"


def test_unreadable_front_matter_is_reported(tmp_path):
    index = tmp_path / "index.md"
    index.write_text("no front matter\n")
    assert read_quiz_entries(index)[1][0][2].startswith("no front matter")
    index.write_text("---\nquizzes: [a\n---\n")
    assert "invalid YAML" in read_quiz_entries(index)[1][0][2]
