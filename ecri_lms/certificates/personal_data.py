"""Certificates in a person's data download; erasure keeps them (funders count them) but takes the
name off them (privacy.personal_tables: the holder's name becomes the pseudonym), so the public
verification page no longer shows who held one. An erased trainer's name leaves the certificates of
the runs they taught, and every stored PDF that printed either name is deleted."""

from sqlalchemy import select

from ..accounts.personal_data import erased_name
from ..infra.extensions import db
from ..infra.jobs.queue import enqueue_after_commit
from ..scheduling.models import CourseRunTrainer
from .models import Certificate, Completion
from .services.documents import forget_pdfs


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    certificates = db.session.scalars(
        select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.issued_at)
    ).all()
    completions = db.session.scalars(
        select(Completion).where(Completion.user_id == user.id).order_by(Completion.completed_at)
    ).all()
    return {
        "certificates": [
            {
                "code": c.code,
                "course": c.course_code,
                "title": c.course_title,
                "name": c.trainee_name,
                "hours": c.hours,
                "issued_on": _iso(c.issued_on),
                "expires_on": _iso(c.expires_on),
                "revoked_at": _iso(c.revoked_at),
            }
            for c in certificates
        ],
        "completions": [{"run": c.run_id, "completed_at": _iso(c.completed_at)} for c in completions],
    }


def _unname_trainer(user) -> list[int]:
    """Put the pseudonym for the trainer's name on the certificates of the runs they taught; their ids."""
    taught = db.session.scalars(
        select(Certificate)
        .join(CourseRunTrainer, CourseRunTrainer.run_id == Certificate.run_id)
        .where(CourseRunTrainer.user_id == user.id)
    )
    changed = []
    for certificate in taught:
        if user.name in (certificate.trainers or []):
            certificate.trainers = [
                erased_name(user.id) if name == user.name else name for name in certificate.trainers
            ]
            changed.append(certificate.id)
    return changed


def erase(user) -> None:
    held = list(db.session.scalars(select(Certificate.id).where(Certificate.user_id == user.id)))
    certificate_ids = held + _unname_trainer(user)
    forget_pdfs(certificate_ids)  # now, so that no file with the name is left even if the job queue is down
    enqueue_after_commit(forget_pdfs, certificate_ids)  # and again: a download may render one meanwhile
