"""What the loader read from disk, validated: the input of the database writer and of sync hooks."""

from dataclasses import dataclass, field
from pathlib import Path

from .provenance import Provenance
from .yamltext import Document


@dataclass(frozen=True)
class LessonSource:
    slug: str
    number: int  # the NN of NN-slug.md: lessons are ordered by it
    title: str
    minutes: int
    body: str
    rel: str
    provenance: Provenance = Provenance(None, ())


@dataclass(frozen=True)
class LessonTranslationSource:
    slug: str
    title: str | None
    body: str | None
    rel: str


@dataclass(frozen=True)
class CourseTranslationSource:
    language: str
    title: str | None
    summary: str | None
    description: str | None
    outcomes: list[str] | None
    lessons: tuple[LessonTranslationSource, ...]


@dataclass(frozen=True)
class QuizSpec:
    """A quiz named in a course's front matter; the assessment area loads its GIFT file."""

    slug: str
    title: str
    file: Path
    rel: str  # the GIFT file, relative to the content directory
    pass_mark: int
    attempts: int
    time_limit_minutes: int
    shuffle: bool
    line: int  # where the quiz is declared in index.md
    review: dict[str, str] = field(default_factory=dict)  # feedback_shown / answers_shown, when the file says


@dataclass
class CourseSource:
    code: str
    directory: Path
    rel_dir: str
    document: Document  # index.md's front matter, for hooks that report errors on its lines
    title: str
    summary: str
    description: str
    level: str
    audience: list[str]
    topics: list[str]
    outcomes: list[str]
    duration_hours: float
    formats: list[str]
    prerequisites: list[str]
    language: str
    completion: dict
    quizzes: list[QuizSpec] = field(default_factory=list)
    lessons: list[LessonSource] = field(default_factory=list)
    translations: list[CourseTranslationSource] = field(default_factory=list)
    trainer_notes: str | None = None  # Markdown, shown to the people who teach the course
    fingerprint: str = ""

    @property
    def index_rel(self) -> str:
        return f"{self.rel_dir}/index.md"
