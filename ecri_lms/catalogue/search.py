"""Search over courses and their lessons in the reader's language, the same on SQLite and PostgreSQL.

Words are matched by their stem in the language of the text they stand in: "patents" finds "patent",
"patentów" finds "patentu", "διπλώματα" finds "δίπλωμα". The stemming is done here, in Python, with the
Snowball stemmers of the five languages the product speaks, because neither database can do it for all
five: SQLite has no stemming at all, and PostgreSQL's text-search configurations have no Polish.

Two indexes, both rebuilt by `refresh_search_text`, which the content sync and every edit in the app call:
- the search index (`search_document`, `search_stem`): one document per course and per active lesson in
  each language it is written in (the original and each translation), with its title and plain text,
  and the stems of its words, each with where it first occurs in the text (where a snippet starts).
  A query word is stemmed in the reader's language, matched in a text of any language, and in every
  language, matched in the texts written in that language, so a Polish reader's "patentów" finds a Polish
  lesson ("patentu") and an English one ("patent"). Each word is stemmed as written and without its
  accents, in the text and in the query alike: "patentow" typed without diacritics finds "patentów".
- `course.search_text`, everything a course says in one lower-cased, accent-folded string: a term with
  signs other than punctuation ("5%", "export_index") must also be found there as typed, a substring.

A search is a constant number of queries: the catalogue's page of courses (`matches_all` in its query),
then two in `search_hits`: the documents of that page's courses that hold the query's words, and the
titles and texts its results show (read only as far as the passages shown).
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from markupsafe import Markup, escape
from sqlalchemy import ForeignKey, Index, String, Text, and_, delete, false, func, insert, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from ..infra.extensions import db
from ..infra.i18n import current_language
from .models import Course, Lesson

MAX_TERMS = 8
MAX_TERM_LENGTH = 60
MAX_STEM_LENGTH = 64
LESSONS_PER_COURSE = 3  # lessons shown under a course in the results; the course page lists the rest
SNIPPET_BEFORE = 60  # characters of context before the first matched word
SNIPPET_LENGTH = 240
PASSAGE_BEFORE = 2 * SNIPPET_BEFORE  # where a snippet is looked for: from a little before the indexed position
PASSAGE_LENGTH = 2 * SNIPPET_LENGTH
FIELDS = "\n"  # between a course's summary, outcomes and description in its document's text

# The Snowball algorithm of each language the product speaks (`infra.i18n.LANGUAGES`; Polish came with
# snowballstemmer 3.1).
STEMMERS = {"en": "english", "es": "spanish", "el": "greek", "pl": "polish", "it": "italian"}

WORD = re.compile(r"[^\W_]+")  # letters and digits: "export_index" is two words, "ris3" one


class SearchDocument(db.Model):
    """A course (lesson_id NULL) or one of its active lessons, in one language: the original's or a
    translation's. `title` and `text` are what results show of it: the title, and the plain text of the
    lesson or the course's summary, outcomes and description. Its stems are in `search_stem`."""

    __tablename__ = "search_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    lesson_id: Mapped[int | None] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)


