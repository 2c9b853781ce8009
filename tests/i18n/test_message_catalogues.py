"""Every message a person reads is translated into es, el, pl and it, and the compiled catalogues are current.

A new message in the code or a template fails here until `make translations` has merged it into each
`.po` file and a translator has filled it in: features are born translated.
"""

import pytest

from tests.i18n.catalogues import LANGUAGES, mo_catalog, msgids, placeholders, po_catalog, source_catalog


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return source_catalog(str(tmp_path_factory.mktemp("pot")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_in_the_catalogue(source, language):
    missing = msgids(source) - msgids(po_catalog(language))
    leftover = msgids(po_catalog(language)) - msgids(source)
    assert not missing, (
        f"{len(missing)} not in {language}/messages.po (make translations): {sorted(missing, key=str)[:10]}"
    )
    assert not leftover, f"{len(leftover)} gone from the code (make translations): {sorted(leftover, key=str)[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalog = po_catalog(language)
    untranslated = [m.id for m in catalog if m.id and not all(_strings(m))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_the_original(language):
    broken = []
    for message in po_catalog(language):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            allowed = placeholders(message.id[0]) | placeholders(message.id[1])
            if any(placeholders(form) - allowed for form in message.string):
                broken.append(message.id[0])
        elif placeholders(message.string) != placeholders(message.id):
            broken.append(message.id)
    assert not broken, f"{language}: placeholders differ from the original in {broken[:10]}"


def test_polish_has_its_three_plural_forms():
    catalog = po_catalog("pl")
    assert catalog.num_plurals == 3
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert plurals and all(len(m.string) == 3 and all(m.string) for m in plurals)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_the_current_translation(language):
    compiled = {_key(m): _strings(m) for m in mo_catalog(language) if m.id}
    written = {_key(m): _strings(m) for m in po_catalog(language) if m.id and not m.fuzzy}
    assert compiled == written, f"{language}/messages.mo is out of date: run make translations"


def _key(message) -> tuple:
    ids = message.id if isinstance(message.id, list | tuple) else (message.id,)
    return (message.context, *ids)


def _strings(message) -> tuple:
    return tuple(message.string) if isinstance(message.string, list | tuple) else (message.string,)
