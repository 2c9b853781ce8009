"""What a certificate prints: the snapshot taken at issue time, and its PDF."""

from ...catalogue.models import Course
from ...scheduling.links import absolute_url
from ...scheduling.queries import sessions_of
from ...timeutil import to_zone
from .. import codes
from ..models import Certificate
from ..pdf import CertificateDocument, render_certificate


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
    return absolute_url("certificates.verify", code=code)


def document_of(certificate: Certificate) -> CertificateDocument:
    return CertificateDocument(
        trainee_name=certificate.trainee_name, course_title=certificate.course_title,
        course_code=certificate.course_code, curriculum_area=certificate.curriculum_area,
        hours=certificate.hours, start_date=certificate.start_date, end_date=certificate.end_date,
        partner_name=certificate.partner_name, trainers=list(certificate.trainers or []),
        issued_on=certificate.issued_on, code_display=codes.display(certificate.code),
        verify_url=verify_url(certificate.code), outcomes=list(certificate.outcomes or []),
        final_score=certificate.final_score, expires_on=certificate.expires_on)


def pdf_of(certificate: Certificate) -> bytes:
    return render_certificate(document_of(certificate))


def file_name(certificate: Certificate) -> str:
    """An ASCII file name: the course code and the code (names may be in any script)."""
    return f"certificate-{certificate.course_code}-{certificate.code}.pdf"
