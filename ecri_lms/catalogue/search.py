"""Search over courses and their lessons in the reader's language, the same on SQLite and PostgreSQL.

Words are matched by their stem in the language of the text they stand in: "patents" finds "patent",
"patentów" finds "patentu", "διπλώματα" finds "δίπλωμα". The stemming is done here, in Python, with the
Snowball stemmers of the five languages the product speaks, because neither database can do it for all
five: SQLite has no stemming at all, and PostgreSQL's text-search configurations have no Polish.

Two indexes, both rebuilt by `refresh_search_text`, which the content sync and every edit in the app call:
- the search index (`search_document`, `search_stem`): one document per course and per active lesson in
  each language it is written in (the original and each translation), and the set of its words' stems.
  A query word is stemmed in the reader's language, matched in a text of any language, and in every
  language, matched in the texts written in that language, so a Polish reader's "patentów" finds a Polish
  lesson ("patentu") and an English one ("patent"). Each word is stemmed as written and without its
  accents, in the text and in the query alike: "patentow" typed without diacritics still finds "patentów".
- `course.search_text`, everything a course says in one lower-cased, accent-folded string: a term with
  signs other than punctuation ("5%", "export_index") must also be found there as typed, a substring.

A search is a constant number of queries: the catalogue's page of courses (`matches_all` in its query),
then `search_hits` for the lessons and the marked snippets of the courses on that page.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from markupsafe import Markup, escape
from sqlalchemy import ForeignKey, Index, String, and_, delete, false, insert, or_, select
from sqlalchemy.orm import Mapped, mapped_column, selectinload

from ..infra.extensions import db
from ..infra.i18n import current_language
from .models import Course, CourseTranslation, Lesson

MAX_TERMS = 8
MAX_TERM_LENGTH = 60
MAX_STEM_LENGTH = 64
LESSONS_PER_COURSE = 3  # lessons shown under a course in the results; the course page lists the rest
SNIPPET_BEFORE = 60  # characters of context before the first matched word
SNIPPET_LENGTH = 240

# The Snowball algorithm of each language the product speaks (`infra.i18n.LANGUAGES`; Polish came with
# snowballstemmer 3.1).
STEMMERS = {"en": "english", "es": "spanish", "el": "greek", "pl": "polish", "it": "italian"}

WORD = re.compile(r"[^\W_]+")  # letters and digits: "export_index" is two words, "ris3" one


class SearchDocument(db.Model):
    """A course (lesson_id NULL: its title, summary, description, outcomes and topics) or one of its active
    lessons, in one language: the original's or a translation's. Its stems are in `search_stem`."""

    __tablename__ = "search_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    lesson_id: Mapped[int | None] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))


class SearchStem(db.Model):
    """One stem of a document's words. The key (stem, document) is the index a query word is looked up in."""

    __tablename__ = "search_stem"

    stem: Mapped[str] = mapped_column(String(MAX_STEM_LENGTH), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("search_document.id", ondelete="CASCADE"), primary_key=True)

    __table_args__ = (Index("ix_search_stem_document_id", "document_id"),)


# --- Words and stems ---


