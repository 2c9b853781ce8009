"""Every page a trainee, trainer or coordinator reaches, in each of the five languages: it renders, says
which language it is in, and shows no interface message in English where the language has its own words."""

import re

import pytest

from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import LANGUAGES
from tests.i18n.catalogues import po_catalog
from tests.security.client_roles import act_as
from tests.security.routes import route_cases, url_of
from tests.security.visible_text import visible_texts

PAGES = [endpoint for endpoint, method in route_cases() if method == "GET"]
READERS = ("trainee", "trainer", "pc_own", "cc")
HTML_LANG = re.compile(r'<html lang="([a-z]+)"')


def _english_only(language: str) -> frozenset[str]:
    """Messages without values whose translation differs from the English: seeing one of them whole on a
    page in `language` means a message was shown untranslated (unless the same words are also the
    language's own translation of another message: Polish "Role" is "Roles")."""
    if language == "en":
        return frozenset()
    catalog = [m for m in po_catalog(language) if m.id]
    own_words = {form for m in catalog for form in (m.string if isinstance(m.string, tuple) else (m.string,))}
    return frozenset(
        m.id
        for m in catalog
        if isinstance(m.id, str) and "%" not in m.id and m.string and m.string != m.id and m.id not in own_words
    )


@pytest.mark.generated
@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("role", READERS)
def test_every_page_reads_in_the_chosen_language(app, client, world, role, language):
    world.actors[role].language = language
    db.session.commit()
    english = _english_only(language)
    problems = {}
    for endpoint in PAGES:
        act_as(client, world, role)
        response = client.get(url_of(app, endpoint, world.ids))
        assert response.status_code < 500, f"{endpoint} in {language}: {response.status_code}"
        if response.status_code == 200 and response.mimetype == "text/html":
            page = response.get_data(as_text=True)
            declared = HTML_LANG.search(page)
            if declared is None or declared.group(1) != language:
                problems[endpoint] = f"<html lang> is {declared and declared.group(1)!r}"
            else:
                untranslated = sorted({text for text in visible_texts(page) if text in english})
                if untranslated:
                    problems[endpoint] = untranslated
        response.close()
    assert not problems, f"{role} reading {language}: {problems}"
