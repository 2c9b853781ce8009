"""An issued certificate's PDF: well formed, searchable in every script, its QR code opening its verification page."""

import subprocess

import pytest
import zxingcpp
from PIL import Image

from ecri_lms.certificates import codes
from ecri_lms.certificates.services import issue_manually, pdf_of
from ecri_lms.infra.extensions import db
from tests.certificates.test_pdf import NAMES, needs_poppler


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_an_issued_certificate_prints_the_name_course_and_code_and_its_qr_opens_verification(
    app, held, make, name, tmp_path
):
    trainee = make.trainee("LSK", name=name)
    make.registration(held.run, trainee)
    certificate = issue_manually(held.coordinator, held.run, trainee, "Completed")
    db.session.commit()
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf_of(certificate))
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert name in text and held.run.display_title in text and codes.display(certificate.code) in text
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))]
    base = app.config["PUBLIC_BASE_URL"].rstrip("/")
    assert decoded == [f"{base}/verify/{certificate.code}"]
