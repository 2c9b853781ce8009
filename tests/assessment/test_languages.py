"""Quizzes in the reader's language: numbers typed and shown their way, grades typed with a decimal comma, and
the trainee told of a grade in their own language, whoever grades.

Requests go to an app of their own (`make_app`): each request then chooses its language afresh, as in
production, instead of reusing the locale the session's shared app context chose first.
"""

import pytest

from ecri_lms.assessment.question_types import get_type
from ecri_lms.assessment.question_types.numerical import read_answer, shown_number
from ecri_lms.assessment.services import essay_grading, start_attempt, submit_attempt
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import current_language, in_language
from tests.assessment import builders
from tests.factories import login_identity

NUMERIC = {"answers": [{"value": 1140, "tolerance": 0, "weight": 100, "feedback": ""}]}


@pytest.mark.parametrize(
    "language, typed, number",
    [
        ("es", "1.140", 1140),  # a full stop groups thousands where a comma is the decimal sign
        ("es", "57,6", 57.6),
        ("es", "44,800", 44.8),  # no ambiguity on a Spanish page: the comma is decimal
        ("el", "1.000,5", 1000.5),
        ("pl", "1 140", 1140),  # Polish groups with spaces
        ("it", "62.5", 62.5),  # a lone full stop is still read as a decimal point
        ("it", "-0,25", -0.25),
        ("en", "5,5", 5.5),
        ("en", "1.140", 1.14),  # in English a point is always a decimal point
    ],
)
def test_a_numerical_answer_is_read_in_the_language_of_the_page(language, typed, number):
    with in_language(language):
        assert get_type("numerical").parse_response(NUMERIC, [typed]) == pytest.approx(number)


def test_an_english_page_still_refuses_a_thousands_comma_as_ambiguous():
    with in_language("en"), pytest.raises(ValueError, match="ambiguous"):
        read_answer("44,800")


@pytest.mark.parametrize("language", ["es", "el", "pl", "it"])
def test_what_is_not_a_number_is_refused_in_every_language(language):
    with in_language(language), pytest.raises(ValueError):
        read_answer("abc")


@pytest.mark.parametrize("language, shown", [("en", "57.6"), ("es", "57,6"), ("el", "57,6"), ("pl", "57,6")])
def test_a_saved_number_is_shown_the_readers_way_and_reads_back(language, shown):
    with in_language(language):
        assert shown_number(57.6) == shown
        assert read_answer(shown) == pytest.approx(57.6)
        assert get_type("numerical").right_answer_text({"answers": [NUMERIC["answers"][0] | {"tolerance": 0.5}]}) == (
            "1140 ± 0,5" if language != "en" else "1140 ± 0.5"
        )


def _client(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = login_identity(user)
        session["_fresh"] = True
    return client


def test_a_spanish_trainee_types_1140_with_a_grouping_point_and_it_is_saved_as_1140(make_app, make, learners):
    trainee = learners.add(make.trainee(language="es"))
    quiz = builders.quiz()
    attempt = start_attempt(trainee, quiz)
    numeric = next(a.question for a in attempt.answers if a.question.qtype == "numerical")
    db.session.commit()
    client = _client(make_app(), trainee)

    saved = client.post(
        f"/attempts/{attempt.id}/questions/{numeric.id}", data={"shown": numeric.id, f"q{numeric.id}": "1.140"}
    )

    assert saved.status_code == 200 and saved.json["saved"]
    db.session.expire_all()
    assert next(a.response for a in attempt.answers if a.question_id == numeric.id) == 1140
    page = client.get(f"/attempts/{attempt.id}").text
    assert 'value="1140"' in page and '<html lang="es">' in page


@pytest.mark.parametrize("language", ["es", "el", "pl", "it"])
def test_a_grade_typed_with_a_decimal_comma_is_stored_as_62_5(make_app, make, learners, language):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(text="::reflection::Reflect.{}")
    attempt = start_attempt(trainee, quiz)
    submit_attempt(trainee, attempt, {attempt.answers[0].question_id: ["My reflection."]})
    db.session.commit()
    client = _client(make_app(), make.trainer(language=language))

    graded = client.post(f"/grading/answers/{attempt.answers[0].id}", data={"score": "62,5", "comment": ""})

    assert graded.status_code == 302
    db.session.expire_all()
    assert attempt.answers[0].manual_score == pytest.approx(0.625) and attempt.score == pytest.approx(0.625)
    form = client.get(f"/grading/answers/{attempt.answers[0].id}").text
    assert 'value="62,5"' in form  # shown again the way it was typed


def test_a_grade_posted_by_a_browser_asking_for_spanish_is_read_with_a_decimal_comma(make_app, make, learners):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(text="::reflection::Reflect.{}")
    attempt = start_attempt(trainee, quiz)
    submit_attempt(trainee, attempt, {attempt.answers[0].question_id: ["My reflection."]})
    db.session.commit()
    client = _client(make_app(), make.trainer(language=None))

    client.post(
        f"/grading/answers/{attempt.answers[0].id}",
        data={"score": "62,5", "comment": ""},
        headers={"Accept-Language": "es-ES,es;q=0.9"},
    )

    db.session.expire_all()
    assert attempt.answers[0].manual_score == pytest.approx(0.625)


def test_the_trainee_is_told_of_the_grade_in_their_language_not_the_graders(make, learners, monkeypatch):
    told = []
    monkeypatch.setattr(
        essay_grading, "notify", lambda user, subject, text, link: told.append((user, current_language(), subject))
    )
    trainee = learners.add(make.trainee(language="pl"))
    quiz = builders.quiz(text="::reflection::Reflect.{}")
    attempt = start_attempt(trainee, quiz)
    submit_attempt(trainee, attempt, {attempt.answers[0].question_id: ["Moja refleksja."]})

    with in_language("en"):
        essay_grading.grade_essay(make.trainer(language="en"), attempt.answers[0], 80)
        assert current_language() == "en"

    assert [(user, language) for user, language, _subject in told] == [(trainee, "pl")]
    assert quiz.title in told[0][2]
