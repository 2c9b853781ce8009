"""Issuing, revoking and re-issuing certificates.

Every insert of a certificate runs in a savepoint: when the partial unique index refuses it
(another request issued one for the same trainee and run a moment earlier), only the savepoint
is rolled back and the caller gets a Conflict, never a half-done transaction.
"""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, lazyload

from ...accounts.audit.services import record
from ...accounts.languages import language_of
from ...accounts.models import User
from ...assessment.services import final_score
from ...infra.errors import Conflict, NotFound, ValidationError
from ...infra.extensions import db
from ...infra.i18n import _, in_language
from ...infra.links import absolute_url
from ...infra.timeutil import to_zone, utcnow
from ...notifications.services import notify
from ...scheduling.queries import registration_of
from ..models import Certificate, Completion
from ..permissions import require_manage_certificates
from ..rule_progress import rules_of
from .documents import fill_snapshot

MAX_REASON = 500


def current_certificate(user_id: int, run_id: int) -> Certificate | None:
    """The trainee's valid certificate for the run (neither revoked nor superseded), or None."""
    return db.session.scalar(
        select(Certificate).where(
            Certificate.user_id == user_id,
            Certificate.run_id == run_id,
            Certificate.revoked_at.is_(None),
            Certificate.superseded_at.is_(None),
        )
    )


def has_any_certificate(user_id: int, run_id: int) -> bool:
    """Whether the trainee was ever issued a certificate for the run, revoked or superseded ones included."""
    return (
        db.session.scalar(
            select(Certificate.id).where(Certificate.user_id == user_id, Certificate.run_id == run_id).limit(1)
        )
        is not None
    )


def _reason(text: str | None) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason."))
    if len(reason) > MAX_REASON:
        raise ValidationError(_("Keep the reason under %(max)d characters.", max=MAX_REASON))
    return reason


def _new_certificate(
    user, run, now: datetime, *, actor=None, reason: str = "", expires_on: date | None = None
) -> Certificate:
    certificate = Certificate(
        user_id=user.id,
        run_id=run.id,
        issued_at=now,
        issued_on=to_zone(now, run.partner.timezone).date(),
        expires_on=expires_on,
        issued_by_id=getattr(actor, "id", None),
        issue_reason=reason,
        final_score=final_score(user, run.course, rules_of(run).get("quizzes") or [], now),
    )
    fill_snapshot(certificate, user, run)
    try:
        with db.session.begin_nested():
            db.session.add(certificate)
    except IntegrityError:
        raise Conflict(_("%(name)s already has a current certificate for this run.", name=user.name)) from None
    return certificate


def _audit(actor, action: str, certificate: Certificate, summary: str, **details) -> None:
    record(
        actor,
        action,
        "certificate",
        certificate.id,
        partner_id=certificate.run.partner_id,
        summary=summary,
        subject_user_id=certificate.user_id,
        code=certificate.code,
        run_id=certificate.run_id,
        **details,
    )


def _tell_trainee(certificate: Certificate, words) -> None:
    """Notify the holder in their own language: `words()` gives the (subject, text), read inside it."""
    user = db.session.get(User, certificate.user_id)
    with in_language(language_of(user)):
        subject, body = words()
        notify(user, subject, body, link=absolute_url("certificates.mine"))


def _tell_issued(certificate: Certificate) -> None:
    _tell_trainee(
        certificate,
        lambda: (
            _("Your certificate for %(course)s", course=certificate.course_title),
            _(
                "Your certificate for %(course)s (%(partner)s) has been issued. "
                "Download it from your certificates page.",
                course=certificate.course_title,
                partner=certificate.partner_name,
            ),
        ),
    )


def issue_automatically(user, run, now: datetime | None = None) -> Certificate | None:
    """The certificate of a trainee who completed the run, unless one was ever issued (a revoked
    certificate is not replaced behind the coordinator's back)."""
    if has_any_certificate(user.id, run.id):
        return None
    try:
        certificate = _new_certificate(user, run, now or utcnow())
    except Conflict:
        return None
    _audit(None, "certificate.issue", certificate, f"Certificate issued to {user.name} on completion")
    _tell_issued(certificate)
    return certificate


