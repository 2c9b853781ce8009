"""Question banks, quizzes, attempts and answers.

A question's `spec` is the JSON its question type (see `question_types`) validates and scores; its
translations (`QuestionTranslation`) hold the same spec with translated texts, for reading only. An
attempt freezes its `layout` when it starts (question ids in display order, each with the seed that
orders its choices and the mark it carries), so a reload or a later change to the quiz never
changes what the trainee sees or how the attempt is scored.
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..catalogue.models import Course
from ..infra.db_types import UTCDateTime
from ..infra.errors import Conflict
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.labels import Labelled, wording
from ..infra.timeutil import utcnow
from .question_types import get_type

REVIEW_TIMES = ("immediately", "after_close", "never")
# What a new quiz shows after an attempt when nothing is said; "after_close" needs a closing time.
DEFAULT_FEEDBACK_SHOWN = "immediately"
DEFAULT_ANSWERS_SHOWN = "never"
GRADING_METHODS = ("highest", "last", "average")
QUIZ_SOURCES = ("content", "app")


class AttemptState(Labelled, enum.StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"  # closed and waiting for its automatic grading (done in the same transaction)
    NEEDS_GRADING = "needs_grading"  # an essay waits for a trainer
    GRADED = "graded"  # the score is final

    WORDING = wording(
        in_progress=_l("In progress"),
        submitted=_l("Submitted"),
        needs_grading=_l("Waiting for grading"),
        graded=_l("Graded"),
    )


class QuizWindow(Labelled, enum.StrEnum):
    """Whether a quiz takes new attempts at a moment (derived from its dates: no column)."""

    NOT_OPEN_YET = "not_open_yet"
    OPEN = "open"
    CLOSED = "closed"

    WORDING = wording(not_open_yet=_l("Not open yet"), open=_l("Open"), closed=_l("Closed"))


FINISHED_STATES = (AttemptState.SUBMITTED, AttemptState.NEEDS_GRADING, AttemptState.GRADED)


def _quoted(values: tuple[str, ...]) -> str:
    return ",".join(f"'{value}'" for value in values)


class QuestionCategory(db.Model):
    """A folder of a course's question bank, named by a GIFT `$CATEGORY:` path ("" is the top)."""

    __tablename__ = "question_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(String(255), default="")

    course: Mapped[Course] = relationship()

    __table_args__ = (UniqueConstraint("course_id", "path"),)

    @property
    def label(self) -> str:
        return self.path or _("(top level)")


class Question(db.Model):
    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(ForeignKey("question_category.id"), index=True)
    qtype: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    text_format: Mapped[str] = mapped_column(String(16), default="moodle")
    general_feedback: Mapped[str] = mapped_column(Text, default="")
    spec: Mapped[dict] = mapped_column(JSON)
    # sha256 of the content (question_types.Question.fingerprint): re-importing never duplicates.
    fingerprint: Mapped[str] = mapped_column(String(64))
    # The stable id a GIFT `// [id:…]` comment gives the question (Moodle's idnumber), unique in the bank:
    # content sync matches a question by it before its fingerprint, so a corrected text stays the same question.
    idnumber: Mapped[str | None] = mapped_column(String(100))
    source_file: Mapped[str | None] = mapped_column(String(255))  # "content:CE01/quiz.gift" or an upload's name
    source_line: Mapped[int | None]
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    category: Mapped[QuestionCategory] = relationship(lazy="joined")
    translations: Mapped[list["QuestionTranslation"]] = relationship(
        back_populates="question", cascade="all, delete-orphan", order_by="QuestionTranslation.language"
    )

    __table_args__ = (UniqueConstraint("course_id", "fingerprint"), UniqueConstraint("course_id", "idnumber"))

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def type_label(self) -> str:
        """The question type as people call it ("True/false"), never its code, in the reader's language."""
        return str(get_type(self.qtype).label)


class QuestionTranslation(db.Model):
    """A question's texts in another language, from a content course's translations/<lang>/ quiz file.

    `spec` has the original's shape, answers, order and weights, with the texts (choices, pairs, accepted
    answers, feedback) translated: it is shown, never scored. Scoring stays on the original question, so an
    attempt earns the same whatever the language it was read in.
    """

    __tablename__ = "question_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    general_feedback: Mapped[str] = mapped_column(Text, default="")
    spec: Mapped[dict] = mapped_column(JSON)

    question: Mapped[Question] = relationship(back_populates="translations")

    __table_args__ = (UniqueConstraint("question_id", "language"),)


