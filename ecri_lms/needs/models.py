"""Needs surveys and their answers, partners' self-assessments, and versioned training plans."""

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..accounts.organisations import OrganisationType, Partner
from ..catalogue.models import Course, CurriculumArea, Topic
from ..infra.db_types import UTCDateTime
from ..infra.errors import Conflict
from ..infra.extensions import db
from ..infra.i18n import N_
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.labels import Labelled, wording
from ..infra.timeutil import utcnow


def _values(enum_class) -> str:
    return ",".join(f"'{member.value}'" for member in enum_class)


ORG_TYPE_VALUES = _values(OrganisationType)
SCALE = range(1, 6)


class SurveyStatus(Labelled, enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"

    WORDING = wording(draft=_l("Draft"), open=_l("Open"), closed=_l("Closed"))


# Which status may follow which: a closed survey can be reopened, a draft never comes back.
SURVEY_TRANSITIONS = {
    SurveyStatus.DRAFT: {SurveyStatus.OPEN},
    SurveyStatus.OPEN: {SurveyStatus.CLOSED},
    SurveyStatus.CLOSED: {SurveyStatus.OPEN},
}

survey_topic = Table(
    "needs_survey_topic",
    db.metadata,
    Column("survey_id", ForeignKey("needs_survey.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id"), primary_key=True),
)


class Survey(db.Model):
    """A needs survey of one partner's members, or of the whole consortium (no partner)."""

    __tablename__ = "needs_survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=SurveyStatus.DRAFT, server_default=SurveyStatus.DRAFT.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    partner: Mapped[Partner | None] = relationship(lazy="joined")
    topics: Mapped[list[Topic]] = relationship(secondary=survey_topic, order_by=Topic.position, lazy="selectin")

    __table_args__ = (CheckConstraint(f"status IN ({_values(SurveyStatus)})", name="known_status"),)

    @property
    def is_consortium_wide(self) -> bool:
        return self.partner_id is None

    @property
    def scope_label(self) -> str:
        return _("Consortium-wide") if self.partner is None else self.partner.short_name

    @property
    def topic_codes(self) -> list[str]:
        return [topic.code for topic in self.topics]

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == SurveyStatus.CLOSED

    @property
    def next_statuses(self) -> list[SurveyStatus]:
        """The statuses the survey may move to now, in the order its buttons show them."""
        return sorted(SURVEY_TRANSITIONS[SurveyStatus(self.status)])

    def change_status(self, new: SurveyStatus) -> None:
        """Move to `new` if the lifecycle allows it (draft → open → closed, closed → open)."""
        current = SurveyStatus(self.status)
        if new not in SURVEY_TRANSITIONS[current]:
            raise Conflict(
                _("A survey in the state %(current)s cannot become %(new)s.", current=current.label, new=new.label)
            )
        self.status = new

    def refuse_if_closed(self) -> None:
        if self.is_closed:
            raise Conflict(_("This survey is closed: reopen it before adding answers or links."))


class SurveyTranslation(db.Model):
    """A survey's name in another language, as its respondents read it; none: the original name."""

    __tablename__ = "needs_survey_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("needs_survey.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("survey_id", "language"),)


class SurveyItemTranslation(db.Model):
    """One item of a survey (a topic it asks about) in another language: the text a respondent reads
    instead of the topic's name. Answers still name the topic, so every language counts the same."""

    __tablename__ = "needs_survey_item_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("needs_survey.id", ondelete="CASCADE"))
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(String(300))

    __table_args__ = (UniqueConstraint("survey_id", "topic_id", "language"),)


class Respondent(db.Model):
    """One answering organisation: reached by a one-use link (token) or imported (external id)."""

    __tablename__ = "needs_respondent"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("needs_survey.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    organisation_type: Mapped[str] = mapped_column(String(20))
    # The respondent id of an imported file; unique per survey and partner, so that partners may
    # number their respondents independently and a re-import replaces rather than duplicates.
    external_id: Mapped[str | None] = mapped_column(String(64))
    # SHA-256 of the link's token: the token itself is handed out once and never stored.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    survey: Mapped[Survey] = relationship()
    partner: Mapped[Partner] = relationship(lazy="joined")
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        UniqueConstraint("survey_id", "partner_id", "external_id"),
        CheckConstraint(f"organisation_type IN ({ORG_TYPE_VALUES})", name="known_org_type"),
    )

    @property
    def organisation_type_label(self) -> str:
        return OrganisationType(self.organisation_type).label


class Answer(db.Model):
    """A respondent's two ratings of one topic; either may be missing ("no answer")."""

    __tablename__ = "needs_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("needs_respondent.id", ondelete="CASCADE"))
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    importance: Mapped[int | None] = mapped_column(SmallInteger)
    competence: Mapped[int | None] = mapped_column(SmallInteger)

    respondent: Mapped[Respondent] = relationship(back_populates="answers")
    topic: Mapped[Topic] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("respondent_id", "topic_id"),
        CheckConstraint("importance BETWEEN 1 AND 5", name="importance_scale"),
        CheckConstraint("competence BETWEEN 1 AND 5", name="competence_scale"),
    )


