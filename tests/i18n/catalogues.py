"""The interface's message catalogues as the tests read them: the source's messages and each language's."""

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS = ROOT / "ecri_lms" / "translations"
LANGUAGES = ("es", "el", "pl", "it")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@cache
def source_catalog(tmp_dir: str) -> Catalog:
    """What `make translations` would extract from the code and templates now."""
    pot = Path(tmp_dir) / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "-F",
            str(TRANSLATIONS / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as file:
        return read_po(file)


@cache
def po_catalog(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file)


def mo_catalog(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo").open("rb") as file:
        return read_mo(file)


def msgids(catalog: Catalog) -> set:
    return {message.id for message in catalog if message.id}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def write_catalogues(folder: Path, languages: dict[str, dict]) -> None:
    """Compile small test catalogues into `folder`/<lang>/LC_MESSAGES/messages.mo: {language: {msgid, or
    (context, msgid), or (singular, plural): text, or the plural's forms as a tuple}}."""
    for language, messages in languages.items():
        catalog = Catalog(locale=language)
        for key, text in messages.items():
            if isinstance(key, tuple) and not isinstance(text, tuple):  # (context, msgid)
                catalog.add(key[1], text, context=key[0])
            else:
                catalog.add(key, text)
        target = Path(folder) / language / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        with open(target / "messages.mo", "wb") as mo:
            write_mo(mo, catalog)