class Quiz(db.Model):
    __tablename__ = "quiz"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    pass_mark: Mapped[int] = mapped_column(default=50)  # percent
    attempts_allowed: Mapped[int] = mapped_column(default=0)  # 0 = unlimited
    time_limit_minutes: Mapped[int] = mapped_column(default=0)  # 0 = no limit
    shuffle_questions: Mapped[bool] = mapped_column(default=False, server_default=false())
    shuffle_answers: Mapped[bool] = mapped_column(default=False, server_default=false())
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    feedback_shown: Mapped[str] = mapped_column(String(16), default=DEFAULT_FEEDBACK_SHOWN)
    answers_shown: Mapped[str] = mapped_column(String(16), default=DEFAULT_ANSWERS_SHOWN)
    grading_method: Mapped[str] = mapped_column(String(10), default="highest")
    source: Mapped[str] = mapped_column(String(10), default="app")
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    course: Mapped[Course] = relationship(lazy="joined")
    slots: Mapped[list["QuizSlot"]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan", order_by="QuizSlot.position"
    )

    __table_args__ = (
        UniqueConstraint("course_id", "slug"),
        CheckConstraint("pass_mark BETWEEN 0 AND 100", name="pass_mark_percent"),
        CheckConstraint("attempts_allowed >= 0 AND time_limit_minutes >= 0", name="limits_not_negative"),
        CheckConstraint(f"feedback_shown IN ({_quoted(REVIEW_TIMES)})", name="known_feedback_shown"),
        CheckConstraint(f"answers_shown IN ({_quoted(REVIEW_TIMES)})", name="known_answers_shown"),
        CheckConstraint(f"grading_method IN ({_quoted(GRADING_METHODS)})", name="known_grading_method"),
        CheckConstraint(f"source IN ({_quoted(QUIZ_SOURCES)})", name="known_source"),
    )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class QuizSlot(db.Model):
    """One place in a quiz: a fixed question, or `draw_count` questions drawn from a category."""

    __tablename__ = "quiz_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("question_category.id"), index=True)
    draw_count: Mapped[int | None]
    max_mark: Mapped[float] = mapped_column(Float, default=1.0)

    quiz: Mapped[Quiz] = relationship(back_populates="slots")
    question: Mapped[Question | None] = relationship(lazy="joined")
    category: Mapped[QuestionCategory | None] = relationship(lazy="joined")

    __table_args__ = (
        CheckConstraint(
            "(question_id IS NOT NULL AND category_id IS NULL AND draw_count IS NULL) OR "
            "(question_id IS NULL AND category_id IS NOT NULL AND draw_count >= 1)",
            name="fixed_or_random",
        ),
        CheckConstraint("max_mark > 0", name="positive_mark"),
    )

    @property
    def is_random(self) -> bool:
        return self.question_id is None


class Attempt(db.Model):
    __tablename__ = "quiz_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    number: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # start + time limit, or the quiz's close
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_automatically: Mapped[bool] = mapped_column(default=False, server_default=false())
    state: Mapped[str] = mapped_column(String(16), default=AttemptState.IN_PROGRESS)
    score: Mapped[float | None] = mapped_column(Float)  # fraction 0..1, once graded
    graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # [{"question_id": int, "seed": int, "mark": float}, ...] in display order.
    layout: Mapped[list] = mapped_column(JSON, default=list)

    quiz: Mapped[Quiz] = relationship(lazy="joined")
    user: Mapped[User] = relationship()
    answers: Mapped[list["AttemptAnswer"]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="AttemptAnswer.id"
    )

    __table_args__ = (
        UniqueConstraint("quiz_id", "user_id", "number"),
        Index("ix_quiz_attempt_state", "state"),
        # Covers the reports' grade aggregate (one pass per quiz and trainee, in attempt order) without the table.
        Index("ix_quiz_attempt_grades", "quiz_id", "user_id", "number", "state", "score"),
        CheckConstraint(f"state IN ({_quoted(tuple(AttemptState))})", name="known_state"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 1)", name="score_fraction"),
        CheckConstraint("number >= 1", name="positive_number"),
    )

    @property
    def is_in_progress(self) -> bool:
        return self.state == AttemptState.IN_PROGRESS

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def is_graded(self) -> bool:
        return self.state == AttemptState.GRADED

    def submit(self, at: datetime, *, automatically: bool) -> None:
        """Close the attempt for grading; a finished attempt cannot be submitted (or resumed) again."""
        self.refuse_if_finished()
        self.state = AttemptState.SUBMITTED
        self.submitted_at = at
        self.closed_automatically = automatically

    def refuse_if_finished(self) -> None:
        if self.is_finished:
            raise Conflict(_("This attempt is finished: its answers can no longer change."))

    def await_grader(self) -> None:
        """An answer waits for a trainer: no score until it is graded."""
        self._refuse_if_in_progress()
        self.state = AttemptState.NEEDS_GRADING
        self.score = self.graded_at = None

    def grade(self, score: float, now: datetime) -> None:
        """Every answer is scored: the attempt's score is final (until a grader changes an essay's mark)."""
        self._refuse_if_in_progress()
        self.state = AttemptState.GRADED
        self.score = score
        self.graded_at = now

    def _refuse_if_in_progress(self) -> None:
        if self.is_in_progress:
            raise Conflict(_("An attempt still in progress cannot be graded: submit it first."))

    @property
    def question_ids(self) -> list[int]:
        return [item["question_id"] for item in self.layout]


class AttemptAnswer(db.Model):
    """The trainee's answer to one question of an attempt, saved on its own as they answer."""

    __tablename__ = "attempt_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("quiz_attempt.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    response: Mapped[object | None] = mapped_column(JSON(none_as_null=True))
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The language the trainee read the question in when they saved this answer: a short answer typed in
    # Greek is matched against the Greek translation's accepted answers as well as the original's.
    language: Mapped[str | None] = mapped_column(String(8))
    auto_score: Mapped[float | None] = mapped_column(Float)  # fraction, from the question type
    manual_score: Mapped[float | None] = mapped_column(Float)  # fraction, set by a grader (essays)
    grader_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    grader_comment: Mapped[str] = mapped_column(Text, default="")
    graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attempt: Mapped[Attempt] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
    grader: Mapped[User | None] = relationship(foreign_keys=[grader_id])

    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id"),
        CheckConstraint(
            "manual_score IS NULL OR (manual_score >= 0 AND manual_score <= 1)", name="manual_score_fraction"
        ),
        CheckConstraint("auto_score IS NULL OR (auto_score >= 0 AND auto_score <= 1)", name="auto_score_fraction"),
    )

    @property
    def score(self) -> float | None:
        """The credit that counts: a grader's over the automatic one."""
        return self.manual_score if self.manual_score is not None else self.auto_score
