"""Curriculum taxonomy, courses and lessons, self-paced enrolment and progress, and materials.

Courses come from `course_content/` (source 'content', kept in step by `flask content sync`) or are
created in the app (source 'app', never touched by the sync). A course removed from disk is
archived, never deleted, so its history stays; so is a lesson removed from a course.
"""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..infra.db_types import UTCDateTime
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..infra.timeutil import utcnow

LEVELS = ("foundation", "advanced", "expert")
AUDIENCES = ("cluster_managers", "cluster_staff", "sme_staff")
FORMATS = ("in_person", "online", "hybrid")
SOURCES = ("content", "app")

# The words a person reads for each code, in the reader's language (read when shown).
LEVEL_LABELS = {"foundation": _l("Foundation"), "advanced": _l("Advanced"), "expert": _l("Expert")}
AUDIENCE_LABELS = {
    "cluster_managers": _l("Cluster managers"),
    "cluster_staff": _l("Cluster staff"),
    "sme_staff": _l("SME staff"),
}
FORMAT_LABELS = {"in_person": _l("In person"), "online": _l("Online"), "hybrid": _l("Hybrid")}


class CurriculumArea(db.Model):
    """An ESCA cluster-management benchmarking area, or the life-science value chain."""

    __tablename__ = "curriculum_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)


class Topic(db.Model):
    """A curriculum topic (ECON, STRAT, …): the code used by catalogue, needs, plans and reports."""

    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    track: Mapped[str] = mapped_column(String(40))
    area_id: Mapped[int] = mapped_column(ForeignKey("curriculum_area.id"))
    position: Mapped[int] = mapped_column(default=0)

    area: Mapped[CurriculumArea] = relationship(lazy="joined")


class CourseTopic(db.Model):
    __tablename__ = "course_topic"

    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    topic: Mapped[Topic] = relationship(lazy="joined")


class Course(db.Model):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")  # Markdown
    level: Mapped[str] = mapped_column(String(20))
    audience: Mapped[list] = mapped_column(JSON, default=list)
    formats: Mapped[list] = mapped_column(JSON, default=list)
    outcomes: Mapped[list] = mapped_column(JSON, default=list)
    prerequisites: Mapped[list] = mapped_column(JSON, default=list)  # course codes
    duration_hours: Mapped[float] = mapped_column(Numeric(6, 2, asdecimal=False), default=0)
    # Default completion rules of the course's runs (overridable per run).
    completion_rules: Mapped[dict] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    source: Mapped[str] = mapped_column(String(10), default="app")  # 'content' | 'app'
    source_hash: Mapped[str | None] = mapped_column(String(64))  # of the files it was synced from
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # Lower-cased text of title, summary, outcomes and lessons, for full-text search. Searched in SQL, never
    # shown: deferred, so loading a course does not fetch every lesson's text with it. Stored uncompressed
    # on PostgreSQL (migration 0c5e7a2d9b41): a search reads all of it.
    search_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    # Markdown for the people who teach the course (course_content's trainer-notes.md): timing, prompts,
    # model answers. Never shown to trainees; deferred like the search text.
    trainer_notes: Mapped[str | None] = mapped_column(Text, deferred=True)

    # Loaded on first use, not with every course: courses come along with runs, quizzes and certificates
    # on pages that never show their topics. Lists that show them load them eagerly (catalogue_query).
    course_topics: Mapped[list[CourseTopic]] = relationship(cascade="all, delete-orphan", order_by=CourseTopic.position)
    lessons: Mapped[list["Lesson"]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="Lesson.position"
    )
    translations: Mapped[list["CourseTranslation"]] = relationship(
        cascade="all, delete-orphan", order_by="CourseTranslation.language"
    )

    __table_args__ = (
        CheckConstraint("level IN ('foundation','advanced','expert')", name="known_level"),
        CheckConstraint("source IN ('content','app')", name="known_source"),
        CheckConstraint("duration_hours >= 0", name="duration_not_negative"),
    )

    @property
    def topics(self) -> list[Topic]:
        return [ct.topic for ct in self.course_topics]

    @property
    def main_topic(self) -> Topic | None:
        return self.course_topics[0].topic if self.course_topics else None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_from_content(self) -> bool:
        return self.source == "content"

    @property
    def active_lessons(self) -> list["Lesson"]:
        return [lesson for lesson in self.lessons if lesson.archived_at is None]


class Lesson(db.Model):
    __tablename__ = "lesson"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(default=0)
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Content lessons that state regulations, programmes or figures: when their facts were last checked,
    # and what against ({url, title, read}); shown on the lesson page.
    last_checked: Mapped[date | None] = mapped_column(Date)
    sources: Mapped[list] = mapped_column(JSON, default=list)

    course: Mapped[Course] = relationship(back_populates="lessons")
    translations: Mapped[list["LessonTranslation"]] = relationship(
        cascade="all, delete-orphan", order_by="LessonTranslation.language"
    )

    __table_args__ = (
        UniqueConstraint("course_id", "slug"),
        CheckConstraint("minutes >= 0", name="minutes_not_negative"),
    )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class CourseTranslation(db.Model):
    """A course's texts in another language; a missing field falls back to the original."""

    __tablename__ = "course_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    outcomes: Mapped[list | None] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("course_id", "language"),)


class LessonTranslation(db.Model):
    __tablename__ = "lesson_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("lesson_id", "language"),)


class Enrolment(db.Model):
    """A trainee studying a course at their own pace (registering for a scheduled run is separate)."""

    __tablename__ = "enrolment"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # "Where I stopped": the lesson the trainee opened last.
    last_lesson_id: Mapped[int | None] = mapped_column(ForeignKey("lesson.id", ondelete="SET NULL"))
    last_viewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course: Mapped[Course] = relationship()
    last_lesson: Mapped[Lesson | None] = relationship()

    __table_args__ = (UniqueConstraint("user_id", "course_id"),)


class LessonProgress(db.Model):
    """When a user first opened a lesson and when they marked it as done."""

    __tablename__ = "lesson_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"), index=True)
    first_viewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lesson: Mapped[Lesson] = relationship()

    __table_args__ = (UniqueConstraint("user_id", "lesson_id"),)


class Material(db.Model):
    """A file trainers share, attached to any owner (a course, a lesson, later a run) by type and id."""

    __tablename__ = "material"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    versions: Mapped[list["MaterialVersion"]] = relationship(
        back_populates="material",
        cascade="all, delete-orphan",
        order_by="MaterialVersion.number.desc()",
        lazy="selectin",
    )

    __table_args__ = (Index("ix_material_owner", "owner_type", "owner_id"),)

    @property
    def current_version(self) -> "MaterialVersion | None":
        return self.versions[0] if self.versions else None


class MaterialVersion(db.Model):
    """One uploaded file of a material; a new upload adds a version and keeps the old ones."""

    __tablename__ = "material_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("material.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    storage_key: Mapped[str] = mapped_column(String(128))
    original_name: Mapped[str] = mapped_column(String(255))  # as the uploader named it; shown escaped
    file_name: Mapped[str] = mapped_column(String(255))  # made safe; used for downloads
    kind: Mapped[str] = mapped_column(String(20))  # pdf, docx, png… as found in the content
    content_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(500), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    material: Mapped[Material] = relationship(back_populates="versions")

    __table_args__ = (
        UniqueConstraint("material_id", "number"),
        CheckConstraint("number >= 1", name="positive_number"),
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
    )
