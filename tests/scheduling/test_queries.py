"""The read API other areas use: runs of a course or partner, registers, sessions, trainers."""

from datetime import timedelta

from ecri_lms.extensions import db
from ecri_lms.scheduling import queries, services
from ecri_lms.timeutil import utcnow


def test_runs_of_a_course_are_its_coming_visible_runs(make):
    course = make.course()
    coming = make.run(course=course, starts_in=timedelta(days=5))
    later = make.run(course=course, starts_in=timedelta(days=50))
    past = make.run(course=course, starts_in=timedelta(days=-20))
    draft = make.run(course=course, status="draft", partner="LSK")
    make.run(course=course, status="cancelled")
    make.run()  # another course
    assert queries.runs_of_course(course.id) == [coming, later]
    assert queries.runs_of_course(course.id, make.trainee()) == [coming, later]
    assert queries.runs_of_course(course.id, make.partner_coordinator("LSK")) == [coming, draft, later]
    assert past in queries.runs_of_course(course.id, upcoming_only=False)


def test_runs_for_a_partner_between_two_dates_and_by_status(make):
    now = utcnow()
    soon = make.run(partner="LSK", starts_in=timedelta(days=3))
    make.run(partner="LSK", starts_in=timedelta(days=90))
    cancelled = make.run(partner="LSK", starts_in=timedelta(days=4), status="cancelled")
    make.run(partner="HBIO", starts_in=timedelta(days=3))
    lsk = make.partner("LSK").id
    assert queries.runs_for_partner(lsk, start=now, end=now + timedelta(days=30)) == [soon, cancelled]
    assert queries.runs_for_partner(lsk, start=now, end=now + timedelta(days=30), statuses=["published"]) == [soon]
    assert len(queries.runs_for_partner(None)) == 4


def test_the_register_of_a_run_is_its_confirmed_trainees_by_name(make):
    run = make.run(capacity=2)
    zofia, adam, waiting = make.trainee(name="Zofia"), make.trainee(name="Adam"), make.trainee(name="Waiting")
    for trainee in (zofia, adam, waiting):
        services.register(trainee, run)
    db.session.commit()
    assert [r.user.name for r in queries.confirmed_registrations(run)] == ["Adam", "Zofia"]
    assert [r.user.name for r in queries.waiting_list(run)] == ["Waiting"]


def test_sessions_of_a_run_with_or_without_the_cancelled_ones(make):
    run = make.run(sessions=3, format="online")
    services.cancel_session(make.consortium_coordinator(), run.sessions[1])
    assert len(queries.sessions_of(run)) == 3
    assert queries.sessions_of(run, include_cancelled=False) == [run.sessions[0], run.sessions[2]]


def test_is_trainer_of(make):
    trainer = make.trainer()
    run = make.run(trainers=[trainer])
    assert queries.is_trainer_of(trainer, run)
    assert not queries.is_trainer_of(make.trainer(), run)
    assert not queries.is_trainer_of(make.trainee(), run)
