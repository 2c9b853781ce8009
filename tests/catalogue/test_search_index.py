"""The search index: what a course puts in it, and the migration that builds it for courses already there."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select

from ecri_lms import create_app
from ecri_lms.catalogue.models import Lesson
from ecri_lms.catalogue.search import SearchDocument, SearchStem, refresh_search_text, search_hits
from ecri_lms.infra.extensions import db
from tests.catalogue.search_data import patent_course
from tests.dbutil import create_postgres_database, drop_postgres_database, postgres_server_url
from tests.factories import Factory

SEARCH_INDEX = "5e4a1c9d7f20"  # the revision that made the index


def documents() -> list[tuple[str | None, str]]:
    """(lesson slug or None, language) of every document in the index."""
    query = (
        select(Lesson.slug, SearchDocument.language)
        .select_from(SearchDocument)
        .outerjoin(Lesson, Lesson.id == SearchDocument.lesson_id)
        .order_by(Lesson.slug.is_not(None), Lesson.slug, SearchDocument.language)
    )
    return [tuple(row) for row in db.session.execute(query)]


def test_a_course_is_one_document_per_language_and_so_is_each_active_lesson(make):
    course = patent_course(make)

    assert documents() == [
        (None, "el"),
        (None, "en"),
        (None, "pl"),
        ("lesson-1", "el"),
        ("lesson-1", "en"),
        ("lesson-1", "es"),
        ("lesson-1", "it"),
        ("lesson-1", "pl"),
        ("lesson-2", "en"),
    ]

    course.active_lessons[0].archived_at = course.created_at
    course.translations = []
    refresh_search_text(course)
    db.session.commit()

    assert documents() == [(None, "en"), ("lesson-2", "en")]
    assert db.session.scalar(select(func.count()).select_from(SearchStem)) == len(
        set(db.session.scalars(select(SearchStem.stem)))
    )  # each stem once: the rows of the old documents went with them


@pytest.fixture
def scratch_database_url(tmp_path):
    server = postgres_server_url()
    if server is None:
        yield f"sqlite:///{tmp_path / 'search-index.sqlite'}"
        return
    url = create_postgres_database(server, "search_index")
    yield url
    drop_postgres_database(url)


def test_the_migration_indexes_the_courses_already_there(scratch_database_url, app):
    migration_app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": scratch_database_url})
    with migration_app.app_context():
        upgrade(revision=SEARCH_INDEX)
        course = patent_course(Factory())
        built_by_the_app = documents()
        db.session.commit()  # the read's transaction ends: PostgreSQL's DROP TABLE would wait for its lock
        downgrade(revision=f"{SEARCH_INDEX}-1")  # the index goes, the courses stay
        upgrade(revision=SEARCH_INDEX)
        db.session.expire_all()

        assert documents() == built_by_the_app
        [hit] = search_hits([course], "patentów", "pl")[course.id].lessons
        assert (hit.slug, hit.language) == ("lesson-1", "pl") and "<mark>patentu</mark>" in str(hit.snippet)
        db.session.remove()
        db.engine.dispose()
