"""Registration: seats while they last, then a waiting list in arrival order, promoted automatically.

Every change of a run's seats happens under the run's lock (see locking.py) and counts the
confirmed registrations inside it, so concurrent requests can never overbook a run.
"""

from datetime import datetime

from sqlalchemy import and_, func, or_, select

from ...accounts.audit.services import record
from ...accounts.models import User
from ...accounts.permissions import Cap, has_capability
from ...infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.timeutil import format_in_zone, utcnow
from .. import queries
from ..models import CLOSED_RUN, CourseRun, Registration
from ..permissions import require_manage_registrations
from . import notices
from .locking import lock_run, lock_runs


def _local(run: CourseRun, moment: datetime) -> str:
    return format_in_zone(moment, run.partner.timezone)


def window_refusal(run: CourseRun, now: datetime) -> str | None:
    """Why the run does not take registrations now, or None when it does."""
    if run.is_cancelled:
        return _("This run has been cancelled.")
    if run.is_completed:
        return _("This run has finished.")
    if not run.is_published:
        return _("This run is not open for registration yet.")
    if not any(not s.is_cancelled for s in run.sessions):
        return _("This run has no scheduled sessions.")
    if run.registration_opens_at and now < run.registration_opens_at:
        return _("Registration opens on %(when)s.", when=_local(run, run.registration_opens_at))
    if run.starts_at and now >= run.starts_at:
        return _("Registration closed when the run started.")
    if run.registration_closes_at and now >= run.registration_closes_at:
        return _("Registration closed on %(when)s.", when=_local(run, run.registration_closes_at))
    return None


def audience_refusal(run: CourseRun, user) -> str | None:
    """Why this person may not hold a place on the run, or None."""
    if run.is_partner_only and user.partner_id != run.partner_id:
        return _("This run is open only to members of %(partner)s.", partner=run.partner.short_name)
    return None


def registration_refusal(run: CourseRun, user, now: datetime | None = None) -> str | None:
    """Why this trainee cannot register now (shown beside a disabled button), or None."""
    if not has_capability(user, Cap.LEARN):
        return _("Only trainees register for runs.")
    return window_refusal(run, now or utcnow()) or audience_refusal(run, user)


def register(actor, run: CourseRun) -> Registration:
    """A trainee registers: a confirmed seat while seats remain, else the end of the waiting list."""
    if not has_capability(actor, Cap.LEARN):
        raise PermissionDenied(_("Only trainees register for runs."))
    lock_run(run)
    refusal = registration_refusal(run, actor)
    if refusal:
        raise ValidationError(refusal)
    existing = _current_registration(run, actor)
    _refuse_duplicate(existing)
    registration = _place(run, actor, existing, added_by=None)
    notices.registered(registration, queries.waitlist_rank(registration))
    return registration


def _current_registration(run: CourseRun, user) -> Registration | None:
    """The user's registration as the database has it now (the run is locked)."""
    return db.session.scalar(
        select(Registration)
        .where(Registration.run_id == run.id, Registration.user_id == user.id)
        .execution_options(populate_existing=True)
    )


def _refuse_duplicate(existing: Registration | None, trainee: User | None = None) -> None:
    """Refuse a second place on the run: to the trainee themselves, or to staff adding `trainee`."""
    if existing is None or not existing.is_active:
        return
    if existing.is_confirmed:
        raise Conflict(
            _("You are already registered for this run.")
            if trainee is None
            else _("%(name)s is already registered for this run.", name=trainee.name)
        )
    rank = queries.waitlist_rank(existing)
    raise Conflict(
        _("You are already on the waiting list of this run (number %(rank)s).", rank=rank)
        if trainee is None
        else _("%(name)s is already on the waiting list of this run (number %(rank)s).", name=trainee.name, rank=rank)
    )


def _confirmed_count(run: CourseRun) -> int:
    return db.session.scalar(select(func.count()).where(Registration.confirmed_on(run.id)))


