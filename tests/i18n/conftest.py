"""Small catalogues compiled for a test, so that what is translated can be read translated (the real ones
are merged and compiled from every area's messages later): `catalogues({"pl": {"Log in": "Zaloguj się"}})`."""

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask import g

from ecri_lms.infra.extensions import babel


def _forget_the_language(_error=None) -> None:
    g.pop("_flask_babel", None)


@pytest.fixture(autouse=True)
def _language_per_request(app):
    """Flask-Babel keeps the language it chose in `g`, and the tests share one app context across requests (a
    real request never does): each request of these tests chooses its language afresh, as a real one does."""
    _forget_the_language()
    handlers = app.teardown_request_funcs.setdefault(None, [])
    handlers.append(_forget_the_language)
    yield
    handlers.remove(_forget_the_language)
    _forget_the_language()


@pytest.fixture
def catalogues(app, tmp_path, monkeypatch):
    """Install catalogues for this test: {language: {msgid or (context, msgid) or (singular, plural): text or
    forms}}; the app reads them instead of ecri_lms/translations until the test ends."""

    def install(languages: dict[str, dict]) -> None:
        for language, messages in languages.items():
            catalog = Catalog(locale=language)
            for key, text in messages.items():
                if isinstance(key, tuple) and isinstance(text, tuple):  # a plural: (singular, plural) → forms
                    catalog.add(key, text)
                elif isinstance(key, tuple):  # (context, msgid)
                    catalog.add(key[1], text, context=key[0])
                else:
                    catalog.add(key, text)
            folder = tmp_path / language / "LC_MESSAGES"
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "messages.mo", "wb") as mo:
                write_mo(mo, catalog)
        monkeypatch.setattr(app.extensions["babel"], "translation_directories", [str(tmp_path)])
        babel.domain_instance.cache.clear()

    yield install
    babel.domain_instance.cache.clear()  # the next test reads the real catalogues again
