"""Translations of the curriculum: stale and missing ones reported without stopping the sync, stamping, and
pages read in the reader's language with a note where a text is not translated yet."""

import hashlib
import re

import pytest
from sqlalchemy import select

from ecri_lms.catalogue.content import ContentInvalid, load_tree, stamp_translations, sync_content
from ecri_lms.catalogue.models import Course
from ecri_lms.infra.extensions import db
from tests.catalogue.util import edit

SPANISH = "courses/TA01/translations/es"
SPANISH_QUIZ = "::P1:: Un cociente de localización mayor que 1 significa {=especialización ~ nada}\n"


def _hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _warnings(content_dir) -> list[str]:
    return [str(warning) for warning in load_tree(content_dir).warnings]


def _check(runner, content_dir):
    return runner.invoke(args=["content", "sync", "--check", "--dir", str(content_dir)])


def test_missing_translations_are_reported_and_the_sync_goes_on(runner, content_dir):
    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code == 0, result.output
    assert "3 created" in result.output
    assert f"missing: {SPANISH}: 2 not translated (lessons/02-location-quotient.md, quiz.gift)" in result.output
    assert not any("TA02" in warning for warning in _warnings(content_dir))  # no translation begun: none missing


def test_a_translation_that_records_no_original_is_stale(runner, content_dir):
    result = _check(runner, content_dir)

    assert result.exit_code == 0, result.output
    assert (
        f"{SPANISH}/index.md: stale translation: it does not record which version of courses/TA01/index.md "
        "it was translated from" in result.output
    )
    assert "flask content stamp-translations TA01 --lang es" in result.output


def test_content_sync_check_names_a_translation_whose_original_changed_after_it(runner, content_dir):
    (content_dir / SPANISH / "quiz.gift").write_text(SPANISH_QUIZ)
    stamped = runner.invoke(args=["content", "stamp-translations", "--dir", str(content_dir)])
    assert stamped.exit_code == 0, stamped.output
    assert "3 translation files stamped" in stamped.output
    assert not any("stale" in warning for warning in _warnings(content_dir))

    lesson = content_dir / "courses" / "TA01" / "lessons" / "01-why-clusters.md"
    before = _hash(lesson)
    edit(lesson, "title: Why clusters exist", "title: Why clusters exist at all")
    result = _check(runner, content_dir)

    assert result.exit_code == 0, result.output
    assert (
        f"warning: {SPANISH}/lessons/01-why-clusters.md: stale translation: courses/TA01/lessons/01-why-clusters.md "
        f"has changed since it was translated (translated_from {before}, now {_hash(lesson)})" in result.output
    )
    assert [w for w in _warnings(content_dir) if "stale" in w] == [w for w in _warnings(content_dir) if "01-why" in w]


def test_stamping_writes_the_originals_hash_into_front_matter_and_quiz_files(content_dir):
    quiz = content_dir / SPANISH / "quiz.gift"
    quiz.write_text(SPANISH_QUIZ)
    course = content_dir / "courses" / "TA01"

    report = stamp_translations(content_dir, "TA01", "es")

    assert sorted(report.stamped) == [
        f"{SPANISH}/index.md",
        f"{SPANISH}/lessons/01-why-clusters.md",
        f"{SPANISH}/quiz.gift",
    ]
    assert quiz.read_text() == f"// translated_from: {_hash(course / 'quiz.gift')}\n" + SPANISH_QUIZ
    index = (content_dir / SPANISH / "index.md").read_text()
    assert index.startswith("---\ntitle: Economía de clústeres para probadores\n")
    assert f"\ntranslated_from: {_hash(course / 'index.md')}\n---\n" in index
    again = stamp_translations(content_dir, "TA01")
    assert again.stamped == [] and len(again.current) == 3
    assert stamp_translations(content_dir, "TA01", "el").stamped == []
    with pytest.raises(ContentInvalid):
        stamp_translations(content_dir, "ZZ99")


def test_a_translated_quiz_with_a_changed_structure_stops_content_sync_check(runner, content_dir):
    quiz = content_dir / SPANISH / "quiz.gift"
    quiz.write_text("// translated_from: 000000000000\n" + SPANISH_QUIZ.replace("~ nada", "~%50% nada"))

    result = _check(runner, content_dir)

    assert result.exit_code != 0
    assert f"{SPANISH}/quiz.gift:2: question 1 differs from the original: its answers' marks" in result.output


def test_a_stray_file_in_a_language_folder_is_an_error(runner, content_dir):
    (content_dir / SPANISH / "quizz.gift").write_text(SPANISH_QUIZ)

    result = _check(runner, content_dir)

    assert result.exit_code != 0
    assert f"{SPANISH}/quizz.gift: not a translation file" in result.output


# Pages in the reader's language ---------------------------------------------------------------------------


def _note(page: str) -> str | None:
    found = re.search(r'<p class="[^"]*" role="note" lang="[a-z]+">([^<]*)</p>', page)
    return found.group(1) if found else None


@pytest.fixture
def spanish_reader(client, login_as, make, use_content):
    sync_content(use_content)
    db.session.commit()
    reader = login_as(make.trainee(language="es"))
    make.enrolment(reader, db.session.scalar(select(Course).where(Course.code == "TA01")))
    return reader


def test_a_reader_gets_the_course_and_its_lessons_in_their_language_without_asking(client, spanish_reader):
    course = client.get("/courses/TA01").text
    lesson = client.get("/courses/TA01/lessons/why-clusters").text
    untranslated = client.get("/courses/TA01/lessons/location-quotient").text

    assert "Economía de clústeres para probadores" in course and _note(course) is None
    assert "Por qué existen los clústeres" in course  # the lesson list
    assert 'lang="es">Por qué existen los clústeres</h1>' in lesson and "zumbido" in lesson and _note(lesson) is None
    assert "The location quotient" in untranslated
    note = _note(untranslated)
    assert note and "Español" in note and "English" in note  # "This lesson is not yet available in Español; …"
    assert "Por qué existen los clústeres" in untranslated  # the outline and the previous lesson, in Spanish


def test_the_original_can_still_be_asked_for(client, spanish_reader):
    original = client.get("/courses/TA01?lang=en").text
    assert "Cluster economics for testers" in original and _note(original) is None
    assert 'href="/courses/TA01/lessons/why-clusters?lang=en"' in original
    assert 'href="/courses/TA01?lang=es"' in original


def test_a_course_not_translated_into_the_readers_language_says_so(client, login_as, make, use_content):
    sync_content(use_content)
    db.session.commit()
    login_as(make.trainee(language="el"))

    page = client.get("/courses/TA01").text

    assert "Cluster economics for testers" in page
    note = _note(page)
    assert note and "Ελληνικά" in note and "English" in note  # "This course is not yet available in Ελληνικά; …"


def test_catalogue_cards_show_the_translation_or_say_there_is_none(client, spanish_reader):
    page = client.get("/courses").text

    assert "Economía de clústeres para probadores" in page and "Por qué las empresas se agrupan." in page
    card = page[page.index("TA02") :]
    assert re.search(r'<p class="card-text small[^"]*" lang="es">[^<]*Español[^<]*English', card)


def test_an_english_reader_sees_no_note(client, login_as, make, use_content):
    sync_content(use_content)
    db.session.commit()
    login_as(make.trainee(language="en"))
    assert _note(client.get("/courses/TA01").text) is None
    cards = client.get("/courses").text
    assert "Cluster economics for testers" in cards and "Economía" not in cards and "card-text small" not in cards