def fold(text: str) -> str:
    """Lower-case, without accents, whitespace collapsed: 'Kraków  Łódź' → 'krakow lodz'."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


_stemmers = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


def _stemmer(algorithm: str):
    found = _stemmers.__dict__.setdefault("by_algorithm", {})
    if algorithm not in found:
        found[algorithm] = snowballstemmer.stemmer(algorithm)
    return found[algorithm]


@lru_cache(maxsize=50_000)  # the whole curriculum in five languages has about 26,000 words
def word_stems(word: str, language: str) -> frozenset[str]:
    """The stems a word is indexed and looked up by in a language, accent-folded: the word stemmed as
    written (Polish and Spanish endings carry accents: "patentów" → "patent") and stemmed without its
    accents (as someone types it without diacritics). Greek is stemmed lower-cased and without its accents
    only. A language the product does not speak is not stemmed."""
    folded = fold(word)
    algorithm = STEMMERS.get(language)
    if algorithm is None:
        return frozenset({folded[:MAX_STEM_LENGTH]})
    stem = _stemmer(algorithm).stemWord
    forms = {folded} if language == "el" else {word.lower(), folded}
    return frozenset(fold(stem(form))[:MAX_STEM_LENGTH] for form in forms)


def text_stems(text: str, language: str) -> set[str]:
    """The stems of every word of a text."""
    stems: set[str] = set()
    for word in set(WORD.findall(text)):
        stems |= word_stems(word, language)
    return stems


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](target) and ![alt](image): their text only
_BARE_URL = re.compile(r"https?://[^\s>)]+")  # (starting with a literal: an optional "<" first is 40 times slower)
_LINE_MARKS = re.compile(r"^[ \t]*(?:#{1,6}|>|[-+*]|\d+\.)[ \t]+", re.MULTILINE)  # headings, quotes, list items
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.MULTILINE)
_MARKS = re.compile(r"[*_`]+")


def _emphasis_dropped(match: re.Match) -> str:
    """Emphasis and code marks go; an underscore inside a word ("export_index") stays."""
    text, start, end = match.string, match.start(), match.end()
    inside_a_word = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    return match.group() if inside_a_word and "`" not in match.group() else ""


def plain_text(markdown: str) -> str:
    """What a reader reads of Markdown, roughly: link text without addresses, no emphasis marks, headings'
    or list items' marks or table rules; HTML is left as text (it is escaped wherever it is shown)."""
    text = _LINK.sub(r"\1", markdown or "")
    text = _BARE_URL.sub("", text).replace("<>", "")
    text = _TABLE_RULE.sub(" ", text)
    text = _LINE_MARKS.sub("", text).replace("|", " ")
    return " ".join(_MARKS.sub(_emphasis_dropped, text).split())


# --- Building the indexes ---


def course_search_text(course: Course) -> str:
    """Everything a trainee might search a course by, in one folded string."""
    parts: list[str] = [
        course.code,
        course.title,
        course.summary or "",
        course.description or "",
        *(course.outcomes or []),
    ]
    parts += [f"{topic.code} {topic.name}" for topic in course.topics]
    for lesson in course.active_lessons:
        parts += [lesson.title, lesson.body or ""]
        parts += [f"{t.title or ''} {t.body or ''}" for t in lesson.translations]
    for translation in course.translations:
        parts += [
            translation.title or "",
            translation.summary or "",
            translation.description or "",
            *(translation.outcomes or []),
        ]
    return fold(" ".join(parts))


def _course_fields(course: Course, language: str) -> list[str]:
    """The course's own texts in a language (its original's, or a translation's; a field a translation
    leaves out is found in the original's document)."""
    if language == course.language:
        topics = [f"{topic.code} {topic.name}" for topic in course.topics]
        own = [course.code, course.title, course.summary, plain_text(course.description), *(course.outcomes or [])]
        return own + topics
    translation = next(t for t in course.translations if t.language == language)
    return [
        translation.title or "",
        translation.summary or "",
        plain_text(translation.description or ""),
        *(translation.outcomes or []),
    ]


def index_documents(course) -> list[tuple[int | None, str, set[str]]]:
    """(lesson id or None for the course itself, language, stems) of each of a course's documents: the
    course and each active lesson, in its original language and in each translation. Reads only the
    attributes a Course has (the migration that built the first index hands it plain objects)."""
    original = course.language or "en"
    documents: list[tuple[int | None, str, set[str]]] = []
    for language in [original] + [t.language for t in course.translations if t.language != original]:
        text = " ".join(filter(None, _course_fields(course, language)))
        documents.append((None, language, text_stems(text, language)))
    for lesson in course.active_lessons:
        documents.append((lesson.id, original, text_stems(f"{lesson.title} {plain_text(lesson.body)}", original)))
        for translation in lesson.translations:
            if translation.language != original:
                text = f"{translation.title or ''} {plain_text(translation.body or '')}"
                documents.append((lesson.id, translation.language, text_stems(text, translation.language)))
    return documents


