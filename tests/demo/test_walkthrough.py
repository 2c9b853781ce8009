"""The demo consortium a newcomer walks through: a run just ended (evaluations and certificates to try),
runs open for registration, Polish names whose gender agrees, a quiz that shows its answers."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from ecri_lms.accounts.models import User
from ecri_lms.assessment.models import Quiz
from ecri_lms.assessment.services.quizzes import review_time_reached
from ecri_lms.certificates.services import current_certificate, evaluate_run_members
from ecri_lms.demo.people import FEMALE, FIRST_NAMES, LAST_NAMES, full_name
from ecri_lms.evaluations.models import Evaluation, EvaluationInvitation
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling.models import CourseRun, RunStatus
from ecri_lms.scheduling.queries import confirmed_registrations
from ecri_lms.scheduling.services.registrations import registration_refusal

RECENTLY = timedelta(days=21)
MASCULINE_SURNAME = re.compile(r"(ski|cki|dzki|ny)$")
FEMININE_SURNAME = re.compile(r"(ska|cka|dzka|na)$")


def _user(email_local: str) -> User:
    return db.session.scalar(select(User).where(User.email.startswith(f"{email_local}@")))


def test_a_run_ended_recently_with_evaluations_and_certificates_to_try(demo_consortium):
    now = utcnow()
    ended = db.session.scalars(
        select(CourseRun).where(
            CourseRun.status == RunStatus.PUBLISHED, CourseRun.ends_at <= now, CourseRun.ends_at > now - RECENTLY
        )
    ).all()
    assert len(ended) == 1, "one run ended in the last three weeks and is not closed yet"
    run = ended[0]
    newcomer = _user("trainee.lsk")
    assert newcomer.id in {registration.user_id for registration in confirmed_registrations(run)}
    assert db.session.scalar(select(EvaluationInvitation).where(EvaluationInvitation.run_id == run.id))
    answered = set(db.session.scalars(select(Evaluation.user_id).where(Evaluation.run_id == run.id)))
    assert answered and newcomer.id not in answered  # left for the newcomer to answer
    evaluate_run_members(run)
    certified = [r.user_id for r in confirmed_registrations(run) if current_certificate(r.user_id, run.id)]
    assert newcomer.id in certified and len(certified) >= 3


def test_runs_are_open_for_registration(demo_consortium):
    now = utcnow()
    coming = db.session.scalars(
        select(CourseRun).where(CourseRun.status == RunStatus.PUBLISHED, CourseRun.starts_at > now)
    ).all()
    open_to = {
        run.id for run in coming for trainee in [_user("trainee.bioibal")] if registration_refusal(run, trainee) is None
    }
    assert len(open_to) >= 3


def _agrees(name: str) -> bool:
    first, surname = name.split(" ", 1)
    female = first.endswith("a")  # Polish female first names end in -a; the demo has no Kuba or Barnaba
    if MASCULINE_SURNAME.search(surname):
        return not female
    if FEMININE_SURNAME.search(surname):
        return female
    return True  # Nowak, Wójcik: one form for both


def test_the_polish_demo_names_agree_in_gender(demo_consortium):
    names = db.session.scalars(select(User.name).where(User.partner.has(code="LSK"))).all()
    assert len(names) > 10
    assert [name for name in names if not _agrees(name)] == []
    assert any(MASCULINE_SURNAME.search(name) for name in names)
    assert any(FEMININE_SURNAME.search(name) for name in names)


@pytest.mark.parametrize("first", FIRST_NAMES["LSK"])
def test_every_polish_first_name_agrees_with_every_polish_surname(first):
    assert (first[1] == FEMALE) == first[0].endswith("a")
    assert all(_agrees(full_name(first, last)) for last in LAST_NAMES["LSK"])


def test_a_demo_quiz_shows_its_right_answers_after_an_attempt(demo_consortium):
    quizzes = db.session.scalars(select(Quiz).where(Quiz.archived_at.is_(None))).all()
    showing = [quiz.course.code for quiz in quizzes if review_time_reached(quiz, quiz.answers_shown)]
    assert "CE01" in showing
