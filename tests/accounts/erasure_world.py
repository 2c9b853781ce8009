"""A person with every kind of record the application keeps, made through the services that make them.

The person is a trainee who also coordinates and teaches at HBIO: they studied, attended, passed,
were certified and evaluated a past run; they hold future seats and waiting-list places; staff
added, moved, suspended and removed them; and as staff they taught a run, marked, graded and moved
others. Their name and e-mail address are unique to this module, so any trace of them is theirs.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from ecri_lms.accounts.permissions import Role
from ecri_lms.accounts.services import ProfileChange, create_user, set_active, set_roles, update_profile
from ecri_lms.assessment.models import AttemptAnswer
from ecri_lms.assessment.services import start_attempt, submit_attempt
from ecri_lms.assessment.services.essay_grading import grade_essay
from ecri_lms.attendance.checkin import open_check_in
from ecri_lms.attendance.services import mark_one
from ecri_lms.certificates.services.issuing import issue_manually
from ecri_lms.evaluations.services import EvaluationAnswers, submit
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.notifications.services import notify
from ecri_lms.scheduling.reminders.services import claim
from ecri_lms.scheduling.services.feeds import issue_feed_token
from ecri_lms.scheduling.services.registrations import (
    add_registration,
    move_registration,
    register,
    remove_registration,
)
from tests.assessment import builders
from tests.factories import PASSWORD, Factory

FORMER_NAME = "Zéphyrine Quillfeather-Oyelaran"
NAME = "Zéphyrine Quillfeather"
EMAIL = "zq.erasure-7f3a@example.org"
LOCAL_PART = EMAIL.split("@")[0]
ESSAY = "::essay::Describe your cluster's strategy.{}"


@dataclass
class ErasureWorld:
    person: object
    admin: object
    coordinator: object
    past_run: object
    full_run: object  # the person's seat, four people waiting behind it
    open_run: object  # another confirmed seat, nobody waiting
    waiting_runs: list  # two runs on whose waiting lists the person stands
    moved_run: object  # where staff moved the person's seat
    waiting: list  # the four waiting behind the person on full_run, in line
    certificate: object
    attempt: object
    taught_certificate: object  # another trainee's certificate naming the person as trainer


def build_erasure_world(make: Factory) -> ErasureWorld:
    admin, coordinator, trainer = make.admin(), make.partner_coordinator("HBIO"), make.trainer("HBIO")
    person = create_user(
        admin, email=EMAIL, name=FORMER_NAME, roles=[Role.TRAINEE], partner_code="HBIO", password=PASSWORD
    )
    set_roles(admin, person, {Role.TRAINEE, Role.PARTNER_COORDINATOR})
    set_active(admin, person, False)
    set_active(admin, person, True)
    db.session.commit()
    course = make.course(topics=("FIN",))
    past_run = make.run(course, trainers=[trainer], starts_in=timedelta(days=-3))
    make.registration(past_run, person)
    certificate = issue_manually(coordinator, past_run, person, f"{FORMER_NAME} sat the exam on paper.")
    update_profile(person, person, ProfileChange(name=NAME, timezone="Europe/Athens"))
    _study(make, course, person, past_run, trainer, coordinator)
    attempt = _sit_an_essay(course, person, trainer)
    full_run, open_run, waiting_runs, moved_run, waiting = _future_places(make, course, person, coordinator)
    taught_certificate = _teach(make, course, person, coordinator)
    issue_feed_token(person)
    claim([(open_run.sessions[0].id, person.id)], utcnow())
    notify(coordinator, f"{NAME} asked for a certificate", f"Please call {NAME} at {EMAIL}.")
    db.session.commit()
    return ErasureWorld(
        person,
        admin,
        coordinator,
        past_run,
        full_run,
        open_run,
        waiting_runs,
        moved_run,
        waiting,
        certificate,
        attempt,
        taught_certificate,
    )


def _study(make, course, person, past_run, trainer, coordinator) -> None:
    make.enrolment(person, course)
    make.progress(person, course.lessons[0])
    mark_one(trainer, past_run.sessions[0], person.id, "late", f"{NAME} came late.")
    mark_one(coordinator, past_run.sessions[0], person.id, "present", f"{NAME} was on time after all.")
    make.completion(past_run, person)
    submit(person, past_run, EvaluationAnswers(4, 5, 3, f"Signed, {NAME} ({EMAIL})", {"FIN": 4}, {"FIN": 5}))
    db.session.commit()


def _sit_an_essay(course, person, trainer):
    quiz = builders.quiz(course, text=ESSAY, slug="essay")
    attempt = start_attempt(person, quiz)
    db.session.flush()
    submit_attempt(person, attempt, {quiz.slots[0].question_id: [f"I, {NAME}, would focus on diagnostics."]})
    essay = db.session.scalar(select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id))
    grade_essay(trainer, essay, 80, f"Well argued, {NAME}.")
    db.session.commit()
    return attempt


def _future_places(make, course, person, coordinator):
    full_run = make.run(course, capacity=1)
    add_registration(coordinator, full_run, EMAIL)
    waiting = [make.trainee("HBIO") for _ in range(4)]
    for trainee in waiting:
        register(trainee, full_run)
    open_run = make.run(course, starts_in=timedelta(days=20))
    register(person, open_run)
    waiting_runs = []
    for days in (30, 40):
        run = make.run(course, capacity=1, starts_in=timedelta(days=days))
        register(make.trainee("HBIO"), run)
        register(person, run)
        waiting_runs.append(run)
    moved_from, moved_to = (make.run(course, starts_in=timedelta(days=days)) for days in (50, 51))
    move_registration(coordinator, add_registration(coordinator, moved_from, EMAIL), moved_to)
    removed_from = make.run(course, starts_in=timedelta(days=60))
    remove_registration(
        coordinator, add_registration(coordinator, removed_from, EMAIL), f"{NAME} asked by phone to be taken off."
    )
    db.session.commit()
    return full_run, open_run, waiting_runs, moved_to, waiting


def _teach(make, course, person, coordinator):
    """The person as staff: teaches a run, marks, opens check-in, moves a trainee, uploads a material."""
    taught = make.run(course, trainers=[person], starts_in=timedelta(days=-10))
    other = make.trainee("HBIO")
    make.registration(taught, other)
    mark_one(person, taught.sessions[0], other.id, "present", "On time.")
    open_check_in(person, taught.sessions[0], 30)
    certificate = issue_manually(coordinator, taught, other, "Completed on paper.")
    later, later_again = (make.run(course, starts_in=timedelta(days=days)) for days in (70, 71))
    move_registration(person, make.registration(later, make.trainee("HBIO")), later_again)
    make.material(course, uploader=person)
    db.session.commit()
    return certificate