class SelfAssessment(db.Model):
    """A partner's cluster-management self-assessment in one curriculum area (the comparative analysis)."""

    __tablename__ = "needs_self_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    area_id: Mapped[int] = mapped_column(ForeignKey("curriculum_area.id"))
    score: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    partner: Mapped[Partner] = relationship(lazy="joined")
    area: Mapped[CurriculumArea] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("partner_id", "area_id"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_scale"),
    )


EMPTY_PLAN = N_("An empty plan cannot be approved: add at least one need.")


class PlanStatus(Labelled, enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"

    WORDING = wording(draft=_l("Draft"), approved=_l("Approved"))


DRAFT_VERSION = f"status = '{PlanStatus.DRAFT}'"


class TrainingPlan(db.Model):
    """A partner's training plan for a period; its content lives in numbered versions."""

    __tablename__ = "needs_training_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("needs_survey.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    partner: Mapped[Partner] = relationship(lazy="joined")
    survey: Mapped[Survey | None] = relationship()
    versions: Mapped[list["PlanVersion"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanVersion.number", lazy="selectin"
    )

    __table_args__ = (
        UniqueConstraint("partner_id", "period_start", "period_end"),
        CheckConstraint("period_end >= period_start", name="period_in_order"),
    )

    @property
    def latest(self) -> "PlanVersion":
        return self.versions[-1]

    @property
    def draft(self) -> "PlanVersion | None":
        return next((v for v in self.versions if v.status == PlanStatus.DRAFT), None)

    @property
    def last_approved(self) -> "PlanVersion | None":
        approved = [v for v in self.versions if v.status == PlanStatus.APPROVED]
        return approved[-1] if approved else None

    def version(self, number: int) -> "PlanVersion | None":
        return next((v for v in self.versions if v.number == number), None)


class PlanVersion(db.Model):
    """One version of a plan: a draft being edited, or an approved version that never changes again."""

    __tablename__ = "needs_plan_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("needs_training_plan.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default=PlanStatus.DRAFT, server_default=PlanStatus.DRAFT.value)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("needs_plan_version.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    plan: Mapped[TrainingPlan] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    based_on: Mapped["PlanVersion | None"] = relationship(remote_side=[id])
    items: Mapped[list["PlanItem"]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="PlanItem.position", lazy="selectin"
    )

    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        CheckConstraint(f"status IN ({_values(PlanStatus)})", name="known_status"),
        # At most one draft per plan: editing always continues the same draft.
        Index(
            "uq_needs_plan_version_one_draft",
            "plan_id",
            unique=True,
            sqlite_where=text(DRAFT_VERSION),
            postgresql_where=text(DRAFT_VERSION),
        ),
    )

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED

    def ensure_editable(self) -> None:
        if self.is_approved:
            raise Conflict(
                _(
                    "Version %(number)d is approved and frozen: start a new draft to change the plan.",
                    number=self.number,
                )
            )

    def approve(self, by_id: int | None) -> None:
        """Freeze this draft as approved (who may approve it is the service's rule)."""
        self.ensure_editable()
        if not self.items:
            raise Conflict(_(EMPTY_PLAN))
        self.status = PlanStatus.APPROVED
        self.approved_at = utcnow()
        self.approved_by_id = by_id


plan_item_course = Table(
    "needs_plan_item_course",
    db.metadata,
    Column("item_id", ForeignKey("needs_plan_item.id", ondelete="CASCADE"), primary_key=True),
    Column("course_id", ForeignKey("course.id"), primary_key=True),
)


class PlanItem(db.Model):
    """A need the plan addresses: a topic, the courses for it, and the trainees and period aimed at."""

    __tablename__ = "needs_plan_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("needs_plan_version.id", ondelete="CASCADE"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"))
    position: Mapped[int] = mapped_column(default=0)
    target_trainees: Mapped[int] = mapped_column(Integer)
    target_org_types: Mapped[list] = mapped_column(JSON, default=list)
    target_start: Mapped[date] = mapped_column(Date)
    target_end: Mapped[date] = mapped_column(Date)
    # The need as ranked when the item was added, kept so the plan shows why the topic is in it.
    need_rank: Mapped[int | None] = mapped_column(Integer)
    need_mwds: Mapped[Decimal | None] = mapped_column(Numeric(10, 4))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    version: Mapped[PlanVersion] = relationship(back_populates="items")
    topic: Mapped[Topic] = relationship(lazy="joined")
    courses: Mapped[list[Course]] = relationship(secondary=plan_item_course, order_by=Course.code, lazy="selectin")

    __table_args__ = (
        UniqueConstraint("version_id", "topic_id"),
        CheckConstraint("target_trainees > 0", name="positive_target"),
        CheckConstraint("target_end >= target_start", name="target_period_in_order"),
    )

    @property
    def target_org_type_labels(self) -> list[str]:
        return [OrganisationType(value).label for value in self.target_org_types]
