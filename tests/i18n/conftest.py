"""Small catalogues compiled for a test, so that what is translated can be read translated (the real ones
are merged and compiled from every area's messages later): `catalogues({"pl": {"Log in": "Zaloguj się"}})`."""

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from ecri_lms.infra.extensions import babel


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
