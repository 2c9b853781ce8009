"""A trainee's evaluation of a run they attended, its per-topic competence ratings, and sent invitations.

Level 1 (reaction): how useful the run was, the trainer and the organisation, 1–5, and a comment.
Level 2 (learning): the trainee's competence now in each topic of the run's course, 1–5, and how
important the topic is for their work (the two ratings of a needs survey, so that a coordinator can
turn the evaluations of a plan's runs into a follow-up survey round: `follow_up.py`). The trainee's
partner is kept as it was when they answered.
"""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, SmallInteger, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..catalogue.models import Topic
from ..infra.db_types import UTCDateTime
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..infra.labels import Labelled, wording
from ..infra.timeutil import utcnow
from ..needs.models import Survey
from ..scheduling.models import CourseRun

LEVEL_ONE = ("usefulness", "trainer", "organisation")


class EvaluationStanding(Labelled, enum.StrEnum):
    """Where a confirmed trainee stands with a run's evaluation (derived: no column)."""

    GIVEN = "given"
    OPEN = "open"
    NOT_YET = "not_yet"  # the run is not over
    CLOSED = "closed"

    WORDING = wording(
        given=_l("Evaluation given"), open=_l("Evaluation open"), not_yet=_l("Not open yet"), closed=_l("Closed")
    )


class Evaluation(db.Model):
    """One trainee's answer about one run: at most one each, final once sent."""

    __tablename__ = "run_evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("course_run.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    usefulness: Mapped[int] = mapped_column(SmallInteger)
    trainer: Mapped[int] = mapped_column(SmallInteger)
    organisation: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    run: Mapped[CourseRun] = relationship()
    ratings: Mapped[list["TopicCompetence"]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )

    __table_args__ = (
        UniqueConstraint("run_id", "user_id"),
        CheckConstraint("usefulness BETWEEN 1 AND 5", name="usefulness_scale"),
        CheckConstraint("trainer BETWEEN 1 AND 5", name="trainer_scale"),
        CheckConstraint("organisation BETWEEN 1 AND 5", name="organisation_scale"),
    )


class TopicCompetence(db.Model):
    """A trainee's competence after the run in one of its topics."""

    __tablename__ = "run_evaluation_topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("run_evaluation.id", ondelete="CASCADE"))
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    competence: Mapped[int] = mapped_column(SmallInteger)
    importance: Mapped[int | None] = mapped_column(SmallInteger)  # None in evaluations sent before it was asked

    evaluation: Mapped[Evaluation] = relationship(back_populates="ratings")
    topic: Mapped[Topic] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("evaluation_id", "topic_id"),
        CheckConstraint("competence BETWEEN 1 AND 5", name="competence_scale"),
        CheckConstraint("importance BETWEEN 1 AND 5", name="importance_scale"),
    )


class FollowUpRound(db.Model):
    """A needs survey made from the evaluations of the runs that served a training plan."""

    __tablename__ = "run_evaluation_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("needs_training_plan.id", ondelete="CASCADE"), index=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("needs_survey.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    survey: Mapped[Survey] = relationship(lazy="joined")


class EvaluationInvitation(db.Model):
    """That a run's trainees were invited to evaluate it, so nobody is notified twice."""

    __tablename__ = "run_evaluation_invitation"

    run_id: Mapped[int] = mapped_column(ForeignKey("course_run.id", ondelete="CASCADE"), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