def _next_position(run: CourseRun) -> int:
    return (db.session.scalar(select(func.max(Registration.position)).where(Registration.run_id == run.id)) or 0) + 1


def _place(run: CourseRun, user, existing: Registration | None, *, added_by) -> Registration:
    """Give a seat or a waiting-list place to someone arriving now (the run is locked)."""
    promote_waitlisted(run)
    now = utcnow()
    registration = existing or Registration(run_id=run.id, user_id=user.id, created_at=now)
    registration.place(_next_position(run), now, seat_free=_confirmed_count(run) < run.capacity)
    registration.added_by_id = getattr(added_by, "id", None)
    db.session.add(registration)
    db.session.flush()
    return registration


def promote_waitlisted(run: CourseRun) -> list[Registration]:
    """Fill free seats from the head of the waiting list and tell the people promoted."""
    if not run.is_published or (run.ends_at is not None and utcnow() >= run.ends_at):
        return []
    free = run.capacity - _confirmed_count(run)
    if free <= 0:
        return []
    first_in_line = list(
        db.session.scalars(
            select(Registration)
            .where(Registration.run_id == run.id, Registration.is_waitlisted)
            .order_by(Registration.position)
            .limit(free)
        )
    )
    now = utcnow()
    for registration in first_in_line:
        registration.promote(now)
    db.session.flush()
    for registration in first_in_line:
        notices.promoted(registration)
    return first_in_line


def cancellation_refusal(run: CourseRun, registration: Registration, now: datetime | None = None) -> str | None:
    """Why the trainee may no longer give up their active place (None: they may): a seat until the run's
    cut-off, a place on the waiting list until the run starts. The run page asks it before offering the button."""
    now = now or utcnow()
    cutoff = run.cancellation_cutoff
    if registration.is_confirmed and cutoff is not None and now >= cutoff:
        return _(
            "Cancellations closed on %(when)s: please ask the trainer or your coordinator.", when=_local(run, cutoff)
        )
    if registration.is_waitlisted and run.starts_at is not None and now >= run.starts_at:
        return _("The run has started: the waiting list is closed.")
    return None


def cancel_own_registration(actor, run: CourseRun) -> Registration:
    """A trainee gives up their seat (until the run's cut-off) or leaves the waiting list."""
    lock_run(run)
    registration = _current_registration(run, actor)
    if registration is None or not registration.is_active:
        raise NotFound(_("You are not registered for this run."))
    now = utcnow()
    refusal = cancellation_refusal(run, registration, now)
    if refusal:
        raise ValidationError(refusal)
    registration.cancel(now)
    db.session.flush()
    promote_waitlisted(run)
    notices.cancelled(registration)
    return registration


def _take_off(registration: Registration, note: str) -> None:
    """Staff end a place (its run is locked): a seat it frees goes to the first in line, who is told."""
    registration.remove(utcnow(), note=note)
    db.session.flush()
    promote_waitlisted(registration.run)


def _places_to_release(user, now: datetime) -> list[Registration]:
    """Seats on runs not yet started and places on waiting lists still open, in run order (the lock order)."""
    not_started = or_(CourseRun.starts_at.is_(None), CourseRun.starts_at > now)
    list_open = and_(Registration.is_waitlisted, or_(CourseRun.ends_at.is_(None), CourseRun.ends_at > now))
    return list(
        db.session.scalars(
            select(Registration)
            .join(CourseRun, CourseRun.id == Registration.run_id)
            .where(
                Registration.user_id == user.id,
                Registration.is_active,
                CourseRun.status.not_in(CLOSED_RUN),
                or_(not_started, list_open),
            )
            .order_by(Registration.run_id)
        )
    )


