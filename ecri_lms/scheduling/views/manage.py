"""Staff pages: planning runs and sessions, cancelling them, managing registrations."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from ...accounts.models import User, UserRole
from ...accounts.partners.services import all_partners
from ...accounts.permissions import ROLE_CAPABILITIES, Cap, partner_scope, require
from ...catalogue.models import Course
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import ngettext
from ...infra.input_guards import parse_id
from ...infra.pagination import requested_page
from ...infra.web import commit_or_flash, flash_form_errors
from .. import queries, services
from ..forms import (
    AddRegistrationForm,
    MoveRegistrationForm,
    PlainForm,
    ReasonForm,
    RemoveRegistrationForm,
    RunForm,
    SessionForm,
)
from ..permissions import require_manage_registrations
from .blueprint import bp

TEACHING_ROLES = [role.value for role, caps in ROLE_CAPABILITIES.items() if Cap.TEACH in caps]


def _run_choices(form: RunForm, run=None) -> None:
    """Courses of the catalogue, partners in the user's scope (new runs only), and everyone who can teach."""
    courses = db.session.scalars(select(Course).where(Course.archived_at.is_(None)).order_by(Course.code)).all()
    if run is not None and run.course not in courses:
        courses.append(run.course)
    form.course.choices = [(c.id, f"{c.code} – {c.title}") for c in courses]
    if run is None:
        scope = partner_scope(current_user, Cap.TEACH)
        form.partner.choices = [
            (p.id, f"{p.short_name} ({p.region})") for p in all_partners() if scope is None or p.id in scope
        ]
    teachers = db.session.scalars(
        select(User).where(User.active.is_(True), User.roles.any(UserRole.role.in_(TEACHING_ROLES))).order_by(User.name)
    ).all()
    consortium = _("consortium")
    form.trainers.choices = [(u.id, f"{u.name} ({u.partner.code if u.partner else consortium})") for u in teachers]


def _plan(form: RunForm, partner_id: int) -> services.RunPlan:
    return services.RunPlan(
        course_id=form.course.data,
        partner_id=partner_id,
        capacity=form.capacity.data,
        audience=form.audience.data,
        delivery_format=form.delivery_format.data,
        title=form.title.data or "",
        description=form.description.data or "",
        trainer_ids=tuple(form.trainers.data or ()),
        registration_opens_local=form.registration_opens.data,
        registration_closes_local=form.registration_closes.data,
        cancellation_cutoff_hours=form.cancellation_cutoff_hours.data,
        cancellation_deadline_local=form.cancellation_deadline.data,
    )


@bp.route("/runs/new", methods=["GET", "POST"])
@login_required
def new_run():
    require(current_user, Cap.TEACH)
    form = RunForm()
    _run_choices(form)
    if request.method == "GET" and parse_id(request.args.get("course")) is not None:
        form.course.data = parse_id(request.args["course"])
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: services.create_run(current_user, _plan(form, form.partner.data)),
            _("Run planned as a draft: now add its sessions."),
        )
        if outcome.ok:
            return redirect(url_for("scheduling.new_session", run_id=outcome.value.id))
    return render_template("scheduling/run_form.html", form=form, run=None)


@bp.route("/runs/<int:run_id>/edit", methods=["GET", "POST"])
@login_required
def edit_run(run_id: int):
    run = services.get_run_for_manager(current_user, run_id)
    plan = services.plan_of(run)
    form = RunForm(
        data={
            "course": plan.course_id,
            "capacity": plan.capacity,
            "audience": plan.audience,
            "delivery_format": plan.delivery_format,
            "title": plan.title,
            "description": plan.description,
            "trainers": list(plan.trainer_ids),
            "registration_opens": plan.registration_opens_local,
            "registration_closes": plan.registration_closes_local,
            "cancellation_cutoff_hours": plan.cancellation_cutoff_hours,
            "cancellation_deadline": plan.cancellation_deadline_local,
        }
    )
    del form.partner  # the organising partner of a run never changes
    _run_choices(form, run)
    if (
        form.validate_on_submit()
        and commit_or_flash(
            lambda: services.update_run(current_user, run, _plan(form, run.partner_id)), _("Run saved.")
        ).ok
    ):
        return redirect(url_for("scheduling.run_detail", run_id=run.id))
    return render_template("scheduling/run_form.html", form=form, run=run)


def _action(run_id: int, action, message: str):
    run = services.get_run_for_manager(current_user, run_id)
    if PlainForm().validate_on_submit():
        commit_or_flash(lambda: action(current_user, run), message)
    return redirect(url_for("scheduling.run_detail", run_id=run.id))


@bp.post("/runs/<int:run_id>/publish")
@login_required
def publish_run(run_id: int):
    return _action(run_id, services.publish_run, _("The run is published: trainees can register."))


@bp.post("/runs/<int:run_id>/complete")
@login_required
def complete_run(run_id: int):
    return _action(run_id, services.complete_run, _("The run is closed as completed."))