def issue_for_completions(run, now: datetime | None = None) -> list[Certificate]:
    """Certificates for every trainee who completed the run and never had one."""
    completions = db.session.scalars(select(Completion).where(Completion.run_id == run.id))
    issued = [issue_automatically(completion.user, run, now) for completion in completions]
    return [certificate for certificate in issued if certificate is not None]


def issue_manually(
    actor, run, user, reason: str, *, expires_on: date | None = None, now: datetime | None = None
) -> Certificate:
    """A coordinator issues a certificate by hand (completion or not), saying why."""
    require_manage_certificates(actor, run)
    reason = _reason(reason)
    registration = registration_of(run, user)
    if registration is None or not registration.is_confirmed:
        raise NotFound(_("%(name)s has no confirmed place on this run.", name=user.name))
    now = now or utcnow()
    if expires_on is not None and expires_on <= to_zone(now, run.partner.timezone).date():
        raise ValidationError(_("The expiry date must be in the future."))
    certificate = _new_certificate(user, run, now, actor=actor, reason=reason, expires_on=expires_on)
    _audit(actor, "certificate.issue", certificate, f"Certificate issued by hand to {user.name}", reason=reason)
    _tell_issued(certificate)
    return certificate


def revoke(actor, certificate: Certificate, reason: str, now: datetime | None = None) -> Certificate:
    """Withdraw a current certificate; verification then shows it as revoked, with the date."""
    require_manage_certificates(actor, certificate.run)
    reason = _reason(reason)
    certificate.revoke(now or utcnow(), getattr(actor, "id", None), reason)
    db.session.flush()
    _audit(
        actor, "certificate.revoke", certificate, f"Certificate of {certificate.trainee_name} revoked", reason=reason
    )
    _tell_trainee(
        certificate,
        lambda: (
            _("Your certificate for %(course)s was revoked", course=certificate.course_title),
            _(
                "Your certificate for %(course)s has been revoked. Reason: %(reason)s",
                course=certificate.course_title,
                reason=reason,
            ),
        ),
    )
    return certificate


def reissue(actor, certificate: Certificate, reason: str, now: datetime | None = None) -> Certificate:
    """A new certificate with today's profile data (a corrected name); the old one stays, superseded."""
    require_manage_certificates(actor, certificate.run)
    reason = _reason(reason)
    now = now or utcnow()
    certificate.supersede(now)
    db.session.flush()
    user = db.session.get(User, certificate.user_id)
    replacement = _new_certificate(
        user, certificate.run, now, actor=actor, reason=reason, expires_on=certificate.expires_on
    )
    certificate.superseded_by_id = replacement.id
    db.session.flush()
    _audit(
        actor,
        "certificate.reissue",
        replacement,
        f"Certificate of {user.name} re-issued",
        reason=reason,
        supersedes=certificate.code,
    )
    _tell_issued(replacement)
    return replacement


def get_certificate(certificate_id: int) -> Certificate | None:
    """A certificate by id, or None; the caller checks who may see it."""
    return db.session.get(Certificate, certificate_id)


def get_certificate_to_download(certificate_id: int) -> Certificate | None:
    """The certificate with its bare run (whose partner decides who else may download it), in one
    query: the PDF prints only the certificate's own snapshot, so the holder, the course, the
    trainers… are loaded only if something reads them."""
    return db.session.get(
        Certificate, certificate_id, options=[lazyload(Certificate.user), joinedload(Certificate.run).lazyload("*")]
    )


def find_by_code(code: str) -> Certificate | None:
    """The certificate bearing this code, whatever its state (verification shows revoked ones too), or None."""
    return db.session.scalar(select(Certificate).where(Certificate.code == code))