def release_places_of_erased(user, now: datetime | None = None) -> list[Registration]:
    """An erased person's future seats and waiting-list places go to the next in line, as if they had
    cancelled (without telling them); places on runs already under way stay: they are training records."""
    released = []
    for registration in _places_to_release(user, now or utcnow()):
        run = lock_run(registration.run)
        db.session.refresh(registration)
        if not registration.is_active:
            continue
        _take_off(registration, "Released: the person's data was erased.")
        record(
            None,
            "registration.release",
            "registration",
            registration.id,
            partner_id=run.partner_id,
            subject_user_id=user.id,
            summary=f"Released the place of user {user.id} on run {run.id} (personal data erased)",
        )
        released.append(registration)
    return released


def _runnable_for_staff(run: CourseRun) -> None:
    if not run.is_published:
        raise ValidationError(_("Trainees can be added only to a published run that is not cancelled or finished."))


def find_trainee(email: str) -> User:
    """The active trainee staff register by e-mail; refuses an unknown address or an account that is not a trainee."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active or not has_capability(user, Cap.LEARN):
        raise ValidationError(_("No trainee has the e-mail address %(email)s.", email=email.strip()))
    return user


def add_registration(actor, run: CourseRun, email: str) -> Registration:
    """A trainer or coordinator registers a trainee (outside the registration window too)."""
    require_manage_registrations(actor, run)
    trainee = find_trainee(email)
    lock_run(run)
    _runnable_for_staff(run)
    refusal = audience_refusal(run, trainee)
    if refusal:
        raise ValidationError(refusal)
    existing = _current_registration(run, trainee)
    _refuse_duplicate(existing, trainee)
    registration = _place(run, trainee, existing, added_by=actor)
    rank = queries.waitlist_rank(registration)
    record(
        actor,
        "registration.add",
        "registration",
        registration.id,
        partner_id=run.partner_id,
        subject_user_id=trainee.id,
        summary=f"Added {trainee.email} to run {run.id} ({registration.status})",
    )
    notices.registered(registration, rank)
    return registration


def get_registration_for(actor, registration_id: int) -> Registration:
    """A registration of a run the actor manages; others are 'not found'."""
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise NotFound(_("No such registration."))
    require_manage_registrations(actor, registration.run)
    return registration


def move_registration(actor, registration: Registration, target: CourseRun) -> Registration:
    """Move a trainee to another run of the same course; the seat they leave goes to the next in line."""
    source = registration.run
    require_manage_registrations(actor, source)
    require_manage_registrations(actor, target)
    if target.id == source.id or target.course_id != source.course_id:
        raise ValidationError(_("A trainee can be moved only to another run of the same course."))
    lock_runs(source, target)
    db.session.refresh(registration)
    if not registration.is_active:
        raise ValidationError(_("This registration is no longer active."))
    _runnable_for_staff(target)
    trainee = registration.user
    refusal = audience_refusal(target, trainee)
    if refusal:
        raise ValidationError(refusal)
    existing = _current_registration(target, trainee)
    _refuse_duplicate(existing, trainee)
    registration.cancel(
        utcnow(), note=f"Moved to run {target.id} by {getattr(actor, 'name', 'system')}", moved_to_run_id=target.id
    )
    db.session.flush()
    moved = _place(target, trainee, existing, added_by=actor)
    promote_waitlisted(source)
    record(
        actor,
        "registration.move",
        "registration",
        moved.id,
        partner_id=target.partner_id,
        subject_user_id=trainee.id,
        summary=f"Moved {trainee.email} from run {source.id} to run {target.id} ({moved.status})",
    )
    notices.moved(moved, queries.waitlist_rank(moved))
    return moved


def remove_registration(actor, registration: Registration, reason: str = "") -> Registration:
    """Take a trainee off a run; a freed seat goes to the next in line."""
    run = registration.run
    require_manage_registrations(actor, run)
    lock_run(run)
    db.session.refresh(registration)
    _take_off(registration, reason.strip()[:1000])
    record(
        actor,
        "registration.remove",
        "registration",
        registration.id,
        partner_id=run.partner_id,
        subject_user_id=registration.user_id,
        summary=f"Removed {registration.user.email} from run {run.id}",
        reason=registration.note,
    )
    notices.removed(registration, registration.note)
    return registration
