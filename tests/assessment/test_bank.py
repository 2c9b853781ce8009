"""The question bank: GIFT import reports, no duplicates, export that imports back, quizzes and slots."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.assessment.models import Question, QuestionCategory
from ecri_lms.assessment.services import (
    add_fixed_slot,
    categories_of,
    create_quiz,
    decode_gift,
    export_gift,
    import_gift,
    remove_slot,
    set_archived,
    update_quiz,
)
from ecri_lms.infra.errors import Conflict, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from tests.assessment import builders

ALL_FEATURES = (Path(__file__).parent / "data" / "all_features.gift").read_text(encoding="utf-8")

BROKEN_IN_THE_MIDDLE = """// two good questions around two broken ones
$CATEGORY: CE01/final

::good one::Is a cluster a place?{T}

::no block::This question forgot its answers.

::bad weight::Pick one.{=a ~%abc%b}

::good two::What is 2 + 2?{#4}
"""


def question_count(course) -> int:
    return db.session.scalar(select(func.count(Question.id)).where(Question.course_id == course.id))


def fingerprints(course) -> set[str]:
    return set(db.session.scalars(select(Question.fingerprint).where(Question.course_id == course.id)))


def test_an_import_reports_what_it_created(make):
    course = builders.course()
    report = import_gift(make.trainer(), course, ALL_FEATURES, source_file="all_features.gift")
    assert report.errors == []
    assert len(report.created) == 15 and report.existing == []
    assert report.categories_created == ["", "ECRI/cluster economics", "ECRI/true false"]
    assert {c.category.path: c.active for c in categories_of(course)} == {
        "": 1,
        "ECRI/cluster economics": 3,
        "ECRI/true false": 11,
    }
    qtypes = {question.qtype for question in report.created}
    assert qtypes == {
        "single_choice",
        "multiple_response",
        "true_false",
        "short_answer",
        "numerical",
        "matching",
        "essay",
    }
    assert report.created[1].source_line == 8 and report.created[1].source_file == "all_features.gift"


def test_a_broken_question_in_the_middle_is_reported_with_its_line_and_the_rest_imported(make):
    course = builders.course()
    report = import_gift(make.trainer(), course, BROKEN_IN_THE_MIDDLE)
    assert [question.name for question in report.created] == ["good one", "good two"]
    assert [(error.line, error.message) for error in report.errors] == [
        (6, "No answer block {…}; an essay question ends with {}."),
        (8, "Bad weight at '%abc%b': write it as %50% or %-25%."),
    ]
    assert "2 questions created" in report.summary() and "2 could not be read" in report.summary()


def test_a_category_path_too_long_to_store_is_reported(make):
    report = import_gift(make.trainer(), builders.course(), f"$CATEGORY: {'x' * 256}\n\n::a::A?{{T}}\n")
    assert report.created == [] and [(e.line, e.message) for e in report.errors] == [
        (3, "The category path is longer than 255 characters.")
    ]


def test_importing_the_same_file_twice_creates_nothing_new(make):
    course = builders.course()
    trainer = make.trainer()
    import_gift(trainer, course, ALL_FEATURES)
    again = import_gift(trainer, course, ALL_FEATURES)
    assert again.created == [] and len(again.existing) == 15 and again.categories_created == []
    assert question_count(course) == 15
    assert db.session.scalar(select(func.count(QuestionCategory.id))) == 3


def test_the_same_question_in_another_course_is_another_question(make):
    trainer = make.trainer()
    first, second = builders.course(), builders.course()
    import_gift(trainer, first, ALL_FEATURES)
    assert len(import_gift(trainer, second, ALL_FEATURES).created) == 15


def test_an_export_imports_back_to_the_same_questions(make):
    trainer = make.trainer()
    source, target = builders.course(), builders.course()
    import_gift(trainer, source, ALL_FEATURES)
    exported = export_gift(trainer, source)
    assert exported.skipped == []
    assert exported.text.startswith(f"// Question bank of {source.code}")
    report = import_gift(trainer, target, exported.text)
    assert report.errors == [] and len(report.created) == 15
    assert fingerprints(target) == fingerprints(source)
    assert import_gift(trainer, source, exported.text).created == []


def test_an_export_names_the_questions_gift_cannot_express(make):
    course = builders.course()
    questions = builders.bank(course, "::arrow::Type it.{=ab}\n\n::fine::Fine?{T}")
    # Made in the app, not in GIFT: an accepted answer that GIFT would read as a matching pair.
    questions["arrow"].spec = {"answers": [{"text": "a->b", "weight": 100, "feedback": ""}], "case_sensitive": False}
    exported = export_gift(make.trainer(), course)
    assert [question.name for question, _ in exported.skipped] == ["arrow"]
    assert "// Not exported: 'arrow'" in exported.text and "::fine::" in exported.text


def test_archived_questions_are_not_exported_and_come_back_when_imported_again(make):
    trainer = make.trainer()
    course = builders.course()
    questions = builders.bank(course, "::one::One?{T}\n\n::two::Two?{F}")
    set_archived(trainer, questions["one"], True)
    assert "::one::" not in export_gift(trainer, course).text
    report = import_gift(trainer, course, "::one::One?{T}")
    assert report.created == [] and not questions["one"].is_archived


def test_a_question_in_a_quiz_cannot_be_archived(make):
    quiz = builders.quiz(text="::one::One?{T}")
    with pytest.raises(ValidationError, match="remove it from the quiz first"):
        set_archived(make.trainer(), quiz.slots[0].question, True)


def test_imports_are_audited(make):
    course = builders.course()
    import_gift(make.trainer(), course, BROKEN_IN_THE_MIDDLE)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "question_bank.import"))
    assert event.details["created"] == 2 and event.details["errors"] == 2


def test_trainees_cannot_import_or_export(make):
    trainee, course = make.trainee(), builders.course()
    with pytest.raises(PermissionDenied):
        import_gift(trainee, course, ALL_FEATURES)
    with pytest.raises(PermissionDenied):
        export_gift(trainee, course)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\xff\xfe::a::A{T}", "not UTF-8"),
        (b"x" * (1024 * 1024 + 1), "too large: at most 1 MB"),
    ],
)
def test_an_unreadable_upload_is_refused(data, message):
    with pytest.raises(ValidationError, match=message):
        decode_gift(data)


# A NUL character anywhere in a GIFT file: answer, text, title, category, feedback, comment, alone.
NUL_IN_GIFT = [
    ("::a::Pick one.{=yes\x00 ~no}", 1),
    ("::a::Pick\x00 one.{T}", 1),
    ("::a\x00b::Pick one.{T}", 1),
    ("$CATEGORY: x\x00y\n\n::a::A?{T}", 1),
    ("::ok::Fine?{T}\n\n::a::A?{T#no\x00#yes}", 3),
    ("// a comment \x00\n::a::A?{T}", 1),
    ("::ok::Fine?{T}\n\n\x00\n", 3),
]


@pytest.mark.parametrize("text, line", NUL_IN_GIFT)
def test_a_gift_text_with_a_nul_character_is_refused_whole(make, text, line):
    course = builders.course()
    with pytest.raises(ValidationError, match=f"NUL character on line {line}"):
        import_gift(make.trainer(), course, text)
    assert question_count(course) == 0


def _questions(count: int) -> str:
    return "\n\n".join(f"::q{number}::Question {number}?{{T}}" for number in range(count))


def test_an_import_is_limited_to_1000_questions(make):
    course = builders.course()
    with pytest.raises(ValidationError, match="1,001 questions: at most 1,000 can be imported at once"):
        import_gift(make.trainer(), course, _questions(1001))
    assert question_count(course) == 0
    assert len(import_gift(make.trainer(), course, _questions(1000)).created) == 1000


def test_the_gift_limits_are_settings(app, make, monkeypatch):
    monkeypatch.setitem(app.config, "GIFT_IMPORT_MAX_QUESTIONS", 2)
    monkeypatch.setitem(app.config, "GIFT_IMPORT_MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="3 questions: at most 2 can be imported at once"):
        import_gift(make.trainer(), builders.course(), _questions(3))
    with pytest.raises(ValidationError, match="too large: at most 100 bytes"):
        decode_gift(b"x" * 101)


def test_an_upload_with_a_bom_is_read():
    assert decode_gift("\ufeff::a::A?{T}".encode()) == "::a::A?{T}"


# Quizzes and slots -------------------------------------------------------------------------------


def test_a_quiz_slug_is_unique_in_its_course(make):
    course = builders.course()
    create_quiz(SYSTEM, course, slug="final", title="Final")
    with pytest.raises(Conflict):
        create_quiz(SYSTEM, course, slug="final", title="Again")
    with pytest.raises(ValidationError, match="short name"):
        create_quiz(SYSTEM, course, slug="Not A Slug", title="Bad")


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"pass_mark": 101}, "between 0 and 100"),
        ({"attempts_allowed": -1}, "cannot be negative"),
        ({"grading_method": "best"}, "Unknown grading method"),
        ({"feedback_shown": "sometimes"}, "Unknown review option"),
        ({"answers_shown": "after_close"}, "needs a closing time"),
        ({"title": "  "}, "needs a title"),
    ],
)
def test_quiz_settings_are_checked(settings, message):
    quiz = builders.quiz(text="::one::One?{T}")
    with pytest.raises(ValidationError, match=message):
        update_quiz(SYSTEM, quiz, **settings)


def test_a_quiz_must_close_after_it_opens(t0):
    from datetime import timedelta

    quiz = builders.quiz(text="::one::One?{T}")
    with pytest.raises(ValidationError, match="close after it opens"):
        update_quiz(SYSTEM, quiz, opens_at=t0, closes_at=t0 - timedelta(hours=1))


def test_slots_take_questions_of_the_course_once_each(make):
    quiz = builders.quiz(text="::one::One?{T}")
    question = quiz.slots[0].question
    with pytest.raises(Conflict):
        add_fixed_slot(SYSTEM, quiz, question)
    foreign = builders.bank(builders.course(), "::x::X?{T}")["x"]
    with pytest.raises(ValidationError, match="this course's bank"):
        add_fixed_slot(SYSTEM, quiz, foreign)
    remove_slot(SYSTEM, quiz, quiz.slots[0].id)
    assert quiz.slots == []


def test_a_content_quiz_keeps_what_its_files_say(make):
    quiz = builders.quiz(text="::one::One?{T}")
    quiz.source = "content"
    with pytest.raises(ValidationError, match="course_content"):
        update_quiz(make.trainer(), quiz, pass_mark=10)
    with pytest.raises(ValidationError, match="GIFT file"):
        remove_slot(make.trainer(), quiz, quiz.slots[0].id)
    update_quiz(make.trainer(), quiz, grading_method="last", pass_mark=quiz.pass_mark)
    assert quiz.grading_method == "last"
