import io
import shutil
import subprocess
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from ecri_lms.certificates import codes
from ecri_lms.certificates.pdf import CertificateDocument, render_certificate

NAMES = ["Łukasz Żółć", "Ørsted", "José Núñez", "Νίκος"]
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftoppm") or not shutil.which("qpdf"),
    reason="needs poppler-utils and qpdf (installed by .ci/run)",
)


def document(name: str, code: str) -> CertificateDocument:
    return CertificateDocument(
        trainee_name=name,
        course_title="Regulatory pathways for health products",
        course_code="LS10",
        curriculum_area="Life-science value chain",
        hours=12,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 2),
        partner_name="Klaster LifeScience Kraków",
        trainers=["Νίκος Παπαδόπουλος"],
        issued_on=date(2027, 3, 5),
        code_display=codes.display(code),
        verify_url=f"https://lms.example/verify/{code}",
        outcomes=["Explain when the EMA centralised procedure is mandatory."],
        final_score=86.5,
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_text_carries_the_name_course_and_code(name):
    code = codes.new_code()
    pdf = render_certificate(document(name, code))
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert name in text
    assert "Regulatory pathways for health products" in text
    assert codes.display(code) in text
    assert reader.metadata.title.startswith("Certificate – Regulatory pathways") and name in reader.metadata.title
    assert "ECRI" in reader.metadata.author
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape


@needs_poppler
def test_the_pdf_is_well_formed_and_its_qr_code_opens_the_verification_page(tmp_path):
    code = codes.new_code()
    path = tmp_path / "certificate.pdf"
    path.write_bytes(render_certificate(document("Łukasz Żółć", code)))
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Łukasz Żółć" in text and codes.display(code) in text
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    decoded = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    assert [barcode.text for barcode in decoded] == [f"https://lms.example/verify/{code}"]


def test_codes_carry_at_least_128_bits_and_read_back_from_their_display_form():
    code = codes.new_code()
    assert len(code) * 5 >= 128
    assert codes.normalise(codes.display(code).lower()) == code
    assert codes.normalise(" " + codes.display(code).replace("-", " ") + " ") == code
    assert len({codes.new_code() for _ in range(1000)}) == 1000


def test_look_alike_characters_are_forgiven_and_garbage_is_refused():
    code = "0123456789ABCDEFGHJKMNPQRS"
    assert codes.normalise(code.replace("0", "O").replace("1", "I")) == code
    assert codes.normalise("not a code") is None
    assert codes.normalise(code + "X") is None
