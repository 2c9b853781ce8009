"""A trainee's certificates page: every run's progress read at once, the same as run by run."""

from datetime import timedelta

from ecri_lms.certificates.rule_progress import progress_for_runs, progress_of
from ecri_lms.certificates.services import issue_manually, my_runs
from ecri_lms.infra.extensions import db
from ecri_lms.infra.query_count import HEADER
from tests.factories import login_identity

ALL_RULES = {"lessons": "all", "attendance_rate": 50, "quizzes": ["final", "mid-term", "gone"], "essays_graded": True}


def seat(
    make,
    trainee,
    *,
    lessons_viewed: int = 1,
    present: int = 1,
    scores=(0.8, 0.2),
    essay_waiting=False,
    rules: dict | None = None,
):
    """An ended two-session run of a new course with every kind of rule, the trainee on it with some progress."""
    course = make.course(lessons=2)
    course.completion_rules = rules if rules is not None else ALL_RULES
    run = make.run(course, starts_in=timedelta(days=-9), sessions=2)
    make.registration(run, trainee)
    for lesson in course.active_lessons[:lessons_viewed]:
        make.progress(trainee, lesson, done=False)
    for training_session in run.sessions[:present]:
        make.mark(training_session, trainee)
    for slug, score in zip(("final", "mid-term"), scores, strict=True):
        quiz = make.report_quiz(course, pass_mark=50, title=f"Quiz {slug}")
        quiz.slug = slug
        make.finished_attempt(quiz, trainee, score)
    if essay_waiting:
        make.finished_attempt(quiz, trainee, None, essay_waiting=True)
    db.session.commit()
    return run


def trainee_with_runs(make, number: int):
    trainee = make.trainee()
    runs = [
        seat(
            make,
            trainee,
            lessons_viewed=i % 3,
            present=i % 3,
            scores=(0.8, 0.2 + 0.4 * (i % 2)),
            essay_waiting=bool(i % 2),
        )
        for i in range(number)
    ]
    issue_manually(make.partner_coordinator("HBIO"), runs[0], trainee, "Completed")
    db.session.commit()
    return trainee


def page_queries(counting_app, trainee) -> int:
    client = counting_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = login_identity(trainee)
        session["_fresh"] = True
    response = client.get("/certificates")
    assert response.status_code == 200
    return int(response.headers[HEADER])


def test_the_certificates_page_reads_as_many_queries_for_six_runs_as_for_two(make, make_app):
    two, six = trainee_with_runs(make, 2), trainee_with_runs(make, 6)
    counting_app = make_app(COUNT_QUERIES=True, RESULT_CACHE=False)
    assert page_queries(counting_app, two) == page_queries(counting_app, six)
    assert len(my_runs(six)) == 6


def test_progress_of_all_runs_at_once_is_each_runs_progress(make):
    trainee = make.trainee()
    runs = [
        seat(make, trainee),
        seat(make, trainee, lessons_viewed=2, present=2, scores=(0.9, 0.5)),
        seat(make, trainee, lessons_viewed=0, present=0, scores=(0.1, 0.1), essay_waiting=True),
        seat(make, trainee, rules={"lessons": 1, "quizzes": [], "essays_graded": False}),
        seat(make, trainee, rules={"lessons": 0, "attendance_rate": 100, "quizzes": ["mid-term"]}),
    ]
    runs[1].settings = {"completion": {"lessons": 1, "attendance_rate": 90, "quizzes": ["final"]}}
    runs[2].settings = {"attendance": {"late_counts": False, "excused_counts_as": "absent"}}
    db.session.commit()
    together = progress_for_runs(trainee, runs)
    assert together == {run.id: progress_of(trainee, run) for run in runs}
    assert [record.kind for record in together[runs[0].id]] == [
        "run_ended",
        "lessons",
        "attendance_rate",
        "quizzes",
        "essays_graded",
    ]
    assert together[runs[0].id][3].text == "Quizzes passed: 1 of 3. Still to pass: Quiz mid-term, gone."
