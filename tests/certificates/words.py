"""A few translated messages compiled into a temporary catalogue, so a test sees words in another language
without the project's compiled catalogues (the words are those of the project's translations)."""

import flask_babel
from flask import g
from flask_babel import Domain

from tests.i18n.catalogues import write_catalogues

WORDS = {
    "el": {
        "Certificate of Completion": "Πιστοποιητικό Ολοκλήρωσης",
        "This certifies that": "Βεβαιώνεται ότι",
        "Verify a certificate": "Επαλήθευση πιστοποιητικού",
        "Trainee": "Εκπαιδευόμενος",
        "Your certificate for %(course)s was revoked": "Το πιστοποιητικό σας για το μάθημα %(course)s ανακλήθηκε",
        "How was %(run)s?": "Πώς ήταν το %(run)s;",
    },
    "pl": {
        "Certificate of Completion": "Certyfikat ukończenia",
        "This certifies that": "Niniejszym zaświadcza się, że",
        "Your certificate for %(course)s was revoked": "Twój certyfikat z kursu %(course)s został unieważniony",
    },
    "es": {
        "Name": "Nombre",
        "Completion": "Finalización",
        "In progress": "En curso",
        "Completed": "Completado",
        "Certificate issued to %(name)s.": "Certificado emitido a %(name)s.",
    },
}


def use_words(tmp_path, monkeypatch, words=WORDS) -> None:
    """Translate with `words` (language → msgid → msgstr) for the rest of the test, pages and artefacts alike."""
    write_catalogues(tmp_path, words)
    domain = Domain(translation_directories=[str(tmp_path)])
    monkeypatch.setattr(flask_babel, "get_domain", lambda: domain)


def new_request_language() -> None:
    """Forget the language chosen so far: the tests share one app context between requests, where
    Flask-Babel keeps the first locale it chose (a real request chooses its own)."""
    g.pop("_flask_babel", None)
