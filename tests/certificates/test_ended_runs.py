"""Certificates are issued when a run ends: the end-of-run job, and every change that can complete a trainee."""

import threading
from datetime import timedelta

import pytest
from rq.cron import CronScheduler
from sqlalchemy import func, select

from ecri_lms.attendance.services import mark_all_present
from ecri_lms.certificates.models import Certificate, Completion, RunEndEvaluation
from ecri_lms.certificates.services import current_certificate, evaluate_ended_runs, set_run_rules
from ecri_lms.certificates.services import ended_runs as ended_runs_module
from ecri_lms.infra.extensions import db
from ecri_lms.infra.jobs.queue import run_in_app
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling.models import CourseRun, RunStatus
from tests.factories import Factory

ATTENDANCE_ONLY = {"lessons": 0, "attendance_rate": 100, "quizzes": [], "essays_graded": False}
LESSONS_ONLY = {"lessons": "all", "quizzes": [], "essays_graded": False}


def running_run(make: Factory, trainees: int = 2):
    """A two-session run whose last session is under way now, its trainees confirmed before it began."""
    course = make.course(lessons=0)
    course.completion_rules = ATTENDANCE_ONLY
    run = make.run(course, partner="LSK", starts_in=timedelta(days=-1, hours=-1), sessions=2, hours=3)
    people = [make.trainee("LSK") for _ in range(trainees)]
    for person in people:
        make.registration(run, person)
    assert run.sessions[-1].starts_at <= utcnow() < run.ends_at
    return run, people


def mark_during_the_last_session(make: Factory, run) -> None:
    coordinator = make.partner_coordinator("LSK")
    for training_session in run.sessions:
        mark_all_present(coordinator, training_session)
    db.session.commit()


def certificates_of(run) -> int:
    return db.session.scalar(select(func.count(Certificate.id)).where(Certificate.run_id == run.id))


def test_a_run_marked_during_its_last_session_gets_its_certificates_once_it_ends(make):
    run, people = running_run(make)
    mark_during_the_last_session(make, run)
    assert certificates_of(run) == 0  # complete in all but the run's end
    assert evaluate_ended_runs(now=run.ends_at - timedelta(minutes=1)).runs == 0

    after_the_end = run.ends_at + timedelta(minutes=1)
    result = evaluate_ended_runs(now=after_the_end)
    assert (result.runs, result.completed, result.issued) == (1, 2, 2)
    assert all(current_certificate(person.id, run.id) is not None for person in people)

    again = evaluate_ended_runs(now=after_the_end + timedelta(minutes=5))
    assert (again.runs, again.issued) == (0, 0)
    assert certificates_of(run) == 2


def test_a_run_whose_end_moves_is_evaluated_again_at_its_new_end(make):
    run, people = running_run(make, trainees=1)
    first_end = run.ends_at
    assert evaluate_ended_runs(now=first_end + timedelta(minutes=1)).runs == 1  # nobody marked: nobody completes
    extra = make.training_session(run, first_end + timedelta(days=1), venue=run.sessions[0].venue)
    for training_session in run.sessions:
        mark_all_present(make.partner_coordinator("LSK"), training_session, now=extra.ends_at)
    db.session.commit()
    assert certificates_of(run) == 0  # the run now ends a day later
    assert evaluate_ended_runs(now=extra.ends_at + timedelta(minutes=1)).issued == 1
    assert db.session.get(RunEndEvaluation, run.id).run_ended_at == extra.ends_at


def test_cancelled_and_draft_runs_are_not_evaluated(make):
    for status in (RunStatus.CANCELLED, RunStatus.DRAFT):
        make.run(partner="LSK", status=status, starts_in=timedelta(days=-3))
    assert evaluate_ended_runs().runs == 0


def test_the_cli_command_evaluates_the_ended_runs(make, runner, monkeypatch):
    run, people = running_run(make, trainees=1)
    mark_during_the_last_session(make, run)
    monkeypatch.setattr(ended_runs_module, "utcnow", lambda: run.ends_at + timedelta(minutes=1))
    result = runner.invoke(args=["certificates", "evaluate-ended"])
    assert result.exit_code == 0, result.output
    assert "1 ended run evaluated: 1 trainee newly completed, 1 certificate issued." in result.output
    assert current_certificate(people[0].id, run.id) is not None


