"""The run's gradebook: grades by quiz, essays, attendance, completion, sorting, CSV and bounded queries."""

import csv
import io
from datetime import timedelta

import pytest

from ecri_lms.assessment.services import start_attempt, submit_attempt
from ecri_lms.attendance.services import mark_one
from ecri_lms.certificates.gradebook.services import csv_table, gradebook
from ecri_lms.certificates.services import evaluate
from ecri_lms.infra.extensions import db
from tests.assessment import builders
from tests.certificates.words import new_request_language, use_words
from tests.dbutil import counted_statements

FOUR = "::a::A?{T}\n\n::b::B?{T}\n\n::c::C?{T}\n\n::d::D?{T}"
ESSAY = "::reflection::Reflect on your field project.{}"


def sit(user, quiz, right: int, essay: str | None = None):
    """A finished attempt with the first `right` true/false questions right (and an essay, when given)."""
    attempt = start_attempt(user, quiz)
    by_name = {answer.question.name.removeprefix("e"): answer.question_id for answer in attempt.answers}
    answers = {by_name[name]: ["true"] for name in "abcd"[:right]}
    if essay is not None:
        answers[by_name["reflection"]] = [essay]
    submit_attempt(user, attempt, answers)
    db.session.commit()
    return attempt


@pytest.fixture
def course_run(make):
    """A course with a plain quiz and one with an essay, run by a trainer with two past sessions."""
    course = builders.course(title="Cluster finance")
    quiz = builders.quiz(course, text=FOUR, slug="basics", title="Basics", pass_mark=50)
    essay_quiz = builders.quiz(
        course, text=FOUR.replace("::", "::e", 4) + "\n\n" + ESSAY, slug="project", title="Project", pass_mark=60
    )
    trainer = make.trainer("HBIO")
    run = make.run(course=course, partner="HBIO", trainers=[trainer], starts_in=timedelta(days=-3), sessions=2)
    return run, trainer, quiz, essay_quiz


def enrol(make, run, *names):
    trainees = [make.trainee("HBIO", name=name) for name in names]
    for trainee in trainees:
        make.registration(run, trainee)
    return trainees


def test_each_trainee_has_grades_essays_and_attendance(make, course_run):
    run, trainer, quiz, essay_quiz = course_run
    anna, bruno, carla = enrol(make, run, "Anna", "Bruno", "Carla")
    make.registration(run, make.trainee("HBIO", name="Waiting Walter"), status="waitlisted")
    sit(anna, quiz, 1)
    sit(anna, quiz, 4)  # highest counts
    sit(bruno, quiz, 1)
    sit(anna, essay_quiz, 4, essay="Our cluster focuses on diagnostics.")
    for training_session in run.sessions:
        mark_one(trainer, training_session, anna.id, "present")
    mark_one(trainer, run.sessions[0], bruno.id, "late")
    db.session.commit()
    book = gradebook(trainer, run)
    assert [row.user.name for row in book.rows] == ["Anna", "Bruno", "Carla"]
    assert [q.title for q in book.quizzes] == ["Basics", "Project"]
    rows = {row.user.name: row for row in book.rows}
    assert rows["Anna"].grades[quiz.id].score == 1.0 and rows["Anna"].grades[quiz.id].passed
    assert rows["Bruno"].grades[quiz.id].score == 0.25 and not rows["Bruno"].grades[quiz.id].passed
    assert rows["Carla"].grades[quiz.id].score is None
    assert rows["Anna"].grades[essay_quiz.id].pending
    assert (rows["Anna"].essays.waiting, rows["Anna"].essays.graded) == (1, 0)
    assert rows["Anna"].attendance == 1.0 and rows["Bruno"].attendance == 0.5 and rows["Carla"].attendance == 0.0
    # Grading checked completion: the course asks for no more than the run having ended.
    assert rows["Bruno"].completion == "Completed"
    assert [answer.attempt.user.name for answer in book.waiting_essays] == ["Anna"]


def test_the_completion_column_shows_and_sorts_each_trainees_state(make, course_run):
    run, trainer, *_ = course_run
    anna, bruno = enrol(make, run, "Anna", "Bruno")
    evaluate(bruno, run)  # the course asks for no more than the run having ended
    db.session.commit()
    book = gradebook(trainer, run, sort="completion")
    assert [(row.user.name, row.completion) for row in book.rows] == [("Bruno", "Completed"), ("Anna", "In progress")]
    assert csv_table(book)[0][-1] == "Completion" and csv_table(book)[1][0][-1] == "Completed"


