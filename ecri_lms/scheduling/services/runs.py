"""Planning course runs: create, edit, publish, cancel and close them."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...accounts.audit.services import record
from ...accounts.models import User
from ...accounts.organisations import Partner
from ...accounts.permissions import Cap, has_capability, require
from ...catalogue.models import Course
from ...infra.errors import NotFound, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import ngettext
from ...infra.timeutil import utcnow
from .. import queries
from ..models import Audience, CourseRun, DeliveryFormat, RunStatus
from ..permissions import require_manage_run
from ..timeplan import AmbiguousTime, local_to_utc, utc_to_local, wall_clock_text
from . import conflicts, notices
from .locking import lock_run
from .registrations import promote_waitlisted

MAX_CUTOFF_HOURS = 24 * 60
MAX_CAPACITY = 10000


@dataclass
class RunPlan:
    """What staff decide about a run; times are wall-clock times in the organising partner's zone."""

    course_id: int
    partner_id: int
    capacity: int
    audience: str = Audience.CONSORTIUM.value
    delivery_format: str = DeliveryFormat.IN_PERSON.value
    title: str = ""
    description: str = ""
    trainer_ids: tuple[int, ...] = ()
    registration_opens_local: datetime | None = None
    registration_closes_local: datetime | None = None
    cancellation_cutoff_hours: int | None = 24
    cancellation_deadline_local: datetime | None = None


def _deadline_to_utc(local: datetime | None, zone: str) -> datetime | None:
    """A run's deadline on its partner's clock; one in the hour the clocks go back is refused with a way out
    (the run form has no first-or-second choice: a deadline moved by a few minutes means the same)."""
    if local is None:
        return None
    try:
        return local_to_utc(local, zone)
    except AmbiguousTime:
        raise ValidationError(
            _(
                "%(time)s happens twice in %(zone)s: the clocks go back that night. "
                "Choose a deadline outside that hour.",
                time=wall_clock_text(local),
                zone=zone,
            )
        ) from None


def get_run_for_manager(actor, run_id: int) -> CourseRun:
    """A run the actor manages; 404 outside their scope."""
    run = queries.get_run(run_id)
    if run is None:
        raise NotFound(_("No such run."))
    require_manage_run(actor, run)
    return run


def _course(course_id: int) -> Course:
    course = db.session.get(Course, course_id)
    if course is None:
        raise ValidationError(_("Choose a course of the catalogue."))
    if course.is_archived:
        raise ValidationError(_("%(course)s is archived: it cannot get new runs.", course=course.code))
    return course


def _trainers(trainer_ids) -> list[User]:
    trainers = list(db.session.scalars(select(User).where(User.id.in_(set(trainer_ids))))) if trainer_ids else []
    if len(trainers) != len(set(trainer_ids)):
        raise ValidationError(_("Choose trainers from the list."))
    for trainer in trainers:
        if not trainer.is_active or not has_capability(trainer, Cap.TEACH):
            raise ValidationError(_("%(name)s cannot teach: give them the trainer role first.", name=trainer.name))
    return trainers


def _check_plan(plan: RunPlan) -> None:
    if not 1 <= plan.capacity <= MAX_CAPACITY:
        raise ValidationError(_("The capacity is between 1 and %(max)d seats.", max=MAX_CAPACITY))
    if plan.audience not in {a.value for a in Audience}:
        raise ValidationError(_("Open the run to the partner's people or to the whole consortium."))
    if plan.delivery_format not in {f.value for f in DeliveryFormat}:
        raise ValidationError(_("Choose in person, online or hybrid."))
    if plan.cancellation_cutoff_hours is not None and plan.cancellation_deadline_local is not None:
        raise ValidationError(
            _("Give the cancellation cut-off either in hours before the start or as a date, not both.")
        )
    if plan.cancellation_cutoff_hours is not None and not 0 <= plan.cancellation_cutoff_hours <= MAX_CUTOFF_HOURS:
        raise ValidationError(
            _("The cancellation cut-off is between 0 and %(max)d hours before the start.", max=MAX_CUTOFF_HOURS)
        )
    opens, closes = plan.registration_opens_local, plan.registration_closes_local
    if opens and closes and closes <= opens:
        raise ValidationError(_("Registration must close after it opens."))


def _apply(run: CourseRun, plan: RunPlan, zone: str) -> None:
    run.title = plan.title.strip() or None
    run.description = plan.description.strip()
    run.audience = plan.audience
    run.delivery_format = plan.delivery_format
    run.registration_opens_at = _deadline_to_utc(plan.registration_opens_local, zone)
    run.registration_closes_at = _deadline_to_utc(plan.registration_closes_local, zone)
    run.cancellation_cutoff_hours = plan.cancellation_cutoff_hours
    run.cancellation_deadline = _deadline_to_utc(plan.cancellation_deadline_local, zone)
    run.trainers = _trainers(plan.trainer_ids)


