"""The quiz page and answer submission issue a number of SQL queries that does not grow with the data."""

from ecri_lms.assessment.services import start_attempt, submit_attempt
from ecri_lms.infra.extensions import db
from tests.assessment import builders
from tests.assessment.builders import EVERY_TYPE, form_data, right_values
from tests.dbutil import counted_statements


def world(make, learners, others: int, copies: int):
    """A quiz of 7 × `copies` questions, `others` trainees with a finished attempt, and one trainee to measure."""
    quiz = builders.quiz(
        text="\n\n".join(
            EVERY_TYPE.replace("::", f"::{n}", 1).replace("$CATEGORY: flow", "").replace("\n::", f"\n::{n}")
            for n in range(copies)
        )
    )
    for _ in range(others):
        other = learners.add(make.trainee())
        submit_attempt(other, start_attempt(other, quiz))
    db.session.commit()
    return quiz, learners.add(make.trainee())


def measure(client, login_as, quiz, trainee) -> dict[str, int]:
    login_as(trainee)
    attempt = start_attempt(trainee, quiz)
    db.session.commit()
    quiz_url, attempt_url = f"/quizzes/{quiz.id}", f"/attempts/{attempt.id}"
    first = attempt.answers[0].question
    autosave_url = f"{attempt_url}/questions/{first.id}"
    one_answer = {"shown": str(first.id), **form_data(first, right_values(first))}
    every_answer = {"shown": [str(qid) for qid in attempt.question_ids]}
    for answer in attempt.answers:
        every_answer.update(form_data(answer.question, right_values(answer.question)))
    requests = {
        "quiz page": lambda: client.get(quiz_url),
        "attempt page": lambda: client.get(attempt_url),
        "autosave": lambda: client.post(autosave_url, data=one_answer, headers={"Accept": "application/json"}),
        "save all": lambda: client.post(attempt_url, data={**every_answer, "action": "save"}),
        "submit": lambda: client.post(attempt_url, data={**every_answer, "action": "submit"}),
    }
    sizes = {}
    for name, request in requests.items():
        with counted_statements() as statements:
            assert request().status_code in (200, 302)
        sizes[name] = len(statements)
    return sizes


def test_quiz_pages_and_answering_issue_the_same_queries_at_two_sizes(app, client, login_as, make, learners):
    small = measure(client, login_as, *world(make, learners, others=1, copies=1))
    large = measure(client, login_as, *world(make, learners, others=6, copies=3))
    assert small == large
    assert max(small.values()) <= 25, small
