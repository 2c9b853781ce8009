"""Attendance speaks the reader's language: the sheet's lists and the CSV's header row in the viewer's, the
sign-in sheet in the language of whoever downloads it, rates written the reader's way."""

import pytest

from ecri_lms.attendance import documents
from ecri_lms.attendance.forms import status_options
from ecri_lms.attendance.views.blueprint import attendance_rate, attendance_status
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import current_language, format_percent, gettext, in_language
from tests.scheduling.catalogues import catalogues

WORDS = {
    "pl": {
        "Present": "Obecny",
        "Not marked": "Nieoznaczony",
        "Signature": "Podpis",
        "Name": "Imię i nazwisko",
        "Attendance sheet: %(session)s": "Lista obecności: %(session)s",
    },
    "el": {"Status": "Κατάσταση", "Name": "Όνομα"},
}


@pytest.fixture
def translated(app, tmp_path, monkeypatch):
    with catalogues(app, tmp_path, monkeypatch, WORDS):
        yield


def test_the_sheet_of_a_polish_trainer_is_in_polish(translated, world, client, login_as):
    world.trainer.language = "pl"
    db.session.commit()
    login_as(world.trainer)
    page = client.get(f"/sessions/{world.past[0].id}/sheet").text
    assert "Lista obecności: " in page
    assert (
        '<option value="present">Obecny</option>' in page and '<option value="" selected>Nieoznaczony</option>' in page
    )


def test_status_lists_are_built_once_per_language(translated):
    with in_language("pl"):
        polish = status_options()
        assert status_options() is polish and "Obecny" in polish[None]
    with in_language("en"):
        assert "Present" in status_options()[None] and status_options() is not polish
    with in_language("pl"):
        assert attendance_status(None) == "Nieoznaczony" and attendance_status("present") == "Obecny"


def test_the_csv_header_row_is_in_the_exporters_language(translated, world, client, login_as):
    world.trainer.language = "el"
    db.session.commit()
    login_as(world.trainer)
    header = client.get(f"/sessions/{world.past[0].id}/sheet.csv").text.splitlines()[0]
    assert header.lstrip("\ufeff").startswith("Όνομα,Email,") and ",Κατάσταση," in header


def test_the_sign_in_sheet_is_in_the_language_of_whoever_downloads_it(translated, world, client, login_as, monkeypatch):
    written = []
    render = documents.render_sign_in_sheet

    def recording(sheet):
        written.append((current_language(), gettext("Signature")))
        return render(sheet)

    monkeypatch.setattr(documents, "render_sign_in_sheet", recording)
    world.trainer.language = "pl"
    db.session.commit()
    login_as(world.trainer)
    response = client.get(f"/sessions/{world.past[0].id}/sign-in-sheet.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert written == [("pl", "Podpis")]


@pytest.mark.parametrize("language", ["en", "es", "el", "pl", "it"])
def test_rates_are_written_the_readers_way_as_every_share_is(language):
    assert attendance_rate(None) == "–"
    with in_language(language):
        assert attendance_rate(2 / 3) == format_percent(2 / 3) and "67" in attendance_rate(2 / 3)
