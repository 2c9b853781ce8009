"""A small consortium where every kind of object exists, owned by HBIO people, and one actor per role.

The actors own none of the objects: the trainee is not the registered learner, the trainer does not
teach the run, and the partner coordinators are of the owning partner (HBIO) and of another (LSK).
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from ecri_lms.accounts.login_sessions import LAST_SEEN_STEP, live_session_of
from ecri_lms.accounts.models import LoginSession, User
from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.assessment.models import AttemptAnswer
from ecri_lms.assessment.services import start_attempt, submit_attempt
from ecri_lms.attendance.checkin import open_check_in
from ecri_lms.certificates.services.issuing import issue_manually
from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.models import OutboxStatus
from ecri_lms.infra.mail.outbox import queue_mail
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs.services.plans import ItemSpec, add_item, create_plan
from ecri_lms.needs.services.surveys import create_links
from tests.assessment import builders
from tests.factories import Factory, login_identity

# The roles of the authorisation matrix, in the order of its columns.
ROLES = ("anonymous", "trainee", "trainer", "pc_own", "pc_other", "cc", "admin")


@dataclass
class World:
    actors: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)
    # What each actor's session cookie carries (User.get_id): a login session of theirs built with the world.
    identities: dict = field(default_factory=dict)
    # The world as built again, undoing what the test's requests changed (set by the `world` fixture).
    restored: Callable[[], "World"] | None = field(default=None, repr=False)

    def signed_in(self, role: str) -> str:
        """The identity of the role's actor: their login session of the world while it lasts, else a new one
        (a request logged them out, or a test could outlive it)."""
        identity = self.identities.get(role)
        if identity is None or not _lasts_the_test(identity):
            identity = self.identities[role] = login_identity(self.actors[role])
        return identity


def _lasts_the_test(identity: str) -> bool:
    """The login session is live, of the account's current version, and too recent for a request to note
    it seen (which writes) before the test ends."""
    user_id, version, token = identity.split(":")
    live = (
        select(func.count())
        .select_from(LoginSession)
        .join(User, live_session_of(User.id, token))
        .where(User.id == int(user_id), User.session_version == int(version))
        .where(LoginSession.last_seen_at > utcnow() - LAST_SEEN_STEP / 2)
    )
    return db.session.scalar(live) == 1


def build_world(make: Factory) -> World:
    world = World()
    make.curriculum_topics()
    world.actors = {
        "anonymous": None,
        "trainee": make.trainee("HBIO"),
        "trainer": make.trainer("HBIO"),
        "pc_own": make.partner_coordinator("HBIO"),
        "pc_other": make.partner_coordinator("LSK"),
        "cc": make.consortium_coordinator(),
        "admin": make.admin(),
    }
    learner, teacher = make.trainee("HBIO"), make.trainer("HBIO")
    # Not roles of the matrix: the run's own trainee and trainer, whose pages show what only they are offered.
    world.actors |= {"learner": learner, "teacher": teacher}
    world.identities = {role: login_identity(user) for role, user in world.actors.items() if user is not None}
    course = make.course("HB101", topics=("ECON",))
    course.trainer_notes = "## Lesson 01\n\nModel answers for the trainers."
    material = make.material(course, uploader=teacher)
    run = make.run(course, partner="HBIO", trainers=[teacher])
    registration = make.registration(run, learner)
    quiz = builders.quiz(course, title="HBIO quiz")
    attempt = start_attempt(learner, quiz)
    db.session.flush()
    submit_attempt(learner, attempt, {})
    essay = db.session.scalar(
        select(AttemptAnswer)
        .join(AttemptAnswer.question)
        .where(AttemptAnswer.attempt_id == attempt.id)
        .where(AttemptAnswer.question.has(qtype="essay"))
    )
    survey = make.survey("HBIO needs", partner="HBIO")
    _respondent, token = create_links(SYSTEM, survey, partner_code="HBIO", organisation_type="sme", count=1)[0]
    plan = create_plan(
        SYSTEM,
        partner_code="HBIO",
        title="HBIO plan 2027",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
    )
    item = add_item(
        SYSTEM,
        plan,
        ItemSpec(topic_code="ECON", target_trainees=10, target_start=date(2027, 2, 1), target_end=date(2027, 6, 30)),
    )
    certificate = issue_manually(SYSTEM, run, learner, "Completed on paper.")
    window = open_check_in(SYSTEM, run.sessions[0], 30)
    undelivered = queue_mail(learner.email, "HBIO news", "An e-mail the SMTP server refused.", user=learner)
    undelivered.status = OutboxStatus.FAILED.value
    db.session.commit()
    world.ids = {
        "user_id": learner.id,
        "course_id": course.id,
        "code": course.code,
        "slug": course.lessons[0].slug,
        "material_id": material.id,
        "run_id": run.id,
        "session_id": run.sessions[0].id,
        "training_session_id": run.sessions[0].id,
        "venue_id": run.sessions[0].venue_id,
        "registration_id": registration.id,
        "quiz_id": quiz.id,
        "slot_id": quiz.slots[0].id,
        "attempt_id": attempt.id,
        "answer_id": essay.id,
        "question_id": essay.question_id,
        "survey_id": survey.id,
        "survey_token": token,
        "plan_id": plan.id,
        "item_id": item.id,
        "partner_code": "HBIO",
        "filename": "media/missing.png",
        "bogus_token": secrets.token_urlsafe(16),
        "certificate_id": certificate.id,
        "certificate_code": certificate.code,
        "check_in_code": window.code,
        "fmt": "csv",
        "key": "registered",
        "chart_key": "completions",
        "table": "runs",
        "outbox_id": undelivered.id,
    }
    return world