def test_sorting_by_any_column_with_empty_values_last(make, course_run):
    run, trainer, quiz, _ = course_run
    anna, bruno, carla = enrol(make, run, "Anna", "Bruno", "Carla")
    sit(anna, quiz, 2)
    sit(carla, quiz, 3)
    mark_one(trainer, run.sessions[0], bruno.id, "present")
    db.session.commit()

    def order(sort, descending=False):
        return [row.user.name for row in gradebook(trainer, run, sort=sort, descending=descending).rows]

    assert order(f"quiz-{quiz.id}") == ["Anna", "Carla", "Bruno"]
    assert order(f"quiz-{quiz.id}", descending=True) == ["Carla", "Anna", "Bruno"]
    assert order("attendance", descending=True) == ["Bruno", "Anna", "Carla"]
    assert order("name", descending=True) == ["Carla", "Bruno", "Anna"]
    book = gradebook(trainer, run, sort="quiz-999999; drop table", descending=True)
    assert (book.sort, book.descending) == ("name", False)


def test_the_page_sorts_from_the_query_string_and_exports_csv(make, course_run, client, login_as):
    run, trainer, quiz, essay_quiz = course_run
    anna, bruno = enrol(make, run, "Anna", "Bruno")
    sit(anna, quiz, 1)
    sit(bruno, quiz, 3)
    sit(bruno, essay_quiz, 4, essay="Essay text")
    login_as(trainer)
    page = client.get(f"/runs/{run.id}/gradebook?sort=quiz-{quiz.id}&dir=desc")
    assert page.status_code == 200 and page.text.index("Bruno") < page.text.index("Anna")
    assert 'aria-sort="descending"' in page.text and "/grading/answers/" in page.text
    assert client.get(f"/runs/{run.id}/gradebook?sort=bogus").status_code == 200
    response = client.get(f"/runs/{run.id}/gradebook.csv?sort=name")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == [
        "Name",
        "Email",
        "Basics (%)",
        "Basics passed",
        "Project (%)",
        "Project passed",
        "Essays graded",
        "Essays waiting",
        "Essay mean (%)",
        "Attendance (%)",
        "Completion",
    ]
    assert rows[1][0] == "Anna" and rows[1][2:4] == ["25.0", "no"]
    assert rows[2][0] == "Bruno" and rows[2][2:4] == ["75.0", "yes"] and rows[2][7] == "1"


@pytest.mark.parametrize("who, status", [("trainee", 403), ("lsk_coordinator", 404), ("lsk_trainer", 404)])
def test_only_the_runs_trainers_and_coordinators_in_scope_see_it(make, course_run, client, login_as, who, status):
    run, *_ = course_run
    (anna,) = enrol(make, run, "Anna")
    user = {
        "trainee": lambda: anna,
        "lsk_coordinator": lambda: make.partner_coordinator("LSK"),
        "lsk_trainer": lambda: make.trainer("LSK"),
    }[who]()
    login_as(user)
    assert client.get(f"/runs/{run.id}/gradebook").status_code == status
    assert client.get(f"/runs/{run.id}/gradebook.csv").status_code == status
    login_as(make.partner_coordinator("HBIO"))
    assert client.get(f"/runs/{run.id}/gradebook").status_code == 200


def test_the_page_needs_the_same_number_of_queries_for_few_or_many_trainees(make, course_run, client, login_as):
    ids = [(type(thing), thing.id) for thing in course_run]
    run_id = course_run[0].id
    login_as(course_run[1])

    def add_trainees(count):
        run, trainer, quiz, essay_quiz = (db.session.get(model, key) for model, key in ids)
        for trainee in enrol(make, run, *(f"Trainee {n}" for n in range(count))):
            sit(trainee, quiz, 2)
            sit(trainee, essay_quiz, 1, essay="An essay")
            mark_one(trainer, run.sessions[0], trainee.id, "present")
        db.session.commit()

    add_trainees(2)
    with counted_statements() as few:
        assert client.get(f"/runs/{run_id}/gradebook").status_code == 200
    add_trainees(8)
    with counted_statements() as many:
        page = client.get(f"/runs/{run_id}/gradebook")
    assert page.text.count("Trainee ") >= 10
    assert len(few) == len(many)


def test_the_csv_headers_and_states_are_in_the_readers_language_the_numbers_as_numbers(
    make, course_run, client, login_as, tmp_path, monkeypatch
):
    use_words(tmp_path, monkeypatch)
    run, trainer, quiz, essay_quiz = course_run
    (anna,) = enrol(make, run, "Anna")
    sit(anna, quiz, 1)
    trainer.language = "es"
    db.session.commit()
    login_as(trainer)
    new_request_language()
    response = client.get(f"/runs/{run.id}/gradebook.csv?sort=name")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][0] == "Nombre" and rows[0][-1] == "Finalización"
    assert rows[1][0] == "Anna" and rows[1][2] == "25.0" and rows[1][-1] == "Completado"
