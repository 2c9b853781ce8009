"""Translated quizzes: lined up with the original or refused (file and line), read in the trainee's language,
scored on the original question whatever the language, and kept across a change of language."""

import re

import pytest
from sqlalchemy import select

from ecri_lms.assessment.models import Attempt, AttemptAnswer, Question, QuestionTranslation
from ecri_lms.assessment.question_types import item_id
from ecri_lms.assessment.services import (
    check_course_quizzes,
    read_quiz_entries,
    save_answers,
    start_attempt,
    submit_attempt,
)
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import in_language
from tests.assessment import builders
from tests.assessment.translated_quiz import GREEK, line_of, load, translated_quiz, write

GREEK_FILE = "translations/el/quiz.gift"


def test_a_translated_quiz_is_stored_per_language_with_the_original_answers(tmp_path):
    translated_quiz(tmp_path)
    heart = db.session.scalar(select(Question).where(Question.idnumber == "TC1-final-01"))
    [greek] = heart.translations
    assert (greek.language, greek.name) == ("el", "Καρδιά") and greek.text.startswith("Ποια υπηρεσία")
    assert [choice["weight"] for choice in greek.spec["choices"]] == [
        choice["weight"] for choice in heart.spec["choices"]
    ]
    assert db.session.scalar(select(db.func.count(QuestionTranslation.id))) == 5


def test_a_translation_gone_from_disk_is_gone_from_the_bank(tmp_path):
    quiz = translated_quiz(tmp_path)
    course_dir = write(tmp_path, translations={})
    (course_dir / GREEK_FILE).unlink()
    assert load(quiz.course, course_dir) == []
    assert db.session.scalars(select(QuestionTranslation)).all() == []


def _changed(old: str, new: str, count: int = 1) -> str:
    assert old in GREEK
    return GREEK.replace(old, new, count)


@pytest.mark.parametrize(
    "greek, at, message",
    [
        (
            _changed("~Το ενημερωτικό δελτίο", "~%50%Το ενημερωτικό δελτίο"),
            "::Καρδιά::",
            "question 1 [id:TC1-final-01] differs from the original: its answers' marks (100%, 50%, 0%) differ "
            "from the original's (100%, 0%, 0%): keep the answers in the original's order",
        ),
        (
            _changed("~Το λογότυπο #Όχι.\n", ""),
            "::Καρδιά::",
            "question 1 [id:TC1-final-01] differs from the original: it has 2 answers; the original has 3",
        ),
        (
            _changed("{F#Λάθος: πολλές επιχειρήσεις.#Σωστά.}", "{=ψευδές}"),
            "::Μία επιχείρηση::",
            "question 5 [id:TC1-final-05] differs from the original: it is a short answer question; the original "
            "is a true / false question",
        ),
        (
            _changed("{#2.4:0.05#Σωστά.}", "{#2.5:0.05#Σωστά.}"),
            "::Πηλίκο::",
            "question 3 [id:TC1-final-03] differs from the original: its numbers, tolerances or marks differ from "
            "the original's: only texts are translated",
        ),
        (
            _changed("[id:TC1-final-04]", "[id:TC1-final-40]"),
            "::Περιφέρειες::",
            "unknown question id 'TC1-final-40': the original quiz.gift has no question with it",
        ),
        (
            _changed("[id:TC1-final-02]", "[id:TC1-final-03]"),
            "::Ανακάλυψη::",
            "[id:TC1-final-03] is question 3 of the original, not question 2 ([id:TC1-final-02]): keep the "
            "original's order",
        ),
        (
            GREEK[: GREEK.index("// [id:TC1-final-05]")],
            "::Περιφέρειες::",
            "the translation stops after 4 questions; the original quiz.gift has 5 (next: question 5 "
            "[id:TC1-final-05])",
        ),
    ],
    ids=["marks", "answer count", "type", "number", "unknown id", "order", "missing question"],
)
def test_a_translated_quiz_with_a_changed_structure_is_refused_naming_file_and_line(tmp_path, greek, at, message):
    course_dir = write(tmp_path, translations={"el": greek})
    entries, _ = read_quiz_entries(course_dir / "index.md")

    assert check_course_quizzes(course_dir, entries) == [(GREEK_FILE, line_of(greek, at), message)]
    course = builders.course(code="TC1", source="content")
    assert load(course, course_dir) == [(GREEK_FILE, line_of(greek, at), message)]


def test_a_broken_translated_question_is_reported_in_the_translated_file(tmp_path):
    greek = _changed("=Τα εργαστήρια MDR", "=Τα εργαστήρια MDR {")
    course_dir = write(tmp_path, translations={"el": greek})
    entries, _ = read_quiz_entries(course_dir / "index.md")
    [(file, line, _message)] = check_course_quizzes(course_dir, entries)
    assert (file, line) == (GREEK_FILE, line_of(greek, "::Καρδιά::"))


# Reading and answering in Greek --------------------------------------------------------------------------


def _right_form(questions: dict[str, Question], discovery: str) -> dict:
    """The attempt form answering every question right (the short answer typed as `discovery`)."""
    by_name = {question.name: question for question in questions.values()}
    regions = by_name["Regions"]
    return {
        "action": "submit",
        "shown": [str(question.id) for question in questions.values()],
        f"q{by_name['Heart'].id}": item_id("The MDR workshops"),
        f"q{by_name['Discovery'].id}": discovery,
        f"q{by_name['Quotient'].id}": "2.4",
        f"q{regions.id}-{item_id('BIOIBAL')}": item_id("Balearic Islands"),
        f"q{regions.id}-{item_id('HBIO')}": item_id("Greece"),
        f"q{by_name['Single firm'].id}": "false",
    }