class SearchStem(db.Model):
    """One stem of a document's words, and where in the document's text a word of it first stands (None:
    only in the title, or in a course's code or topics). The key (stem, document) is what a query word is
    looked up by."""

    __tablename__ = "search_stem"

    stem: Mapped[str] = mapped_column(String(MAX_STEM_LENGTH), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("search_document.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int | None] = mapped_column()

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


def stem_positions(text: str, language: str, elsewhere: str = "") -> dict[str, int | None]:
    """Each stem of the words of a text and of `elsewhere` (a title…), with the offset in the text of its
    first word (None: only elsewhere)."""
    positions: dict[str, int | None] = {}
    for match in WORD.finditer(text):
        for stem in word_stems(match.group(), language):
            positions.setdefault(stem, match.start())
    for word in set(WORD.findall(elsewhere)):
        for stem in word_stems(word, language):
            positions.setdefault(stem, None)
    return positions


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


@dataclass
class IndexedText:
    """One document of the search index, before it is written."""

    lesson_id: int | None
    language: str
    title: str
    text: str
    stems: dict[str, int | None]


def _course_document(course, translation, topics: list[str]) -> IndexedText:
    """The course in its original language (translation None: with its code and topics) or in a
    translation. A translation's title falls back to the original's; its stems are its own words only."""
    source = translation or course
    outcomes = " · ".join(source.outcomes or [])
    text = FIELDS.join(filter(None, [source.summary, outcomes, plain_text(source.description)]))
    own_title = source.title or ""
    extra = " ".join([own_title, course.code, *topics] if translation is None else [own_title])
    language = translation.language if translation is not None else course.language or "en"
    return IndexedText(None, language, source.title or course.title, text, stem_positions(text, language, extra))


def _lesson_document(lesson, translation, language: str) -> IndexedText:
    source = translation or lesson
    text = plain_text(source.body or "")
    stems = stem_positions(text, language, source.title or "")
    return IndexedText(lesson.id, language, source.title or lesson.title, text, stems)


def index_documents(course) -> list[IndexedText]:
    """The documents of a course: the course and each active lesson, in its original language and in each
    translation. Reads only the attributes a Course has (the migration that built the first index hands it
    plain objects)."""
    original = course.language or "en"
    topics = [f"{topic.code} {topic.name}" for topic in course.topics]
    documents = [_course_document(course, None, topics)]
    documents += [_course_document(course, t, topics) for t in course.translations if t.language != original]
    for lesson in course.active_lessons:
        documents.append(_lesson_document(lesson, None, original))
        documents += [_lesson_document(lesson, t, t.language) for t in lesson.translations if t.language != original]
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
    ids = session.scalars(
        insert(SearchDocument).returning(SearchDocument.id, sort_by_parameter_order=True),
        [
            {
                "course_id": course.id,
                "lesson_id": document.lesson_id,
                "language": document.language,
                "title": document.title[:200],
                "text": document.text,
            }
            for document in documents
        ],
    ).all()
    rows = [
        {"document_id": document_id, "stem": stem, "position": position}
        for document_id, document in zip(ids, documents, strict=True)
        for stem, position in document.stems.items()
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


@dataclass
class _Found:
    """A document that holds some of the query's words: which, and where the first of them stands."""

    course_id: int
    lesson_id: int | None
    language: str
    lesson_position: int
    words: set[int] = field(default_factory=set)
    position: int | None = None


def search_hits(courses: list[Course], query: str, language: str | None = None) -> dict[int, CourseHit]:
    """Per course (the catalogue's page of results, which it already chose by its visibility rule), the
    course's title and summary and its first matching lessons, with the query's words marked. Two queries,
    however many courses and lessons match: the documents holding the words, then the titles and texts to
    show."""
    if not courses:
        return {}
    reader = language or current_language()
    words = _word_queries(search_terms(query), reader)
    course_ids = [course.id for course in courses]
    found: dict[int, list[tuple[int, _Found]]] = {}
    for document_id, document in (_documents_with_every_word(course_ids, words) if words else {}).items():
        found.setdefault(document.course_id, []).append((document_id, document))
    chosen = {course.id: _chosen(found.get(course.id, []), reader, course.language or "en") for course in courses}
    shown = _texts_shown(course_ids, chosen)
    own: dict[int, dict[str, _Shown]] = {}  # course id → language → the course's document
    for document in shown.values():
        if document.lesson_id is None:
            own.setdefault(document.course_id, {})[document.language] = document
    markers: dict[str, _Marker] = {}

    def marker(language: str) -> "_Marker":
        if language not in markers:
            markers[language] = _marker(language, tuple(word.stems_in(language) for word in words))
        return markers[language]

    return {
        course.id: _course_hit(course, chosen[course.id], own.get(course.id, {}), shown, marker, reader)
        for course in courses
    }


@dataclass
class _Chosen:
    """The documents of one course the results show: the course's own (if it holds every word), and the
    first few lessons that do, each in one language."""

    course: _Found | None
    lessons: list[tuple[int, _Found]]


def _chosen(found: list[tuple[int, _Found]], reader: str, original: str) -> _Chosen:
    in_course = {d.language: d for _i, d in found if d.lesson_id is None}
    by_lesson: dict[int, dict[str, tuple[int, _Found]]] = {}
    for document_id, document in found:
        if document.lesson_id is not None:
            by_lesson.setdefault(document.lesson_id, {})[document.language] = (document_id, document)
    lessons = sorted(by_lesson.values(), key=lambda languages: next(iter(languages.values()))[1].lesson_position)
    return _Chosen(
        in_course[_preferred(list(in_course), reader, original)] if in_course else None,
        [languages[_preferred(list(languages), reader, original)] for languages in lessons[:LESSONS_PER_COURSE]],
    )


def _documents_with_every_word(course_ids: list[int], words: list["WordQuery"]) -> dict[int, _Found]:
    """The documents of these courses (active lessons only) that hold every word, by id."""
    found: dict[int, _Found] = {}
    rows = db.session.execute(
        select(
            SearchDocument.id,
            SearchDocument.course_id,
            SearchDocument.lesson_id,
            SearchDocument.language,
            SearchStem.stem,
            SearchStem.position,
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
    for document_id, course_id, lesson_id, language, stem, position, lesson_position in rows:
        document = found.get(document_id)
        if document is None:
            document = found[document_id] = _Found(course_id, lesson_id, language, lesson_position or 0)
        matching = {i for i, word in enumerate(words) if stem in word.stems_in(language)}
        if matching:
            document.words |= matching
            if position is not None and (document.position is None or position < document.position):
                document.position = position
    return {i: document for i, document in found.items() if len(document.words) == len(words)}


@dataclass
class _Shown:
    """What the results show of a document: its title and its text, as far as the results need it."""

    course_id: int
    lesson_id: int | None
    language: str
    title: str
    text: str  # the start of the text, up to the passage around the words found
    complete: bool  # the whole text
    slug: str | None


def _texts_shown(course_ids: list[int], chosen: dict[int, _Chosen]) -> dict[int, _Shown]:
    """By document id: the chosen lessons' documents and every document of each course (for its title and
    summary in the reader's language), with their texts as far as the furthest passage to show."""
    documents = [d for c in chosen.values() for d in ([c.course] if c.course else []) + [d for _i, d in c.lessons]]
    read = max([PASSAGE_LENGTH, *(d.position + PASSAGE_LENGTH for d in documents if d.position is not None)])
    lesson_ids = [document_id for c in chosen.values() for document_id, _d in c.lessons]
    query = (
        select(
            SearchDocument.id,
            SearchDocument.course_id,
            SearchDocument.lesson_id,
            SearchDocument.language,
            SearchDocument.title,
            func.substr(SearchDocument.text, 1, read),
            Lesson.slug,
        )
        .outerjoin(Lesson, Lesson.id == SearchDocument.lesson_id)
        .where(
            or_(
                and_(SearchDocument.course_id.in_(course_ids), SearchDocument.lesson_id.is_(None)),
                SearchDocument.id.in_(lesson_ids),
            )
        )
    )
    return {
        document_id: _Shown(course_id, lesson_id, language, title, text, len(text) < read, slug)
        for document_id, course_id, lesson_id, language, title, text, slug in db.session.execute(query)
    }


def _preferred(languages: list[str], reader: str, original: str) -> str:
    """The language to show a text in: the reader's, else the original, else the first of the others."""
    for language in (reader, original):
        if language in languages:
            return language
    return sorted(languages)[0]


def _course_hit(course: Course, chosen: _Chosen, own: dict[str, _Shown], shown: dict[int, _Shown], marker, reader):
    original = course.language or "en"
    matched = chosen.course
    if matched is not None:
        language, marks = matched.language, marker(matched.language)
    else:  # found through its lessons only: its title and summary, in the reader's language when it has them
        language = _preferred(list(own), reader, original) if own else original
        marks = _marker(language, ())
    document = own.get(language)
    snippet = _snippet(document, matched.position, marks) if matched is not None and document else None
    summary = next((d.text.split(FIELDS, 1)[0] for d in (document, own.get(original)) if d and d.text), "")
    hit = CourseHit(
        language=language,
        link_language=None if language == original else language,
        title=_marked(document.title if document else course.title, marks),
        snippet=snippet or escape(_shortened(summary)),
    )
    for document_id, found in sorted(chosen.lessons, key=lambda item: item[1].lesson_position):
        document, marks = shown[document_id], marker(found.language)
        hit.lessons.append(
            LessonHit(
                slug=document.slug,
                language=found.language,
                link_language=None if found.language == original else found.language,
                title=_marked(document.title, marks),
                snippet=_snippet(document, found.position, marks),
            )
        )
    return hit


# --- Snippets ---


class _Marker:
    """Tells whether a word of a text in `language` is one of the query's: one whose stems meet each set of
    `wanted` stems of some query word. Each word is asked once, however often it occurs; the answers are
    kept with the marker, which `_marker` keeps for the next search of the same words."""

    MAX_KNOWN = 20_000

    def __init__(self, language: str, wanted: tuple[frozenset[str], ...]):
        self.language = language
        self.wanted = wanted
        self.known: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            if len(self.known) >= self.MAX_KNOWN:
                self.known.clear()
            stems = word_stems(word, self.language)
            found = self.known[word] = any(stems & wanted for wanted in self.wanted)
        return found


@lru_cache(maxsize=256)
def _marker(language: str, wanted: tuple[frozenset[str], ...]) -> _Marker:
    return _Marker(language, wanted)


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


def _snippet(document: _Shown, position: int | None, marks: _Marker) -> Markup | None:
    """A short passage of the document's text around the first word of the query (from `position`, where
    the index says the first of them stands), the words marked; None when the text has none of them (they
    are only in the title)."""
    offset = max(0, (position or 0) - PASSAGE_BEFORE)
    text = document.text[offset : offset + PASSAGE_LENGTH].replace(FIELDS, " · ")
    first = next((m for m in WORD.finditer(text) if marks(m.group())), None)
    if first is None:
        return None
    start = max(0, first.start() - SNIPPET_BEFORE)
    if start > 0 or offset > 0:  # not from the text's start: from a word's
        start = min(_word_start_after(text, start), first.start())
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        end = max(first.end(), text.rfind(" ", start, end))
    cut_after = offset + end < len(document.text) or not document.complete
    piece = _marked(text[start:end].strip(), marks)
    return Markup("").join(["… " if offset + start > 0 else "", piece, " …" if cut_after else ""])


def _shortened(text: str) -> str:
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[: text.rfind(" ", 0, SNIPPET_LENGTH)].rstrip() + " …"


def _word_start_after(text: str, index: int) -> int:
    space = text.find(" ", index)
    return index if space == -1 else space + 1
