"""Small compiled catalogues for language tests: the real ones are merged and compiled by the lead, so a
test that must see a page or a letter in Greek or Polish writes the few messages it reads into .mo files
of its own and points Flask-Babel at them."""

from contextlib import contextmanager

from flask import g
from flask_babel import get_babel, get_domain

from tests.i18n.catalogues import write_catalogues


def _forget_locale(_exc=None) -> None:
    """The tests share one app context, where Flask-Babel keeps the locale it chose: each request chooses anew."""
    g.pop("_flask_babel", None)


@contextmanager
def catalogues(app, folder, monkeypatch, words: dict[str, dict]):
    """`words`: language → {msgid: msgstr, or (singular msgid, plural msgid): (msgstr, …)}."""
    write_catalogues(folder, words)
    monkeypatch.setattr(get_babel(app), "translation_directories", [str(folder)])
    get_domain().cache.clear()
    app.teardown_request_funcs.setdefault(None, []).append(_forget_locale)
    _forget_locale()
    try:
        yield
    finally:
        app.teardown_request_funcs[None].remove(_forget_locale)
        _forget_locale()
        get_domain().cache.clear()
