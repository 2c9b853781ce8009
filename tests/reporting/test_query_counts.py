"""The dashboards answer from SQL aggregates: as many queries for a big data set as for a small one."""

from datetime import timedelta

from ecri_lms.assessment.models import Quiz
from ecri_lms.catalogue.models import Course
from ecri_lms.infra.extensions import db
from tests.dbutil import counted_statements
from tests.reporting.dataset import build


def _grow(make, course_id: int, quiz_id: int, size: int) -> None:
    """More runs, sessions, trainees, quiz results, marks, completions and certificates in the same period."""
    course, quiz = db.session.get(Course, course_id), db.session.get(Quiz, quiz_id)
    for index in range(size):
        run = make.run(
            course, partner=("HBIO", "LSK")[index % 2], starts_in=timedelta(days=-40 + index), sessions=2, hours=2
        )
        for _ in range(3):
            trainee = make.trainee(("HBIO", "LSK")[index % 2], organisation=f"Firm {index}")
            make.registration(run, trainee)
            make.finished_attempt(quiz, trainee, 0.6)
            make.mark(run.sessions[0], trainee, "present")
            make.completion(run, trainee)
            make.certificate(run, trainee)


def _count(client, url, query: dict) -> int:
    """Queries of one request, starting like a real request from an empty session."""
    with counted_statements() as statements:
        assert client.get(url, query_string=query).status_code == 200
    return len(statements)


def test_dashboard_queries_do_not_grow_with_the_data(app, make, client, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "RESULT_CACHE", False)  # the computations themselves are counted
    data = build(make)
    login_as(make.consortium_coordinator())
    urls = [
        "/reports/",
        "/reports/partners/HBIO",
        "/reports/rows/registered",
        "/reports/rows/quiz-results",
        "/reports/rows/attendance",
        "/reports/summary.xlsx",
        f"/reports/trainees/{data.people['anna'].id}",
    ]
    query = data.filters().query_args()
    course_id, quiz_id = data.courses["c1"].id, data.quizzes["q1"].id
    small = [_count(client, url, query) for url in urls]
    _grow(make, course_id, quiz_id, 6)
    assert [_count(client, url, query) for url in urls] == small
