"""Finding runs, registering, and one's own sessions and teaching."""

import calendar
from collections import defaultdict
from datetime import date

from babel.dates import format_date, get_day_names
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...accounts.permissions import Cap, require
from ...catalogue.services import materials_of
from ...infra.i18n import current_language
from ...infra.i18n import gettext as _
from ...infra.input_guards import parse_id
from ...infra.pagination import paginate
from ...infra.timeutil import to_zone, utcnow
from ...infra.web import commit_or_flash
from .. import queries, services
from ..forms import PlainForm, RunMaterialForm
from ..models import DeliveryFormat
from ..panels import run_panels_for
from ..permissions import can_view_run
from ..timeplan import month_bounds
from .blueprint import bp

RUNS_PER_PAGE = 20


def visible_run_or_404(run_id: int):
    """A run the current user may see; drafts of others are 'not found'."""
    return _visible_or_404(queries.get_run(run_id))


def _visible_or_404(run):
    if run is None or not can_view_run(current_user, run):
        abort(404)
    return run


def _parse_month(text: str) -> tuple[int, int] | None:
    try:
        year, month = (int(part) for part in text.split("-", 1))
    except ValueError:
        return None
    return (year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


def _int_arg(name: str) -> int | None:
    return parse_id(request.args.get(name, ""))


def _filters(partners) -> queries.RunFilters:
    partner = request.args.get("partner", "").upper()
    fmt = request.args.get("format", "")
    return queries.RunFilters(
        partner=partner if partner in {p.code for p in partners} else "",
        course_id=_int_arg("course"),
        area_id=_int_arg("area"),
        format=fmt if fmt in {f.value for f in DeliveryFormat} else "",
        month=_parse_month(request.args.get("month", "")),
        free_seats=request.args.get("free") == "1",
    )


@bp.get("/runs")
@login_required
def runs():
    choices = queries.run_filter_choices()
    filters = _filters(choices.partners)
    page = paginate(
        queries.runs_list_query(current_user, filters, zone=current_user.display_timezone), per_page=RUNS_PER_PAGE
    )
    return render_template(
        "scheduling/runs.html",
        page=page,
        filters=filters,
        seats=queries.seats_of(page.items),
        partners=choices.partners,
        courses=choices.courses,
        areas=choices.areas,
        formats=list(DeliveryFormat),
        month_text=request.args.get("month", "") if filters.month else "",
    )


@bp.get("/runs/<int:run_id>")
@login_required
def run_detail(run_id: int):
    run, seats = queries.run_with_seats(run_id) or (None, None)
    _visible_or_404(run)
    registration = queries.registration_of(run, current_user)
    active = registration if registration is not None and registration.is_active else None
    refusal = services.registration_refusal(run, current_user) if active is None else None
    return render_template(
        "scheduling/run.html",
        run=run,
        sessions=queries.sessions_of(run),
        seats=seats,
        registration=active,
        rank=queries.waitlist_rank(active) if active else None,
        refusal=refusal,
        may_join=services.may_join(current_user, run),
        cancel_refusal=services.cancellation_refusal(run, active) if active else None,
        completion_refusal=services.completion_refusal(run),
        form=PlainForm(),
        materials=materials_of(current_user, "run", run),
        material_form=RunMaterialForm(),
        panels=run_panels_for(current_user, run),
    )


@bp.post("/runs/<int:run_id>/register")
@login_required
def register(run_id: int):
    run = visible_run_or_404(run_id)
    if PlainForm().validate_on_submit():
        outcome = commit_or_flash(lambda: services.register(current_user, run))
        if outcome.ok:
            confirmed = outcome.value.is_confirmed
            flash(
                _("Your seat is confirmed.") if confirmed else _("The run is full: you are on the waiting list."),
                "success" if confirmed else "info",
            )
            if confirmed:
                for clash in services.clashes_with_run(current_user, run):
                    flash(
                        _(
                            "At the same time as another of your runs: %(clash)s",
                            clash=clash.describe(current_user.display_timezone),
                        ),
                        "warning",
                    )
    return redirect(url_for("scheduling.run_detail", run_id=run.id))


@bp.post("/runs/<int:run_id>/leave")
@login_required
def leave(run_id: int):
    run = visible_run_or_404(run_id)
    if PlainForm().validate_on_submit():
        commit_or_flash(
            lambda: services.cancel_own_registration(current_user, run), _("Your registration is cancelled.")
        )
    return redirect(url_for("scheduling.run_detail", run_id=run.id))


@bp.get("/my/sessions")
@login_required
def my_sessions():
    require(current_user, Cap.LEARN)
    registrations = queries.active_registrations_of(current_user)
    waiting = [(r, queries.waitlist_rank(r)) for r in registrations if r.is_waitlisted]
    sessions = queries.upcoming_sessions_for(current_user)
    return render_template(
        "scheduling/my_sessions.html",
        sessions=sessions,
        clashing=services.clashing_ids(sessions),
        waiting=waiting,
        past=queries.active_registrations_of(current_user, past=True, limit=20),
    )


@bp.get("/my/teaching")
@login_required
def my_teaching():
    require(current_user, Cap.TEACH)
    upcoming = queries.runs_taught_by(current_user)
    return render_template(
        "scheduling/my_teaching.html",
        sessions=queries.teaching_sessions_for(current_user),
        runs=upcoming,
        seats=queries.seats_of(upcoming),
        past=queries.runs_taught_by(current_user, past=True, limit=20),
    )


@bp.get("/calendar")
@login_required
def month():
    zone = current_user.display_timezone
    today = to_zone(utcnow(), zone).date()
    year, month_number = _parse_month(request.args.get("month", "")) or (today.year, today.month)
    mine = request.args.get("mine") == "1"
    start, end = month_bounds(year, month_number, zone)
    by_day = defaultdict(list)
    for training_session in queries.sessions_between(current_user, start, end, mine_only=mine):
        by_day[to_zone(training_session.starts_at, zone).date()].append(training_session)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    first_day = date(year, month_number, 1)
    return render_template(
        "scheduling/month.html",
        weeks=weeks,
        by_day=by_day,
        year=year,
        month=month_number,
        zone=zone,
        mine=mine,
        today=today,
        title=format_date(first_day, "LLLL y", locale=current_language()),
        previous=_shift(first_day, -1),
        following=_shift(first_day, 1),
        weekdays=_weekday_names(),
    )


def _weekday_names() -> list[str]:
    """Monday to Sunday, abbreviated in the reader's language (the calendar's weeks start on Monday)."""
    names = get_day_names("abbreviated", context="stand-alone", locale=current_language())
    return [names[day] for day in range(7)]


def _shift(first_day: date, months: int) -> str:
    index = first_day.year * 12 + first_day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