def refresh_search_text(course: Course) -> None:
    """Rebuild the course's search text and its documents in the search index (after any change to its
    texts, lessons or translations). Flushes: the index rows refer to the course's and lessons' ids."""
    course.search_text = course_search_text(course)
    session = db.session
    if course not in session:
        session.add(course)
    session.flush()
    documents = index_documents(course)
    old = select(SearchDocument.id).where(SearchDocument.course_id == course.id)
    unsynchronised = {"synchronize_session": False}  # index rows are never loaded as objects
    session.execute(delete(SearchStem).where(SearchStem.document_id.in_(old)), execution_options=unsynchronised)
    session.execute(
        delete(SearchDocument).where(SearchDocument.course_id == course.id), execution_options=unsynchronised
    )
    if not documents:
        return
    ids = session.scalars(
        insert(SearchDocument).returning(SearchDocument.id, sort_by_parameter_order=True),
        [
            {"course_id": course.id, "lesson_id": lesson_id, "language": language}
            for lesson_id, language, _ in documents
        ],
    ).all()
    rows = [
        {"document_id": document_id, "stem": stem}
        for document_id, (_lesson_id, _language, stems) in zip(ids, documents, strict=True)
        for stem in stems
    ]
    if rows:
        session.execute(insert(SearchStem), rows)


# --- Querying ---


# What a term may hold besides letters and digits and still be only words: hyphens, apostrophes and the
# punctuation around words. Any other sign ("5%", "export_index", "C++") is also looked for as it is typed.
_ONLY_WORDS = re.compile(r"(?:[^\W_]|[-'’.,;:!?()\"«»¿¡])*")


@dataclass(frozen=True)
class SearchTerm:
    """One whitespace-separated term of a query: its folded text, its words as typed, and whether the
    folded text itself must be in the course (a term with signs that are not punctuation)."""

    folded: str
    words: tuple[str, ...]
    literal: bool


def search_terms(query: str) -> list[SearchTerm]:
    """The terms of a query; at most a few, each of bounded length."""
    terms = []
    for typed in (query or "").split()[:MAX_TERMS]:
        typed = typed[:MAX_TERM_LENGTH]
        if folded := fold(typed):
            terms.append(SearchTerm(folded, tuple(WORD.findall(typed)), not _ONLY_WORDS.fullmatch(typed)))
    return terms


@dataclass(frozen=True)
class WordQuery:
    """The stems one query word is looked for by: `anywhere`, stemmed in the reader's language, in a text
    of any language; `by_language[L]`, stemmed in language L, in the texts written in L; `unstemmed` in a
    text in a language the product does not stem."""

    anywhere: frozenset[str]
    by_language: dict[str, frozenset[str]]
    unstemmed: str

    @classmethod
    def of(cls, word: str, reader_language: str) -> "WordQuery":
        by_language = {language: word_stems(word, language) for language in STEMMERS}
        anywhere = by_language.get(reader_language, frozenset())
        return cls(anywhere, by_language, fold(word)[:MAX_STEM_LENGTH])

    def stems_in(self, language: str) -> frozenset[str]:
        """The stems that, found in a text written in `language`, are this word."""
        return self.anywhere | self.by_language.get(language, frozenset({self.unstemmed}))

    def condition(self):
        """True for a (search_stem joined to search_document) row that is this word."""
        extra: dict[frozenset[str], list[str]] = {}
        for language, stems in self.by_language.items():
            if stems - self.anywhere:
                extra.setdefault(stems - self.anywhere, []).append(language)
        return or_(
            SearchStem.stem.in_(sorted(self.anywhere)) if self.anywhere else false(),
            *(
                and_(SearchDocument.language.in_(sorted(languages)), SearchStem.stem.in_(sorted(stems)))
                for stems, languages in extra.items()
            ),
            and_(SearchDocument.language.not_in(sorted(STEMMERS)), SearchStem.stem == self.unstemmed),
        )


def _word_queries(terms: list[SearchTerm], language: str | None) -> list[WordQuery]:
    reader = language or current_language()
    words = dict.fromkeys(word for term in terms for word in term.words)
    return [WordQuery.of(word, reader) for word in words]


def _courses_with(word: WordQuery):
    return (
        select(SearchDocument.course_id)
        .join(SearchStem, SearchStem.document_id == SearchDocument.id)
        .where(word.condition())
    )


def matches_all(terms: list[SearchTerm], language: str | None = None):
    """A condition true for courses that contain every term: each of its words, by stem, somewhere in the
    course (itself or a lesson, in any of its languages); a term with other signs than punctuation ("5%"),
    also as it is typed (a substring of the course's search text)."""
    reader = language or current_language()
    conditions = []
    for term in terms:
        if term.literal:
            conditions.append(Course.search_text.contains(term.folded, autoescape=True))
        conditions += [Course.id.in_(_courses_with(WordQuery.of(word, reader))) for word in term.words]
    return and_(*conditions)