def test_rq_cron_schedules_the_job_and_the_worker_runs_it(make, monkeypatch):
    run, people = running_run(make, trainees=1)
    mark_during_the_last_session(make, run)
    scheduler = CronScheduler(connection=None)
    scheduler.load_config_from_file("ecri_lms.app.cron_config")
    (job,) = [job for job in scheduler.get_jobs() if job.name == "certificates-evaluate-ended"]
    assert job.func is run_in_app and job.cron == "*/5 * * * *"
    monkeypatch.setattr(ended_runs_module, "utcnow", lambda: run.ends_at + timedelta(minutes=1))
    run_in_app(*job.args, **job.kwargs)  # what `flask jobs worker` does with the job the scheduler enqueued
    assert current_certificate(people[0].id, run.id) is not None


@pytest.mark.committing  # two jobs at once, each on its own connection
def test_two_overlapping_jobs_issue_each_certificate_once(app):
    make = Factory()
    run, people = running_run(make, trainees=3)
    mark_during_the_last_session(make, run)
    after_the_end = run.ends_at + timedelta(minutes=1)
    barrier = threading.Barrier(2)
    evaluated: list[int] = []
    errors: list[BaseException] = []

    def job():
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                evaluated.append(evaluate_ended_runs(now=after_the_end).runs)
            except BaseException as error:  # reported below: a thread's exception is otherwise lost
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(evaluated) == [0, 1]
    assert certificates_of(run) == 3
    assert db.session.scalar(select(func.count(Completion.id)).where(Completion.run_id == run.id)) == 3


def ended_run_with_a_trainee(make: Factory, rules: dict):
    course = make.course(lessons=2)
    course.completion_rules = rules
    run = make.run(course, partner="LSK", starts_in=timedelta(days=-9), sessions=2)
    trainee = make.trainee("LSK")
    make.registration(run, trainee)
    return run, trainee


def test_opening_the_last_lesson_after_the_end_issues_the_certificate(make):
    run, trainee = ended_run_with_a_trainee(make, LESSONS_ONLY)
    first, second = run.course.active_lessons
    make.progress(trainee, first, done=False)
    assert current_certificate(trainee.id, run.id) is None
    make.progress(trainee, second, done=False)  # any writer of a progress row: here the factory
    assert current_certificate(trainee.id, run.id) is not None


def test_archiving_the_one_lesson_left_unopened_issues_the_certificate(make):
    run, trainee = ended_run_with_a_trainee(make, LESSONS_ONLY)
    first, second = run.course.active_lessons
    make.progress(trainee, first, done=False)
    second.archived_at = utcnow()  # as the course editor archives it
    db.session.commit()
    assert current_certificate(trainee.id, run.id) is not None


def test_a_run_rule_lowered_after_the_end_issues_the_certificate(make):
    run, trainee = ended_run_with_a_trainee(make, ATTENDANCE_ONLY)
    coordinator = make.partner_coordinator("LSK")
    mark_all_present(coordinator, run.sessions[0])
    db.session.commit()
    assert current_certificate(trainee.id, run.id) is None  # 50 % of 100 %
    rules = dict(ATTENDANCE_ONLY, attendance_rate=50)
    set_run_rules(coordinator, run, rules, lesson_count=2, quiz_slugs=set())
    db.session.commit()
    assert current_certificate(trainee.id, run.id) is not None


def test_a_course_default_rule_changed_issues_the_certificates_of_its_ended_runs(make):
    run, trainee = ended_run_with_a_trainee(make, ATTENDANCE_ONLY)
    mark_all_present(make.partner_coordinator("LSK"), run.sessions[0])
    db.session.commit()
    assert current_certificate(trainee.id, run.id) is None
    run.course.completion_rules = dict(ATTENDANCE_ONLY, attendance_rate=50)  # as `flask content sync` writes it
    db.session.commit()
    assert current_certificate(trainee.id, run.id) is not None


def test_closing_a_run_is_heard_like_its_end(make):
    run, people = running_run(make, trainees=1)
    mark_during_the_last_session(make, run)
    db.session.get(CourseRun, run.id).status = RunStatus.COMPLETED
    db.session.commit()
    assert current_certificate(people[0].id, run.id) is not None
