"""The catalogue in the reader's language: hours typed and shown their way, messages of a request in its
language, and the words for the catalogue's codes read when shown.

Requests go to an app of their own (`make_app`): each request then chooses its language afresh, as in
production, instead of reusing the locale the session's shared app context chose first.
"""

import pytest
from sqlalchemy import select

from ecri_lms.catalogue.models import LEVEL_LABELS, Course
from ecri_lms.catalogue.views.blueprint import hours
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import current_language, in_language
from tests.factories import login_identity


def _client(app, user, **headers):
    client = app.test_client()
    client.environ_base.update(headers)
    with client.session_transaction() as session:
        session["_user_id"] = login_identity(user)
        session["_fresh"] = True
    return client


@pytest.mark.parametrize("language", ["es", "el", "pl", "it"])
def test_a_duration_typed_with_a_decimal_comma_is_stored_as_hours(make_app, make, language):
    make.topic("PROJ")
    client = _client(make_app(), make.trainer(language=language))

    response = client.post(
        "/courses/new",
        data={
            "code": "HBIO-W2",
            "title": "Writing proposals",
            "summary": "A workshop.",
            "level": "advanced",
            "audience": ["cluster_staff"],
            "formats": ["in_person"],
            "main_topic": "PROJ",
            "outcomes": "Draft a work package.",
            "duration_hours": "10,5",
        },
    )

    assert response.status_code == 302, response.text
    assert db.session.scalar(select(Course.duration_hours).where(Course.code == "HBIO-W2")) == 10.5
    page = client.get("/courses/HBIO-W2").text
    assert f'<html lang="{language}">' in page and "10,5" in page


def test_hours_are_shown_the_readers_way():
    with in_language("es"):
        assert (hours(10.5), hours(12.0), hours(None)) == ("10,5", "12", "0")
    with in_language("en"):
        assert (hours(10.5), hours(1250)) == ("10.5", "1,250")


def test_the_words_for_levels_are_read_when_shown_not_when_imported():
    label = LEVEL_LABELS["advanced"]
    assert not isinstance(label, str)  # a lazy message: each reader gets their language
    with in_language("pl"):
        assert current_language() == "pl" and str(label) in ("Advanced", "Zaawansowany")


def test_a_browser_asking_for_italian_gets_the_catalogue_in_italian(make_app, make):
    make.course("CE01")
    client = make_app().test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "it-IT,it;q=0.9,en;q=0.5"

    page = client.get("/courses").text

    assert '<html lang="it">' in page