def create_run(actor, plan: RunPlan) -> CourseRun:
    """A trainer or coordinator plans a run of a course for a partner in their scope (as a draft)."""
    require(actor, Cap.TEACH, plan.partner_id)
    partner = db.session.get(Partner, plan.partner_id)
    if partner is None:
        raise ValidationError(_("Choose the organising partner."))
    _check_plan(plan)
    course = _course(plan.course_id)
    run = CourseRun(
        course=course,
        partner=partner,
        capacity=plan.capacity,
        status=RunStatus.DRAFT,
        created_by_id=getattr(actor, "id", None),
        settings={},
    )
    _apply(run, plan, partner.timezone)
    db.session.add(run)
    db.session.flush()
    record(
        actor,
        "run.create",
        "course_run",
        run.id,
        partner_id=partner.id,
        summary=f"Planned a run of {course.code} for {partner.code}",
    )
    return run


def update_run(actor, run: CourseRun, plan: RunPlan) -> CourseRun:
    """Edit a run; more seats promote the waiting list, fewer than the confirmed trainees are refused."""
    require_manage_run(actor, run)
    lock_run(run)
    run.refuse_if_closed()
    _check_plan(plan)
    if plan.partner_id != run.partner_id:
        raise ValidationError(_("The organising partner of a run cannot change: cancel it and plan a new run."))
    if plan.course_id != run.course_id:
        if not run.is_draft:
            raise ValidationError(_("The course of a published run cannot change."))
        run.course = _course(plan.course_id)
    confirmed = len(queries.confirmed_registrations(run))
    if plan.capacity < confirmed:
        raise ValidationError(
            ngettext(
                "%(num)d trainee has a confirmed seat: remove or move them before lowering the capacity to %(seats)d.",
                "%(num)d trainees have a confirmed seat: remove or move some before lowering "
                "the capacity to %(seats)d.",
                confirmed,
                seats=plan.capacity,
            )
        )
    run.capacity = plan.capacity
    _apply(run, plan, run.partner.timezone)
    db.session.flush()
    conflicts.check_run_sessions(run)
    promote_waitlisted(run)
    record(
        actor,
        "run.update",
        "course_run",
        run.id,
        partner_id=run.partner_id,
        summary=f"Edited run {run.id} ({run.display_title})",
    )
    return run


def publish_run(actor, run: CourseRun) -> CourseRun:
    """Open a draft run for registration; it needs at least one scheduled session."""
    require_manage_run(actor, run)
    if run.is_draft and all(s.is_cancelled for s in run.sessions):
        raise ValidationError(_("Add at least one session before publishing the run."))
    run.publish(utcnow())
    record(
        actor,
        "run.publish",
        "course_run",
        run.id,
        partner_id=run.partner_id,
        summary=f"Published run {run.id} ({run.display_title})",
    )
    return run


def cancel_run(actor, run: CourseRun, reason: str = "") -> CourseRun:
    """Cancel a run and all its sessions; everyone registered is told and their calendars update."""
    require_manage_run(actor, run)
    lock_run(run)
    run.cancel(utcnow(), reason.strip()[:1000])
    db.session.flush()
    registered = [r.user for r in queries.registrations_of_run(run) if r.is_active]
    notices.run_cancelled(run, registered)
    record(
        actor,
        "run.cancel",
        "course_run",
        run.id,
        partner_id=run.partner_id,
        summary=f"Cancelled run {run.id} ({run.display_title})",
        reason=run.cancellation_reason,
        registered=len(registered),
    )
    return run


def completion_refusal(run: CourseRun, now: datetime | None = None) -> str | None:
    """Why the run cannot be closed as completed yet (None: it can): it must be published and past its last
    session. The run page asks it before offering "Close as completed"."""
    if not run.is_published:
        return _("Only a published run can be closed as completed.")
    if run.ends_at is None or run.ends_at > (now or utcnow()):
        return _("A run can be closed only after its last session.")
    return None


def complete_run(actor, run: CourseRun) -> CourseRun:
    """Close a run once its last session is over (completion of trainees is decided elsewhere)."""
    require_manage_run(actor, run)
    refusal = completion_refusal(run)
    if refusal:
        raise ValidationError(refusal)
    run.complete(utcnow())
    record(
        actor,
        "run.complete",
        "course_run",
        run.id,
        partner_id=run.partner_id,
        summary=f"Closed run {run.id} as completed",
    )
    return run


def plan_of(run: CourseRun) -> RunPlan:
    """The run's current settings as a plan, to prefill the edit form."""
    zone = run.partner.timezone
    return RunPlan(
        course_id=run.course_id,
        partner_id=run.partner_id,
        capacity=run.capacity,
        audience=run.audience,
        delivery_format=run.delivery_format,
        title=run.title or "",
        description=run.description,
        trainer_ids=tuple(t.id for t in run.trainers),
        registration_opens_local=utc_to_local(run.registration_opens_at, zone) if run.registration_opens_at else None,
        registration_closes_local=(
            utc_to_local(run.registration_closes_at, zone) if run.registration_closes_at else None
        ),
        cancellation_cutoff_hours=run.cancellation_cutoff_hours,
        cancellation_deadline_local=(
            utc_to_local(run.cancellation_deadline, zone) if run.cancellation_deadline else None
        ),
    )
