"""Certificates in the reader's language: the PDF in the language chosen at download (the holder's own by
default), every font in it embedded so Greek and Polish letters print; the verification page in the
visitor's language; the holder told of a revocation in theirs."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from ecri_lms.certificates import codes
from ecri_lms.certificates.pdf import CertificateDocument, format_date, render_certificate
from ecri_lms.certificates.services import issue_manually
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import current_language, in_language
from ecri_lms.notifications.models import Notification
from tests.certificates.words import new_request_language, use_words

GREEK_NAME = "Νικόλαος Παπαδόπουλος"
POLISH_NAME = "Zażółć Gęślą"


@pytest.fixture
def words(tmp_path, monkeypatch):
    use_words(tmp_path, monkeypatch)


def holder(held, name: str, language: str):
    trainee = held.make.trainee("LSK", name=name, language=language)
    held.make.registration(held.run, trainee)
    certificate = issue_manually(held.coordinator, held.run, trainee, "Completed")
    db.session.commit()
    return certificate


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def fonts_of(pdf: bytes) -> dict[str, bool]:
    """Each font the PDF's pages use, and whether its TrueType program is embedded (a FontFile2 stream)."""
    found = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            found[str(font["/BaseFont"])] = descriptor is not None and "/FontFile2" in descriptor.get_object()
    return found


def assert_every_font_embedded(pdf: bytes) -> None:
    fonts = fonts_of(pdf)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name or "Times" in name or "Courier" in name for name in fonts), fonts


def language_of_pdf(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"])


def download(client, certificate, language: str | None = None):
    new_request_language()
    query = f"?lang={language}" if language else ""
    response = client.get(f"/certificates/{certificate.id}.pdf{query}")
    assert response.status_code == 200
    return response


def test_a_greek_certificate_prints_greek_words_and_embeds_every_font(held, client, login_as, words):
    certificate = holder(held, GREEK_NAME, "el")
    login_as(certificate.user)
    pdf = download(client, certificate).data
    text = text_of(pdf)
    assert GREEK_NAME in text
    assert "Πιστοποιητικό Ολοκλήρωσης" in text and "Βεβαιώνεται ότι" in text
    assert "Certificate of Completion" not in text
    assert format_date(certificate.issued_on, "el") in text  # the month's Greek name
    assert language_of_pdf(pdf) == "el"
    assert_every_font_embedded(pdf)


def test_a_polish_certificate_is_printed_in_its_holders_language_for_whoever_downloads_it(
    held, client, login_as, words
):
    certificate = holder(held, POLISH_NAME, "pl")
    login_as(held.coordinator)  # who reads English
    pdf = download(client, certificate).data
    text = text_of(pdf)
    assert POLISH_NAME in text
    assert "Certyfikat ukończenia" in text and "Niniejszym zaświadcza się, że" in text
    assert format_date(certificate.issued_on, "pl") in text
    assert language_of_pdf(pdf) == "pl"
    assert_every_font_embedded(pdf)


def test_the_language_chosen_at_download_is_printed_and_stored_apart(held, client, login_as, words):
    certificate = holder(held, POLISH_NAME, "pl")
    login_as(certificate.user)
    polish = download(client, certificate)
    greek = download(client, certificate, "el")
    english = download(client, certificate, "en")
    assert "Πιστοποιητικό Ολοκλήρωσης" in text_of(greek.data) and POLISH_NAME in text_of(greek.data)
    assert "Certificate of Completion" in text_of(english.data)
    assert len({polish.headers["ETag"], greek.headers["ETag"], english.headers["ETag"]}) == 3
    assert download(client, certificate, "xx").headers["ETag"] == polish.headers["ETag"]  # unknown: the holder's
    assert download(client, certificate, "el").data == greek.data  # kept, not rendered again


def test_the_certificates_page_offers_the_pdf_in_every_language_the_holders_first(held, client, login_as):
    certificate = holder(held, POLISH_NAME, "pl")
    login_as(certificate.user)
    new_request_language()
    page = client.get("/certificates").get_data(as_text=True)
    assert f'href="/certificates/{certificate.id}.pdf"' in page
    assert "(Polski;" in page
    for language in ("en", "es", "el", "it"):
        assert f'href="/certificates/{certificate.id}.pdf?lang={language}"' in page
    assert f"/certificates/{certificate.id}.pdf?lang=pl" not in page


def test_the_verification_page_speaks_the_visitors_language(held, client, words):
    certificate = holder(held, POLISH_NAME, "pl")
    new_request_language()
    page = client.get(f"/verify/{certificate.code}", headers={"Accept-Language": "el"}).get_data(as_text=True)
    assert '<html lang="el">' in page
    assert "Επαλήθευση πιστοποιητικού" in page and "Εκπαιδευόμενος" in page
    assert format_date(certificate.issued_on, "el") in page
    new_request_language()
    page = client.get(f"/verify/{certificate.code}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Verify a certificate" in page and format_date(certificate.issued_on, "en") in page


def test_the_holder_is_told_of_a_revocation_in_their_language_and_the_coordinator_in_theirs(
    held, client, login_as, words
):
    certificate = holder(held, POLISH_NAME, "pl")
    login_as(held.coordinator)
    new_request_language()
    response = client.post(
        f"/certificates/{certificate.id}/revoke", data={"reason": "Issued in error"}, follow_redirects=True
    )
    assert "Certificate revoked." in response.get_data(as_text=True)
    subjects = db.session.scalars(
        select(Notification.subject).where(Notification.user_id == certificate.user_id).order_by(Notification.id)
    ).all()
    assert subjects[-1] == f"Twój certyfikat z kursu {held.course.title} został unieważniony"


def test_a_pdf_made_without_a_request_prints_the_dates_and_numbers_of_its_language():
    document = CertificateDocument(
        trainee_name=POLISH_NAME,
        course_title="Regulatory pathways for health products",
        course_code="LS10",
        curriculum_area="Life-science value chain",
        hours=1.5,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 5),
        partner_name="Klaster LifeScience Kraków",
        trainers=[GREEK_NAME],
        issued_on=date(2027, 3, 5),
        code_display=codes.display(codes.new_code()),
        verify_url="https://lms.example/verify/X",
        final_score=86.5,
        language="pl",
    )
    pdf = render_certificate(document)
    text = text_of(pdf)
    assert "5 marca 2027" in text and "1,5" in text and "86,5%" in text
    assert POLISH_NAME in text and GREEK_NAME in text
    assert_every_font_embedded(pdf)
    english = text_of(render_certificate(CertificateDocument(**{**document.__dict__, "language": "en"})))
    assert "5 March 2027" in english and "1.5 hours of training" in english and "86.5%" in english


def test_the_language_of_a_block_is_the_one_it_was_given(app):
    with in_language("pl"):
        assert current_language() == "pl"
        with in_language("el"):
            assert current_language() == "el"
        assert current_language() == "pl"
    with in_language("xx"):
        assert current_language() == "en"
