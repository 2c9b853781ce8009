"""Every benchmarked page issues as many SQL queries on a small data set as on a larger one.

The data grow between the two measurements, and each page is measured on its busiest subject
at each size (the run with the most registrations, the trainee with the most seats…), so a
query per row (N+1) shows up as a different count.
"""

import random

from sqlalchemy import func, select

from ecri_lms.accounts.models import User
from ecri_lms.assessment.models import Attempt, Quiz
from ecri_lms.certificates.models import Certificate
from ecri_lms.demo.scale import SURVEY_NAME, Volumes, grow
from ecri_lms.infra.extensions import db
from ecri_lms.infra.query_count import HEADER
from ecri_lms.needs.models import Survey
from ecri_lms.scheduling.models import CourseRun, CourseRunTrainer, Registration
from ecri_lms.scheduling.services import issue_feed_token
from tests.factories import login_identity

SMALL = Volumes(trainees=40, smes=4, trainers=4, runs=4, registrations=40, quiz_attempts=40, respondents=10)
LARGER = Volumes(trainees=80, smes=8, trainers=4, runs=8, registrations=400, quiz_attempts=300, respondents=40)


def _busiest_run(status: str = "published") -> CourseRun:
    run_id = db.session.scalar(
        select(Registration.run_id)
        .join(CourseRun, CourseRun.id == Registration.run_id)
        .where(CourseRun.status == status)
        .group_by(Registration.run_id)
        .order_by(func.count().desc(), Registration.run_id)
        .limit(1)
    )
    return db.session.get(CourseRun, run_id)


def _quiz_and_trainee() -> tuple[Quiz, User]:
    """The first untimed quiz, and the trainee with the most seats among those seated on a run of its course
    who have not sat it yet (so an attempt can start)."""
    quiz = db.session.scalar(
        select(Quiz).where(Quiz.time_limit_minutes == 0, Quiz.archived_at.is_(None)).order_by(Quiz.id).limit(1)
    )
    seated = (
        select(Registration.user_id)
        .join(CourseRun, CourseRun.id == Registration.run_id)
        .where(
            CourseRun.course_id == quiz.course_id, Registration.status == "confirmed", CourseRun.status != "cancelled"
        )
    )
    user_id = db.session.scalar(
        select(Registration.user_id)
        .where(
            Registration.user_id.in_(seated),
            Registration.status == "confirmed",
            Registration.user_id.not_in(select(Attempt.user_id).where(Attempt.quiz_id == quiz.id)),
        )
        .group_by(Registration.user_id)
        .order_by(func.count().desc(), Registration.user_id)
        .limit(1)
    )
    return quiz, db.session.get(User, user_id)


def _client(counting_app, user):
    client = counting_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = login_identity(user)
        session["_fresh"] = True
    return client


def _count(response) -> int:
    assert response.status_code == 200, response.status_code
    return int(response.headers[HEADER])


def answer_twice(client, path: str, data: dict):
    """The second save of an answer: the path every later autosave takes, whatever the attempt's past."""
    client.post(path, data=data)
    return client.post(path, data=data)


def measure(counting_app, quiz: Quiz, trainee: User) -> dict[str, int]:
    run = _busiest_run()
    trainer = db.session.get(
        User, db.session.scalar(select(CourseRunTrainer.user_id).where(CourseRunTrainer.run_id == run.id).limit(1))
    )
    coordinator = db.session.scalar(select(User).where(User.email == "coordinator@demo.ecri-lms.eu"))
    survey_id = db.session.scalar(select(Survey.id).where(Survey.name == SURVEY_NAME))
    course_code = quiz.course.code  # the same course at both sizes, with more runs at the larger one
    finished = _busiest_run("completed")
    sheet_trainer = db.session.get(
        User, db.session.scalar(select(CourseRunTrainer.user_id).where(CourseRunTrainer.run_id == finished.id).limit(1))
    )
    certificate = db.session.scalar(select(Certificate).order_by(Certificate.id).limit(1))
    feed = issue_feed_token(trainee)
    db.session.commit()
    as_trainee, as_trainer, as_coordinator, as_sheet_trainer, as_holder = (
        _client(counting_app, u) for u in (trainee, trainer, coordinator, sheet_trainer, certificate.user)
    )
    started = as_trainee.post(f"/quizzes/{quiz.id}/start")
    assert started.status_code == 302, started.status_code
    attempt_path = started.headers["Location"]
    page = as_trainee.get(attempt_path)
    question_id = int(page.text.split('name="shown" value="', 1)[1].split('"', 1)[0])
    return {
        "catalogue search": _count(as_trainee.get("/courses?q=strategy")),
        "course page": _count(as_trainee.get(f"/courses/{course_code}")),
        "upcoming runs": _count(as_trainee.get("/runs")),
        "trainee dashboard": _count(as_trainee.get("/")),
        "run page": _count(as_trainee.get(f"/runs/{run.id}")),
        "quiz attempt page": _count(page),
        "answer submission": _count(
            answer_twice(as_trainee, f"{attempt_path}/questions/{question_id}", {"shown": str(question_id)})
        ),
        "run registrations (trainer)": _count(as_trainer.get(f"/runs/{run.id}/registrations")),
        "attendance sheet (trainer)": _count(as_sheet_trainer.get(f"/sessions/{finished.sessions[0].id}/sheet")),
        "certificate PDF": _count(as_holder.get(f"/certificates/{certificate.id}.pdf")),
        "coordinator dashboard": _count(as_coordinator.get("/")),
        "consortium dashboard": _count(as_coordinator.get("/reports/")),
        "personal ICS feed": _count(as_trainee.get(f"/calendar/feed/{feed}.ics")),
        "needs ranking": _count(as_coordinator.get(f"/needs/?survey={survey_id}")),
    }


def test_each_benchmarked_page_issues_the_same_number_of_queries_at_two_data_sizes(demo_consortium, make_app):
    assert demo_consortium.exit_code == 0, demo_consortium.output
    rng = random.Random(10)
    grow(rng, SMALL, echo=lambda _line: None)
    db.session.commit()
    counting_app = make_app(COUNT_QUERIES=True, RESULT_CACHE=False)  # the computations themselves are counted
    quiz, trainee = _quiz_and_trainee()  # the same trainee at both sizes
    small = measure(counting_app, quiz, trainee)
    grow(rng, LARGER, echo=lambda _line: None)
    db.session.commit()
    larger = measure(counting_app, quiz, trainee)
    assert larger == small