@bp.route("/runs/<int:run_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel_run(run_id: int):
    run = services.get_run_for_manager(current_user, run_id)
    form = ReasonForm()
    if (
        form.validate_on_submit()
        and commit_or_flash(
            lambda: services.cancel_run(current_user, run, form.reason.data or ""),
            _("The run is cancelled and its trainees have been told."),
        ).ok
    ):
        return redirect(url_for("scheduling.run_detail", run_id=run.id))
    return render_template(
        "scheduling/cancel.html",
        form=form,
        run=run,
        training_session=None,
        registered=len([r for r in queries.registrations_of_run(run) if r.is_active]),
    )


def _venue_choices(form: SessionForm) -> None:
    form.venue.choices = [("", _("— none (online) —"))] + [
        (
            v.id,
            ngettext(
                "%(partner)s · %(venue)s (%(num)d place)",
                "%(partner)s · %(venue)s (%(num)d places)",
                v.capacity,
                partner=v.partner.code,
                venue=v.label,
            ),
        )
        for v in services.usable_venues()
    ]


def _session_plan(form: SessionForm) -> services.SessionPlan:
    return services.SessionPlan(
        starts_local=form.starts.data,
        ends_local=form.ends.data,
        format=form.format.data,
        venue_id=form.venue.data,
        meeting_url=form.meeting_url.data or "",
        title=form.title.data or "",
        fold=int(form.clock_change.data) if form.clock_change.data else None,
    )


@bp.route("/runs/<int:run_id>/sessions/new", methods=["GET", "POST"])
@login_required
def new_session(run_id: int):
    run = services.get_run_for_manager(current_user, run_id)
    form = SessionForm()
    _venue_choices(form)
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: services.add_sessions(
                current_user, run, _session_plan(form), form.repeat.data, form.count.data or 1
            )
        )
        if outcome.ok:
            added = len(outcome.value)
            flash(ngettext("%(num)d session added.", "%(num)d sessions added.", added), "success")
            return redirect(url_for("scheduling.run_detail", run_id=run.id))
    return render_template("scheduling/session_form.html", form=form, run=run, training_session=None)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@login_required
def edit_session(session_id: int):
    training_session = services.get_session_for_manager(current_user, session_id)
    plan = services.plan_of_session(training_session)
    form = SessionForm(
        data={
            "title": plan.title,
            "format": plan.format,
            "venue": plan.venue_id,
            "meeting_url": plan.meeting_url,
            "starts": plan.starts_local,
            "ends": plan.ends_local,
            "clock_change": "" if plan.fold is None else str(plan.fold),
        }
    )
    del form.repeat
    del form.count
    _venue_choices(form)
    if (
        form.validate_on_submit()
        and commit_or_flash(
            lambda: services.update_session(current_user, training_session, _session_plan(form)),
            _("Session saved; registered trainees have been told of any change."),
        ).ok
    ):
        return redirect(url_for("scheduling.run_detail", run_id=training_session.run_id))
    return render_template(
        "scheduling/session_form.html", form=form, run=training_session.run, training_session=training_session
    )


@bp.route("/sessions/<int:session_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel_session(session_id: int):
    training_session = services.get_session_for_manager(current_user, session_id)
    form = ReasonForm()
    if (
        form.validate_on_submit()
        and commit_or_flash(
            lambda: services.cancel_session(current_user, training_session, form.reason.data or ""),
            _("The session is cancelled and its trainees have been told."),
        ).ok
    ):
        return redirect(url_for("scheduling.run_detail", run_id=training_session.run_id))
    return render_template(
        "scheduling/cancel.html",
        form=form,
        run=training_session.run,
        training_session=training_session,
        registered=None,
    )


def _managed_run(run_id: int):
    run = queries.run_to_manage(run_id)
    if run is None:
        abort(404)
    require_manage_registrations(current_user, run)
    return run


@bp.get("/runs/<int:run_id>/registrations")
@login_required
def registrations(run_id: int):
    """The run's registrations, a page at a time (waiting lists can be long)."""
    run = _managed_run(run_id)
    return render_template(
        "scheduling/registrations.html",
        run=run,
        registrations=queries.registrations_page(run, requested_page()),
        targets=queries.move_targets(run, current_user),
        add_form=AddRegistrationForm(),
    )


@bp.post("/runs/<int:run_id>/registrations")
@login_required
def add_registration(run_id: int):
    run = _managed_run(run_id)
    form = AddRegistrationForm()
    if form.validate_on_submit():
        commit_or_flash(lambda: services.add_registration(current_user, run, form.email.data), _("Trainee added."))
    else:
        flash_form_errors(form)
    return redirect(url_for("scheduling.registrations", run_id=run.id))


@bp.post("/registrations/<int:registration_id>/move")
@login_required
def move_registration(registration_id: int):
    registration = services.get_registration_for(current_user, registration_id)
    source_id = registration.run_id
    form = MoveRegistrationForm()
    form.target.choices = [(r.id, str(r.id)) for r in queries.other_runs_of_course(registration.run)]
    if form.validate_on_submit():
        target = _managed_run(form.target.data)
        commit_or_flash(lambda: services.move_registration(current_user, registration, target), _("Trainee moved."))
    else:
        flash_form_errors(form)
    return redirect(url_for("scheduling.registrations", run_id=source_id))


@bp.post("/registrations/<int:registration_id>/remove")
@login_required
def remove_registration(registration_id: int):
    registration = services.get_registration_for(current_user, registration_id)
    form = RemoveRegistrationForm()
    if form.validate_on_submit():
        commit_or_flash(
            lambda: services.remove_registration(current_user, registration, form.reason.data or ""),
            _("Trainee removed; the trainee has been told."),
        )
    return redirect(url_for("scheduling.registrations", run_id=registration.run_id))