@dataclass
class LessonHit:
    """A lesson that contains every word of the query, in one of its languages, with a snippet."""

    slug: str
    language: str
    link_language: str | None  # the ?lang= of its page: None for the original
    title: Markup
    snippet: Markup | None


@dataclass
class CourseHit:
    """What the results show of one course: its title and summary (with the words marked where the course
    itself contains them all) in the language it matched in or the reader's, and its matching lessons."""

    language: str
    link_language: str | None
    title: Markup
    snippet: Markup
    lessons: list[LessonHit] = field(default_factory=list)


def search_hits(courses: list[Course], query: str, language: str | None = None) -> dict[int, CourseHit]:
    """Per course (the catalogue's page of results, which it already chose by its visibility rule), the
    course's texts and its first matching lessons, with the query's words marked. Four queries at most,
    however many courses and lessons match: the matching documents, the courses' translations, the
    lessons, and the lessons' translations."""
    if not courses:
        return {}
    reader = language or current_language()
    words = _word_queries(search_terms(query), reader)
    course_ids = [course.id for course in courses]
    matched = _matching_documents(course_ids, words) if words else {}
    translations: dict[int, dict[str, CourseTranslation]] = {}
    for translation in db.session.scalars(select(CourseTranslation).where(CourseTranslation.course_id.in_(course_ids))):
        translations.setdefault(translation.course_id, {})[translation.language] = translation
    lessons = _lessons_to_show(matched, courses)
    markers: dict[str, _Marker] = {}

    def marker(language: str) -> "_Marker":
        if language not in markers:
            markers[language] = _Marker(language, words)
        return markers[language]

    return {
        course.id: _course_hit(course, translations.get(course.id, {}), matched, lessons, marker, reader)
        for course in courses
    }


def _matching_documents(course_ids: list[int], words: list[WordQuery]) -> dict[tuple[int, int | None], list]:
    """(course id, lesson id or None) → [(language, lesson position)] of the documents that contain every
    word, active lessons only."""
    found: dict[tuple[int, int | None, str], set[int]] = {}
    positions: dict[int, int] = {}
    rows = db.session.execute(
        select(
            SearchDocument.course_id,
            SearchDocument.lesson_id,
            SearchDocument.language,
            SearchStem.stem,
            Lesson.position,
        )
        .join(SearchStem, SearchStem.document_id == SearchDocument.id)
        .outerjoin(Lesson, Lesson.id == SearchDocument.lesson_id)
        .where(
            SearchDocument.course_id.in_(course_ids),
            or_(SearchDocument.lesson_id.is_(None), Lesson.archived_at.is_(None)),
            or_(*(word.condition() for word in words)),
        )
    )
    for course_id, lesson_id, language, stem, position in rows:
        key = (course_id, lesson_id, language)
        found.setdefault(key, set()).update(i for i, word in enumerate(words) if stem in word.stems_in(language))
        if lesson_id is not None:
            positions[lesson_id] = position
    matched: dict[tuple[int, int | None], list] = {}
    for (course_id, lesson_id, language), word_indexes in found.items():
        if len(word_indexes) == len(words):
            matched.setdefault((course_id, lesson_id), []).append((language, positions.get(lesson_id, 0)))
    return matched


def _preferred(languages: list[str], reader: str, original: str) -> str:
    """The language to show a text in: the reader's, else the original, else the first of the others."""
    for language in (reader, original):
        if language in languages:
            return language
    return sorted(languages)[0]


def _lessons_to_show(matched: dict, courses: list[Course]) -> dict[int, Lesson]:
    """The first few matching lessons of each course, loaded with their translations (two queries)."""
    wanted: list[int] = []
    for course in courses:
        found = sorted(
            (documents[0][1], lesson_id)
            for (course_id, lesson_id), documents in matched.items()
            if course_id == course.id and lesson_id is not None
        )
        wanted += [lesson_id for _position, lesson_id in found[:LESSONS_PER_COURSE]]
    if not wanted:
        return {}
    query = select(Lesson).options(selectinload(Lesson.translations)).where(Lesson.id.in_(wanted))
    return {lesson.id: lesson for lesson in db.session.scalars(query)}


