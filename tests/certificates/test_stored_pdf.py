"""A certificate's PDF is rendered once and kept: reused while what it prints is the same, never
served once that changed (a re-issue, an erasure, another certificate under the same id)."""

import io

import pytest
from pypdf import PdfReader

from ecri_lms.accounts.personal_data import erased_name
from ecri_lms.certificates.services import documents, issue_manually, reissue, stored_pdf
from ecri_lms.infra.extensions import db
from ecri_lms.infra.storage import get_storage
from ecri_lms.privacy.services import erase_personal_data


@pytest.fixture
def renders(monkeypatch):
    """The names printed by every PDF actually rendered (not read from storage)."""
    printed = []
    render = documents.render_certificate

    def counting(document):
        printed.append(document.trainee_name)
        return render(document)

    monkeypatch.setattr(documents, "render_certificate", counting)
    return printed


def issued(held):
    certificate = issue_manually(held.coordinator, held.run, held.trainee, "Completed")
    db.session.commit()
    return certificate


def pdf_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_the_pdf_is_rendered_once_and_then_served_from_storage(held, client, login_as, renders):
    certificate = issued(held)
    login_as(held.trainee)
    first = client.get(f"/certificates/{certificate.id}.pdf")
    second = client.get(f"/certificates/{certificate.id}.pdf")
    assert renders == [held.trainee.name]
    assert first.status_code == second.status_code == 200 and first.data == second.data
    assert first.data.startswith(b"%PDF") and first.mimetype == "application/pdf"
    assert (
        f'filename="certificate-{certificate.course_code}-{certificate.code}.pdf"'
        in first.headers["Content-Disposition"]
    )
    assert first.headers["Cache-Control"] == "no-store"
    assert first.headers["ETag"] == second.headers["ETag"] and not first.headers["ETag"].startswith("W/")


def test_a_browser_with_the_current_pdf_gets_a_304_after_the_permission_check(held, make, client, login_as):
    certificate = issued(held)
    login_as(held.trainee)
    etag = client.get(f"/certificates/{certificate.id}.pdf").headers["ETag"]
    again = client.get(f"/certificates/{certificate.id}.pdf", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    login_as(make.trainee("LSK"))
    assert client.get(f"/certificates/{certificate.id}.pdf", headers={"If-None-Match": etag}).status_code == 404


def test_a_re_issue_with_a_corrected_name_gets_its_own_pdf(held, client, login_as, renders):
    certificate = issued(held)
    login_as(held.trainee)
    old = client.get(f"/certificates/{certificate.id}.pdf")
    held.trainee.name = "Łukasz Żółć-Nowak"
    replacement = reissue(held.coordinator, certificate, "Name corrected")
    db.session.commit()
    new = client.get(f"/certificates/{replacement.id}.pdf")
    assert new.headers["ETag"] != old.headers["ETag"]
    assert "Łukasz Żółć-Nowak" in pdf_text(new.data)
    assert "Nowak" not in pdf_text(client.get(f"/certificates/{certificate.id}.pdf").data)
    assert renders == ["Łukasz Żółć", "Łukasz Żółć-Nowak"]


def test_a_stored_pdf_is_never_served_for_another_certificate_with_the_same_id(held, renders):
    """As after a restore into an installation whose storage still holds the old files."""
    certificate = issued(held)
    before = stored_pdf(certificate)
    certificate.code = "0" * 26  # another certificate under the same id prints another code
    after = stored_pdf(certificate)
    assert after.etag != before.etag and len(renders) == 2


def test_erasure_deletes_the_stored_pdfs_that_print_the_name(held, make, client, login_as, renders):
    certificate = issued(held)
    old = stored_pdf(certificate)
    name = f"{documents.PDF_KIND}/{certificate.id}/{old.etag}"
    assert get_storage().read_derived(name) == old.data
    erase_personal_data(make.admin(), held.trainee)
    db.session.commit()
    assert get_storage().read_derived(name) is None
    login_as(held.coordinator)
    text = pdf_text(client.get(f"/certificates/{certificate.id}.pdf").data)
    assert erased_name(held.trainee.id) in text and "Łukasz" not in text


def test_the_batch_zip_reuses_the_stored_pdfs(held, client, login_as, renders):
    certificate = issued(held)
    stored = stored_pdf(certificate)
    login_as(held.coordinator)
    assert client.get(f"/runs/{held.run.id}/certificates.zip").status_code == 200
    assert renders == [held.trainee.name] and stored_pdf(certificate).data == stored.data


def test_a_new_public_address_renders_a_new_pdf_whose_qr_and_link_use_it(held, app, renders, monkeypatch):
    certificate = issued(held)
    before = stored_pdf(certificate)
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://training.example.eu")
    after = stored_pdf(certificate)
    assert len(renders) == 2 and before.etag != after.etag
    assert f"https://training.example.eu/verify/{certificate.code}" in pdf_text(after.data)
