"""Certificates in a person's data download; erasure keeps them (funders count them) but takes the
name off them, so the public verification page no longer shows who held one, and deletes their
stored PDFs, which print the name."""

from sqlalchemy import select, update

from ..accounts.personal_data import erased_name
from ..extensions import db
from ..jobs.queue import enqueue_after_commit
from .models import Certificate, Completion
from .services.documents import forget_pdfs


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    certificates = db.session.scalars(select(Certificate).where(Certificate.user_id == user.id)
                                      .order_by(Certificate.issued_at)).all()
    completions = db.session.scalars(select(Completion).where(Completion.user_id == user.id)
                                     .order_by(Completion.completed_at)).all()
    return {
        "certificates": [{"code": c.code, "course": c.course_code, "title": c.course_title, "name": c.trainee_name,
                          "hours": c.hours, "issued_on": _iso(c.issued_on), "expires_on": _iso(c.expires_on),
                          "revoked_at": _iso(c.revoked_at)} for c in certificates],
        "completions": [{"run": c.run_id, "completed_at": _iso(c.completed_at)} for c in completions],
    }


def erase(user) -> None:
    certificate_ids = list(db.session.scalars(select(Certificate.id).where(Certificate.user_id == user.id)))
    db.session.execute(update(Certificate).where(Certificate.user_id == user.id)
                       .values(trainee_name=erased_name(user.id)))
    forget_pdfs(certificate_ids)  # now, so that no file with the name is left even if the job queue is down
    enqueue_after_commit(forget_pdfs, certificate_ids)  # and again: a download may render one meanwhile
