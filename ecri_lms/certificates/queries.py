"""Read models of certificates for pages, the CLI, the gradebook and coverage."""

import enum
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ..infra.extensions import db
from ..infra.i18n import _l
from ..infra.labels import Labelled, wording
from ..infra.timeutil import utcnow
from ..scheduling.models import CourseRun, RunStatus
from .models import Certificate, CertificateStatus, Completion


class CompletionStanding(Labelled, enum.StrEnum):
    """A trainee's standing on a run as the gradebook shows it (derived: no column); a person reads its label."""

    COMPLETED = "Completed"
    IN_PROGRESS = "In progress"
    REVOKED = "Certificate revoked"
    EXPIRED = "Certificate expired"

    WORDING = wording(
        **{
            "Completed": _l("Completed"),
            "In progress": _l("In progress"),
            "Certificate revoked": _l("Certificate revoked"),
            "Certificate expired": _l("Certificate expired"),
        }
    )


def completions_of_run(run_id: int) -> list[Completion]:
    """Who completed the run, earliest first."""
    return list(
        db.session.scalars(
            select(Completion).where(Completion.run_id == run_id).order_by(Completion.completed_at, Completion.id)
        )
    )


def certificates_of_run(run_id: int) -> list[Certificate]:
    """Every certificate of the run, newest first (revoked and superseded ones too)."""
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.run_id == run_id)
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


def current_certificates_of_user(user_id: int, limit: int = 50) -> list[Certificate]:
    """The user's certificates that still stand (neither revoked nor superseded), newest first; each carries
    what it shows, so its run and holder are not joined in (they load if asked)."""
    return list(
        db.session.scalars(
            select(Certificate)
            .options(lazyload(Certificate.run), lazyload(Certificate.user))
            .where(
                Certificate.user_id == user_id, Certificate.revoked_at.is_(None), Certificate.superseded_at.is_(None)
            )
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
            .limit(limit)
        )
    )


def completion_state(certificates: Iterable[Certificate], completed: bool, now: datetime) -> CompletionStanding:
    """A trainee's state on a run: a certificate's fate outranks completion."""
    statuses = {c.status_at(now) for c in certificates}
    if CertificateStatus.VALID in statuses:
        return CompletionStanding.COMPLETED
    if CertificateStatus.EXPIRED in statuses:
        return CompletionStanding.EXPIRED
    if CertificateStatus.REVOKED in statuses:
        return CompletionStanding.REVOKED
    return CompletionStanding.COMPLETED if completed else CompletionStanding.IN_PROGRESS


def completion_states(
    run: CourseRun, user_ids: Iterable[int], now: datetime | None = None
) -> dict[int, CompletionStanding]:
    """Each user's state on the run, for the gradebook."""
    user_ids = list(dict.fromkeys(user_ids))
    if not user_ids:
        return {}
    now = now or utcnow()
    completed = set(
        db.session.scalars(
            select(Completion.user_id).where(Completion.run_id == run.id, Completion.user_id.in_(user_ids))
        )
    )
    by_user: dict[int, list[Certificate]] = {}
    for certificate in db.session.scalars(
        select(Certificate).where(Certificate.run_id == run.id, Certificate.user_id.in_(user_ids))
    ):
        by_user.setdefault(certificate.user_id, []).append(certificate)
    return {user_id: completion_state(by_user.get(user_id, []), user_id in completed, now) for user_id in user_ids}


def certificates_of_user_by_run(user_id: int, run_ids: Iterable[int]) -> dict[int, list[Certificate]]:
    """The user's certificates on each of the runs, newest first, in one query.

    The user and the runs are not loaded again with them (their caller has them in the session already).
    """
    by_run: dict[int, list[Certificate]] = {}
    for certificate in db.session.scalars(
        select(Certificate)
        .options(lazyload(Certificate.user), lazyload(Certificate.run))
        .where(Certificate.user_id == user_id, Certificate.run_id.in_(list(run_ids)))
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    ):
        by_run.setdefault(certificate.run_id, []).append(certificate)
    return by_run


def runs_completed_by(user_id: int, run_ids: Iterable[int]) -> set[int]:
    """Which of the runs the user completed, in one query."""
    return set(
        db.session.scalars(
            select(Completion.run_id).where(Completion.user_id == user_id, Completion.run_id.in_(list(run_ids)))
        )
    )


def certificate_list(run_id: int | None = None, partner_ids: frozenset[int] | None = None) -> list[Certificate]:
    """Certificates for the CLI's list: of one run, or all; within partners when given."""
    query = select(Certificate).join(Certificate.run).order_by(Certificate.issued_at, Certificate.id)
    if run_id is not None:
        query = query.where(Certificate.run_id == run_id)
    if partner_ids is not None:
        query = query.where(CourseRun.partner_id.in_(partner_ids))
    return list(db.session.scalars(query))


def started_runs(partner_ids: frozenset[int] | None, now: datetime | None = None, limit: int = 100) -> list[CourseRun]:
    """Runs of these partners (None: all) that have begun, latest first: where certificates are due."""
    query = (
        select(CourseRun)
        .where(CourseRun.status != RunStatus.CANCELLED, CourseRun.starts_at <= (now or utcnow()))
        .order_by(CourseRun.starts_at.desc(), CourseRun.id.desc())
        .limit(limit)
    )
    if partner_ids is not None:
        query = query.where(CourseRun.partner_id.in_(partner_ids))
    return list(db.session.scalars(query))


def certificate_counts(run_ids: Iterable[int]) -> dict[int, int]:
    """Current certificates per run."""
    rows = db.session.execute(
        select(Certificate.run_id, db.func.count(Certificate.id))
        .where(
            Certificate.run_id.in_(list(run_ids)), Certificate.revoked_at.is_(None), Certificate.superseded_at.is_(None)
        )
        .group_by(Certificate.run_id)
    )
    return dict(rows.all())