def _start(client, quiz) -> Attempt:
    response = client.post(f"/quizzes/{quiz.id}/start")
    assert response.status_code == 302, response.text
    return db.session.scalar(select(Attempt).order_by(Attempt.id.desc()))


def _questions(quiz) -> dict[str, Question]:
    return {slot.question.name: slot.question for slot in quiz.slots}


def test_a_trainee_reading_in_greek_sees_the_greek_question_and_scores_as_in_english(
    client, login_as, make, learners, tmp_path
):
    quiz = translated_quiz(tmp_path)
    scores = {}
    for language, discovery in (("en", "entrepreneurial discovery"), ("el", "Επιχειρηματική  ανακάλυψη")):
        trainee = login_as(learners.add(make.trainee(language=language)))
        attempt = _start(client, quiz)
        page = client.get(f"/attempts/{attempt.id}").text
        if language == "el":
            assert "Ποια υπηρεσία πρέπει να κρατήσει" in page and "Τα εργαστήρια MDR" in page
            assert "Βαλεαρίδες Νήσοι" in page and "Which service" not in page and "The MDR workshops" not in page
            assert f'value="{item_id("The MDR workshops")}"' in page  # the original's ids: scored on the original
            assert 'role="note"' not in page
        else:
            assert "Which service should" in page and "Ποια υπηρεσία" not in page
        client.post(f"/attempts/{attempt.id}", data=_right_form(_questions(quiz), discovery))
        db.session.expire_all()
        attempt = db.session.get(Attempt, attempt.id)
        scores[language] = attempt.score
        assert attempt.user_id == trainee.id and attempt.is_graded
    assert scores == {"en": 1.0, "el": 1.0}

    review = client.get(f"/attempts/{attempt.id}/review").text
    assert "Σωστά, είναι η καρδιά." in review and "Τα εργαστήρια MDR" in review and "Επιχειρηματική ανακάλυψη" in review
    assert "Right, they are the heart." not in review


def test_a_greek_short_answer_earns_the_mark_of_the_original_answer_in_its_place(
    client, login_as, make, learners, tmp_path
):
    quiz = translated_quiz(tmp_path)
    login_as(learners.add(make.trainee(language="el")))
    attempt = _start(client, quiz)
    form = _right_form(_questions(quiz), "ανακάλυψη")
    client.post(f"/attempts/{attempt.id}", data=form)
    db.session.expire_all()
    discovery = _questions(quiz)["Discovery"]
    answer = db.session.scalar(
        select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.question_id == discovery.id)
    )
    assert (answer.language, answer.auto_score) == ("el", 0.5)
    assert "Μισή απάντηση." in client.get(f"/attempts/{attempt.id}/review").text


def test_an_attempt_started_in_english_and_continued_in_greek_keeps_its_answers(
    client, login_as, make, learners, tmp_path
):
    quiz = translated_quiz(tmp_path)
    login_as(learners.add(make.trainee(language="en")))
    attempt = _start(client, quiz)
    questions = _questions(quiz)
    heart, discovery = questions["Heart"], questions["Discovery"]
    client.post(
        f"/attempts/{attempt.id}",
        data={
            "action": "save",
            "shown": [str(heart.id), str(discovery.id)],
            f"q{heart.id}": item_id("The MDR workshops"),
            f"q{discovery.id}": "entrepreneurial discovery",
        },
    )

    client.post("/language", data={"language": "el", "next": f"/attempts/{attempt.id}"})
    page = client.get(f"/attempts/{attempt.id}").text

    assert "Ποια υπηρεσία πρέπει να κρατήσει" in page
    assert f'value="{item_id("The MDR workshops")}" checked' in page
    assert 'value="entrepreneurial discovery"' in page
    client.post(f"/attempts/{attempt.id}", data=_right_form(questions, "entrepreneurial discovery"))
    db.session.expire_all()
    attempt = db.session.get(Attempt, attempt.id)
    assert attempt.score == 1.0
    answers = {answer.question_id: answer for answer in attempt.answers}
    assert answers[heart.id].response == item_id("The MDR workshops")
    assert answers[discovery.id].language == "en"  # typed while reading English, matched against English


def test_the_quiz_page_says_when_a_quiz_is_not_yet_in_the_readers_language(client, login_as, make, learners, tmp_path):
    quiz = translated_quiz(tmp_path)
    login_as(learners.add(make.trainee(language="es")))
    note = re.search(r'role="note" lang="es">([^<]*)</p>', client.get(f"/quizzes/{quiz.id}").text)
    assert note and "Español" in note.group(1) and "English" in note.group(1)  # "This quiz is not yet available…"
    login_as(learners.add(make.trainee(language="el")))
    assert 'role="note"' not in client.get(f"/quizzes/{quiz.id}").text


def test_scoring_is_the_same_whatever_the_language_the_questions_were_read_in(tmp_path, make, learners):
    quiz = translated_quiz(tmp_path)
    questions = _questions(quiz)
    values = {
        questions["Heart"].id: [item_id("The newsletter")],
        questions["Quotient"].id: ["2.42"],
        questions["Single firm"].id: ["true"],
    }
    scores = []
    for language in ("en", "el", "pl"):
        trainee = learners.add(make.trainee(language=language))
        attempt = start_attempt(trainee, quiz)
        with in_language(language):
            save_answers(trainee, attempt, values)
        submit_attempt(trainee, attempt)
        scores.append(attempt.score)
    assert scores == [pytest.approx(0.2)] * 3
