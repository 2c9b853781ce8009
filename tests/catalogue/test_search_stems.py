"""Search matches words by their stem in the language of each text, original and translated alike."""

import pytest
import snowballstemmer
from werkzeug.datastructures import MultiDict

from ecri_lms.catalogue.search import STEMMERS, refresh_search_text, search_hits, word_stems
from ecri_lms.catalogue.services import CatalogueFilter, catalogue_query
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import LANGUAGES
from tests.catalogue.search_data import patent_course


def codes(query: str) -> list[str]:
    filters = CatalogueFilter.from_args(MultiDict({"q": query}), may_include_archived=True)
    return [course.code for course in db.session.scalars(catalogue_query(filters)).unique()]


def lesson_hits(course, query: str, reader: str = "en") -> list[tuple[str, str, str]]:
    """(slug, language, snippet) of the course's lessons that match, for a reader of `reader`."""
    hit = search_hits([course], query, reader)[course.id]
    return [(lesson.slug, lesson.language, str(lesson.snippet)) for lesson in hit.lessons]


def test_every_language_the_product_speaks_has_a_snowball_stemmer():
    assert set(STEMMERS) == set(LANGUAGES)
    assert set(STEMMERS.values()) <= set(snowballstemmer.algorithms())  # Polish: snowballstemmer >= 3.1


def test_a_plural_finds_the_singular_and_the_singular_the_plural(make):
    course = patent_course(make)
    make.course("PL01", title="Patents in practice", lessons=["Our patents and yours."])
    make.course("CE01", title="Cluster economics", lessons=["Marshall and Porter."])

    assert codes("patents") == codes("patent") == ["IP01", "PL01"]
    for query in ("patents", "patent", "PATENTS"):
        [(slug, language, snippet)] = lesson_hits(course, query)
        assert (slug, language) == ("lesson-1", "en")
        assert "A <mark>patent</mark> protects an invention" in snippet


def test_a_polish_inflected_form_finds_the_polish_translation(make):
    course = patent_course(make)

    for query in ("patentów", "patentu", "patent", "Patentami"):
        assert codes(query) == ["IP01"], query
        [(slug, language, snippet)] = lesson_hits(course, query, reader="pl")
        assert (slug, language) == ("lesson-1", "pl"), query
        assert "Ochrona <mark>patentu</mark> trwa" in snippet


def test_a_word_typed_without_its_diacritics_finds_it_written_with_them(make):
    course = make.course("PL02", title="Własność", lessons=["Liczba zgłoszeń patentów rośnie."])
    course.language = "pl"
    refresh_search_text(course)
    db.session.commit()

    assert codes("patentow") == codes("zgloszen") == codes("zgłoszeń") == ["PL02"]
    [(_slug, language, snippet)] = lesson_hits(course, "patentow rosnie", reader="en")
    assert language == "pl" and snippet == "Liczba zgłoszeń <mark>patentów</mark> <mark>rośnie</mark>."


def test_a_greek_inflected_form_finds_the_greek_translation_with_or_without_accents(make):
    course = patent_course(make)

    for query in ("διπλώματα", "δίπλωμα", "διπλωματα", "ΔΙΠΛΩΜΑΤΟΣ"):
        assert codes(query) == ["IP01"], query
        [(slug, language, snippet)] = lesson_hits(course, query, reader="el")
        assert (slug, language) == ("lesson-1", "el"), query
        assert "Το <mark>δίπλωμα</mark> ευρεσιτεχνίας" in snippet


def test_a_word_is_matched_in_each_text_by_that_texts_language(make):
    """An English reader typing a Polish form finds the Polish text, not a stranger's stem in English."""
    course = patent_course(make)

    [(_slug, language, snippet)] = lesson_hits(course, "patentów", reader="en")
    assert language == "pl" and "<mark>patentu</mark>" in snippet
    [(_slug, language, _snippet)] = lesson_hits(course, "brevetti", reader="en")
    assert language == "it"


def test_the_readers_language_is_preferred_among_the_texts_that_match(make):
    course = patent_course(make)

    assert [hit[1] for hit in lesson_hits(course, "patent", reader="en")] == ["en"]
    assert [hit[1] for hit in lesson_hits(course, "patent", reader="pl")] == ["pl"]
    assert [hit[1] for hit in lesson_hits(course, "patent", reader="es")] == ["es"]


def test_every_word_of_the_query_must_be_in_the_lesson(make):
    course = patent_course(make)

    assert [hit[0] for hit in lesson_hits(course, "patent licensing")] == ["lesson-1"]
    assert lesson_hits(course, "patent designs") == []  # in two different lessons: the course, not a lesson
    assert codes("patent designs") == ["IP01"]
    assert codes("patent zebrafish") == []


def test_course_level_hits_mark_the_title_and_the_summary_or_outcome(make):
    course = patent_course(make)

    hit = search_hits([course], "inventions", "en")[course.id]
    assert str(hit.title) == "Intellectual property for SMEs" and "<mark>invents</mark>" in str(hit.snippet)
    hit = search_hits([course], "patenty", "pl")[course.id]
    assert (hit.language, hit.link_language) == ("pl", "pl")
    assert str(hit.snippet) == "<mark>Patenty</mark> dla małych firm."
    hit = search_hits([course], "worth cost", "en")[course.id]
    assert (
        str(hit.snippet)
        == "Protect what your firm invents. · Decide when a patent is <mark>worth</mark> its <mark>cost</mark>."
    )


def test_a_course_found_only_through_a_lesson_shows_its_summary_in_the_readers_language(make):
    course = patent_course(make)

    hit = search_hits([course], "zgłoszenia", "pl")[course.id]
    assert str(hit.title) == "Własność intelektualna" and str(hit.snippet) == "Patenty dla małych firm."
    assert [lesson.language for lesson in hit.lessons] == ["pl"]


def test_a_term_with_signs_must_also_be_there_as_typed(make):
    make.course("FIVE", title="Test course 5", lessons=["Five 5 stars."])
    make.course("RISE", lessons=["A 5% rise in the export_index, from e-mail sales."])

    assert codes("5") == ["FIVE", "RISE"] and codes("5%") == ["RISE"]
    assert codes("export_index") == ["RISE"] and codes("index_export") == []
    assert codes("e-mails") == codes("mail") == ["RISE"]  # hyphens and punctuation are only between words


@pytest.mark.parametrize(
    ("word", "language", "stem"),
    [
        ("patents", "en", "patent"),
        ("patentów", "pl", "patent"),
        ("Ευρεσιτεχνίας", "el", "ευρεσιτεχνι"),
        ("licencias", "es", "licenci"),
        ("brevetti", "it", "brevett"),
        ("Kraków", "de", "krakow"),  # a language the product does not speak: folded, not stemmed
    ],
)
def test_words_are_stemmed_lower_cased_and_accent_folded(word, language, stem):
    assert stem in word_stems(word, language)