def _course_hit(course, translations, matched, lessons, marker, reader) -> CourseHit:
    original = course.language or "en"
    in_course = [language for language, _position in matched.get((course.id, None), [])]
    shown = _preferred(in_course or [original, *translations], reader, original)
    if shown != original and shown not in translations:
        shown = original
    texts = _course_texts(course, translations.get(shown))
    marks = marker(shown) if in_course else _Marker(shown, [])  # marked only where the course has every word
    fields = (texts["summary"], " · ".join(texts["outcomes"]), plain_text(texts["description"]))
    hit = CourseHit(
        language=shown,
        link_language=None if shown == original else shown,
        title=_marked(texts["title"], marks),
        snippet=next(filter(None, (_snippet(text, marks) for text in fields)), None) or escape(texts["summary"]),
    )
    for lesson_id, lesson in sorted(
        ((lid, lesson) for lid, lesson in lessons.items() if lesson.course_id == course.id),
        key=lambda item: item[1].position,
    ):
        language = _preferred([language for language, _position in matched[(course.id, lesson_id)]], reader, original)
        hit.lessons.append(_lesson_hit(lesson, language, original, marker(language)))
    return hit


def _course_texts(course: Course, translation: CourseTranslation | None) -> dict:
    texts = {
        "title": course.title,
        "summary": course.summary or "",
        "description": course.description or "",
        "outcomes": course.outcomes or [],
    }
    if translation is not None:
        for name in texts:
            texts[name] = getattr(translation, name) or texts[name]
    return texts


def _lesson_hit(lesson: Lesson, language: str, original: str, marks: "_Marker") -> LessonHit:
    title, body = lesson.title, lesson.body
    translation = next((t for t in lesson.translations if t.language == language), None)
    if language != original and translation is not None:
        title, body = translation.title or title, translation.body or body
    return LessonHit(
        slug=lesson.slug,
        language=language,
        link_language=None if language == original else language,
        title=_marked(title, marks),
        snippet=_markdown_snippet(body, marks),
    )


# --- Snippets ---


class _Marker:
    """Tells whether a word of a text in `language` is one of the query's (by stem); each word is asked once
    per search, however often it occurs."""

    def __init__(self, language: str, words: list[WordQuery]):
        self.language = language
        self.wanted = [word.stems_in(language) for word in words]
        self.known: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            stems = word_stems(word, self.language)
            found = self.known[word] = any(stems & wanted for wanted in self.wanted)
        return found


def _marked(text: str, marks: _Marker) -> Markup:
    """The text, HTML-escaped, with the words of the query wrapped in <mark>."""
    parts: list[str] = []
    end = 0
    for match in WORD.finditer(text):
        if marks(match.group()):
            parts += [escape(text[end : match.start()]), Markup("<mark>%s</mark>") % match.group()]
            end = match.end()
    parts.append(escape(text[end:]))
    return Markup("").join(parts)


def _markdown_snippet(markdown: str, marks: _Marker) -> Markup | None:
    """The snippet of a lesson's Markdown. A lesson is several kB: only the lines around the first match are
    made plain text (unless that match was in a link's address, which the plain text leaves out)."""
    first = next((m for m in WORD.finditer(markdown or "") if marks(m.group())), None)
    if first is None:
        return None
    start = markdown.rfind("\n", 0, max(0, first.start() - 2 * SNIPPET_BEFORE)) + 1
    end = markdown.find("\n", first.end() + 2 * SNIPPET_LENGTH)
    end = len(markdown) if end == -1 else end
    around = _snippet(plain_text(markdown[start:end]), marks, cut_before=start > 0, cut_after=end < len(markdown))
    return around or _snippet(plain_text(markdown), marks)


def _snippet(text: str, marks: _Marker, cut_before: bool = False, cut_after: bool = False) -> Markup | None:
    """A short passage of the plain text around the first word of the query, the words marked; None when
    the text has none of them. `cut_before`/`cut_after`: the text itself was cut from a longer one there."""
    first = next((m for m in WORD.finditer(text) if marks(m.group())), None)
    if first is None:
        return None
    start = max(0, first.start() - SNIPPET_BEFORE)
    if start > 0:
        start = min(_word_start_after(text, start), first.start())
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        end = max(first.end(), text.rfind(" ", start, end))
    passage = _marked(text[start:end].strip(), marks)
    before = "… " if start > 0 or cut_before else ""
    return Markup("").join([before, passage, " …" if end < len(text) or cut_after else ""])


def _word_start_after(text: str, index: int) -> int:
    space = text.find(" ", index)
    return index if space == -1 else space + 1
