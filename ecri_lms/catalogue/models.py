"""Curriculum taxonomy, courses and lessons.

Courses come from `course_content/` (source 'content', kept in step by `flask content sync`) or are
created in the app (source 'app', never touched by the sync). A course removed from disk is
archived, never deleted, so its history stays.
"""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import UTCDateTime
from ..extensions import db
from ..timeutil import utcnow

LEVELS = ("foundation", "advanced", "expert")
AUDIENCES = ("cluster_managers", "cluster_staff", "sme_staff")
FORMATS = ("in_person", "online", "hybrid")


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
    duration_hours: Mapped[float] = mapped_column(Numeric(6, 2), default=0)
    # Default completion rules of the course's runs (overridable per run).
    completion_rules: Mapped[dict] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    source: Mapped[str] = mapped_column(String(10), default="app")  # 'content' | 'app'
    source_hash: Mapped[str | None] = mapped_column(String(64))  # of the files it was synced from
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # Lower-cased text of title, summary, outcomes and lessons, for full-text search.
    search_text: Mapped[str] = mapped_column(Text, default="")

    course_topics: Mapped[list[CourseTopic]] = relationship(
        cascade="all, delete-orphan", order_by=CourseTopic.position, lazy="selectin")
    lessons: Mapped[list["Lesson"]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="Lesson.position")

    __table_args__ = (
        CheckConstraint("level IN ('foundation','advanced','expert')", name="known_level"),
        CheckConstraint("source IN ('content','app')", name="known_source"),
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

    course: Mapped[Course] = relationship(back_populates="lessons")

    __table_args__ = (UniqueConstraint("course_id", "slug"),)


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
