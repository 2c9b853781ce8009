"""Small catalogues compiled for a test, so that what is translated can be read translated (the real ones
are merged and compiled from every area's messages later): `catalogues({"pl": {"Log in": "Zaloguj się"}})`."""

import pytest

from ecri_lms.infra.extensions import babel
from tests.i18n.catalogues import write_catalogues


@pytest.fixture
def catalogues(app, tmp_path, monkeypatch):
    """Install catalogues for this test: {language: {msgid or (context, msgid) or (singular, plural): text or
    forms}}; the app reads them instead of ecri_lms/translations until the test ends."""

    def install(languages: dict[str, dict]) -> None:
        write_catalogues(tmp_path, languages)
        monkeypatch.setattr(app.extensions["babel"], "translation_directories", [str(tmp_path)])
        babel.domain_instance.cache.clear()

    yield install
    babel.domain_instance.cache.clear()  # the next test reads the real catalogues again
