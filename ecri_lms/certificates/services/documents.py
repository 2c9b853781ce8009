"""What a certificate prints: the snapshot taken at issue time, and its PDF.

A certificate never changes what it prints (a correction is a new certificate), so its PDF is
rendered once per language and kept in storage, named by the certificate and the fingerprint of the
printed document (its language included): if anything printed did change (an erasure takes the name
off), the name changes too and the old file is never served.
"""

from dataclasses import dataclass

from ...accounts.languages import language_of
from ...catalogue.models import Course
from ...infra.i18n import is_language
from ...infra.links import absolute_url
from ...infra.storage import get_storage
from ...infra.timeutil import to_zone
from ...scheduling.queries import sessions_of
from .. import codes
from ..models import Certificate
from ..pdf import CertificateDocument, fingerprint, render_certificate

PDF_KIND = "certificate-pdf"


@dataclass(frozen=True)
class StoredPdf:
    data: bytes
    etag: str  # the fingerprint: the same for as long as the bytes are


def curriculum_area_of(course: Course) -> str:
    """The area of the course's first topic (the one it is filed under)."""
    for course_topic in course.course_topics:
        return course_topic.topic.area.name
    return ""


def fill_snapshot(certificate: Certificate, user, run) -> None:
    """Copy onto the certificate everything it prints, as it stands now."""
    sessions = sessions_of(run, include_cancelled=False)
    zone = run.partner.timezone
    certificate.trainee_name = user.name
    certificate.course_title = run.course.title
    certificate.course_code = run.course.code
    certificate.curriculum_area = curriculum_area_of(run.course)
    certificate.outcomes = list(run.course.outcomes or [])
    certificate.hours = round(sum(session.hours for session in sessions), 2)
    certificate.start_date = to_zone(sessions[0].starts_at, zone).date() if sessions else None
    certificate.end_date = to_zone(sessions[-1].ends_at, zone).date() if sessions else None
    certificate.partner_name = run.partner.name
    certificate.trainers = [trainer.name for trainer in run.trainers]


def verify_url(code: str) -> str:
    """The public page where anyone checks a certificate by its code (printed and QR-coded on the PDF)."""
    return absolute_url("certificates.verify", code=code)


def holder_language(certificate: Certificate) -> str:
    """The language the holder reads: their certificate's PDF is printed in it unless another is chosen."""
    return language_of(certificate.user)


def document_of(certificate: Certificate, language: str | None = None) -> CertificateDocument:
    """What the PDF prints: the certificate's own snapshot, plus the address that verifies it, in `language`
    (the holder's own when none or an unknown one is given)."""
    return CertificateDocument(
        trainee_name=certificate.trainee_name,
        course_title=certificate.course_title,
        course_code=certificate.course_code,
        curriculum_area=certificate.curriculum_area,
        hours=certificate.hours,
        start_date=certificate.start_date,
        end_date=certificate.end_date,
        partner_name=certificate.partner_name,
        trainers=list(certificate.trainers or []),
        issued_on=certificate.issued_on,
        code_display=codes.display(certificate.code),
        verify_url=verify_url(certificate.code),
        outcomes=list(certificate.outcomes or []),
        final_score=certificate.final_score,
        expires_on=certificate.expires_on,
        language=language if is_language(language) else holder_language(certificate),
    )


def stored_pdf(certificate: Certificate, language: str | None = None) -> StoredPdf:
    """The certificate's PDF in `language` (the holder's by default) from storage, rendered and stored first
    if it is not there yet."""
    document = document_of(certificate, language)
    digest = fingerprint(document)
    name = f"{PDF_KIND}/{certificate.id}/{digest}"
    storage = get_storage()
    data = storage.read_derived(name)
    if data is None:
        data = storage.save_derived(name, render_certificate(document))
    return StoredPdf(data, digest)


def pdf_of(certificate: Certificate, language: str | None = None) -> bytes:
    """The certificate's PDF bytes (for the CLI and ZIP batches) in `language`, the holder's by default,
    rendered and stored on first use."""
    return stored_pdf(certificate, language).data


def forget_pdfs(certificate_ids: list[int]) -> None:
    """Delete every stored PDF of these certificates, of any fingerprint (every language)."""
    storage = get_storage()
    for certificate_id in certificate_ids:
        storage.delete_derived(f"{PDF_KIND}/{certificate_id}")


def file_name(certificate: Certificate) -> str:
    """An ASCII file name: the course code and the code (names may be in any script)."""
    return f"certificate-{certificate.course_code}-{certificate.code}.pdf"


def _safe_for_file_name(text: str) -> str:
    kept = "".join("-" if char in '/\\:*?"<>|' or not char.isprintable() else char for char in text)
    return " ".join(kept.split()).strip(". ") or "trainee"


def named_file_name(certificate: Certificate) -> str:
    """A file name that says whose certificate it is (in their own script: ZIP names are UTF-8)."""
    return f"{_safe_for_file_name(certificate.trainee_name)} – {certificate.course_code}-{certificate.code}.pdf"
