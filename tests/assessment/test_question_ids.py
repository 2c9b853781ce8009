"""Stable question ids: GIFT `// [id:…]` lines are kept, and content sync matches a question by its id, so a
corrected text stays the same question while no attempt's score ever changes under it."""

from sqlalchemy import select

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.assessment.gift import parse_gift
from ecri_lms.assessment.models import AttemptAnswer, Question, Quiz
from ecri_lms.assessment.services import import_gift, start_attempt, submit_attempt
from ecri_lms.infra.extensions import db
from tests.assessment import builders
from tests.assessment.translated_quiz import ORIGINAL, load, write


def test_the_importer_keeps_the_id_of_a_question_and_its_tags_stay_comments():
    result = parse_gift(
        "$CATEGORY: CE01/final\n\n// [id:CE01-final-01]\n// [tag:scenario]\n::a::A?{T}\n\n"
        "// [id:not-mine]\n\n::b::B?{\n// [id:inside-the-answers]\n=yes\n~no\n}\n\n::c::C?{F}\n"
    )
    assert result.ok
    assert [(q.question.name, q.idnumber) for q in result.questions] == [
        ("a", "CE01-final-01"),
        ("b", None),
        ("c", None),
    ]
    assert result.questions[0].fingerprint == parse_gift("$CATEGORY: CE01/final\n::a::A?{T}").questions[0].fingerprint
    assert result.questions[0].category == "CE01/final"


def test_a_question_with_two_ids_or_a_malformed_id_is_reported_with_its_line():
    result = parse_gift(
        "// [id:one]\n// [id:two]\n::a::A?{T}\n\n// [id:with space]\n::b::B?{T}\n\n// [id:]\n::c::C?{T}\n"
    )
    assert [(error.line, error.message.split(":")[0]) for error in result.errors] == [
        (3, "The question has 2 [id"),
        (6, "Bad question id 'with space'"),
        (9, "Bad question id ''"),
    ]


def test_a_bank_import_records_ids_and_refuses_an_id_already_used():
    course = builders.course()
    first = import_gift(SYSTEM, course, "// [id:Q-1]\n::a::A?{T}\n")
    again = import_gift(SYSTEM, course, "// [id:Q-1]\n::b::B?{T}\n\n// [id:Q-2]\n::a::A?{T}\n")
    assert first.created[0].idnumber == "Q-1"
    assert [(error.line, error.message) for error in again.errors] == [
        (2, "The id 'Q-1' is already used by another question of this bank."),
        (5, "The same question is already in the bank with the id 'Q-1'."),
    ]
    assert db.session.scalars(select(Question.idnumber)).all() == ["Q-1"]


def test_an_id_given_twice_in_a_content_file_names_both_lines(tmp_path):
    course = builders.course(code="TC1", source="content")
    twice = ORIGINAL.replace("[id:TC1-final-02]", "[id:TC1-final-01]")
    problems = load(course, write(tmp_path, twice, {}))
    assert problems == [("quiz.gift", 12, "The id 'TC1-final-01' is also given to the question on line 5.")]


def _quiz(course) -> Quiz:
    return db.session.scalar(select(Quiz).where(Quiz.course_id == course.id))


def _by_id(idnumber: str) -> Question:
    return db.session.scalar(select(Question).where(Question.idnumber == idnumber))


def test_a_corrected_text_of_an_answered_question_keeps_the_question_and_its_attempts(tmp_path, learners, make):
    course = builders.course(code="TC1", source="content")
    course_dir = write(tmp_path, translations={})
    assert load(course, course_dir) == []
    trainee = learners.add(make.trainee())
    heart = _by_id("TC1-final-01")
    attempt = start_attempt(trainee, _quiz(course))
    submit_attempt(trainee, attempt, {heart.id: [builders.choice_id("The MDR workshops")]})
    db.session.commit()
    score = attempt.score

    corrected = ORIGINAL.replace("Which service should", "Which of its services should").replace(
        "#Right, they are the heart.", "#Right: they are the cluster's heart."
    )
    assert load(course, write(tmp_path, corrected, {})) == []
    db.session.commit()

    db.session.expire_all()
    same = _by_id("TC1-final-01")
    assert same.id == heart.id and same.text.startswith("Which of its services") and same.archived_at is None
    assert [slot.question_id for slot in _quiz(course).slots][0] == heart.id
    answer = db.session.scalar(
        select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.question_id == heart.id)
    )
    assert answer is not None and attempt.score == score
    assert db.session.scalar(select(Question).where(Question.archived_at.is_not(None))) is None


def test_an_unanswered_question_takes_any_change_in_place(tmp_path):
    course = builders.course(code="TC1", source="content")
    assert load(course, write(tmp_path, translations={})) == []
    before = _by_id("TC1-final-03").id
    assert load(course, write(tmp_path, ORIGINAL.replace("{#2.4:0.05#Right.}", "{#2.5:0.05#Right.}"), {})) == []
    question = _by_id("TC1-final-03")
    assert question.id == before and question.spec["answers"][0]["value"] == 2.5


def test_an_answered_question_whose_answer_key_changes_becomes_a_new_version(tmp_path, learners, make):
    course = builders.course(code="TC1", source="content")
    assert load(course, write(tmp_path, translations={})) == []
    trainee = learners.add(make.trainee())
    old = _by_id("TC1-final-03")
    attempt = start_attempt(trainee, _quiz(course))
    submit_attempt(trainee, attempt, {old.id: ["2.4"]})
    db.session.commit()

    assert load(course, write(tmp_path, ORIGINAL.replace("{#2.4:0.05#Right.}", "{#2.5:0.05#Right.}"), {})) == []
    db.session.commit()

    db.session.expire_all()
    new = _by_id("TC1-final-03")
    old = db.session.get(Question, old.id)
    assert new.id != old.id and new.spec["answers"][0]["value"] == 2.5
    assert old.archived_at is not None and old.idnumber is None and old.spec["answers"][0]["value"] == 2.4
    assert old.id in attempt.question_ids and new.id in [slot.question_id for slot in _quiz(course).slots]
    answer = next(answer for answer in attempt.answers if answer.question_id == old.id)
    assert answer.auto_score == 1.0


def test_a_question_loaded_before_ids_existed_adopts_its_id(tmp_path):
    course = builders.course(code="TC1", source="content")
    without_ids = "\n".join(line for line in ORIGINAL.split("\n") if not line.startswith("// [id:"))
    assert load(course, write(tmp_path, without_ids, {})) == []
    before = {question.name: question.id for question in db.session.scalars(select(Question))}
    assert load(course, write(tmp_path, translations={})) == []
    after = {question.name: (question.id, question.idnumber) for question in db.session.scalars(select(Question))}
    assert after["Heart"] == (before["Heart"], "TC1-final-01") and after["Single firm"][1] == "TC1-final-05"
    assert len(after) == 5
