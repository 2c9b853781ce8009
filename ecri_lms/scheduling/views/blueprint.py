"""The scheduling blueprint, its navigation entries, dashboard panels and template helpers."""

from flask import Blueprint
from flask_login import current_user

from ...accounts.permissions import Cap, has_capability
from ...infra.dashboard import register_panel
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.navigation import register_nav
from ...infra.timeutil import to_zone
from .. import queries
from ..permissions import can_manage_registrations, can_manage_run
from ..timeplan import format_dates, spans_for_viewer

bp = Blueprint("scheduling", __name__)

register_nav(_l("Training runs"), "scheduling.runs", 20, lambda u: u.is_authenticated)
register_nav(_l("Calendar"), "scheduling.month", 22, lambda u: u.is_authenticated)
register_nav(_l("My sessions"), "scheduling.my_sessions", 91, lambda u: has_capability(u, Cap.LEARN), menu=_l("Me"))
register_nav(_l("My teaching"), "scheduling.my_teaching", 92, lambda u: has_capability(u, Cap.TEACH), menu=_l("Me"))
register_nav(_l("My calendar feed"), "scheduling.feed_settings", 93, lambda u: u.is_authenticated, menu=_l("Me"))
register_nav(_l("Plan a run"), "scheduling.new_run", 70, lambda u: has_capability(u, Cap.TEACH), menu=_l("Manage"))
register_nav(_l("Venues"), "scheduling.venues", 85, lambda u: has_capability(u, Cap.MANAGE_VENUES), menu=_l("Manage"))

PANEL_SIZE = 5

register_panel(
    "upcoming-sessions",
    20,
    "scheduling/panel_upcoming.html",
    lambda u: has_capability(u, Cap.LEARN),
    lambda u: {"sessions": queries.upcoming_sessions_for(u, limit=PANEL_SIZE)},
)
register_panel(
    "teaching",
    25,
    "scheduling/panel_teaching.html",
    lambda u: has_capability(u, Cap.TEACH),
    lambda u: {"sessions": queries.teaching_sessions_for(u, limit=PANEL_SIZE)},
)


@bp.app_context_processor
def scheduling_helpers():
    return {
        "can_manage_run": lambda run: can_manage_run(current_user, run),
        "can_manage_registrations": lambda run: can_manage_registrations(current_user, run),
        "session_spans": _session_spans,
    }


@bp.app_template_filter("clock")
def clock(moment, zone_name: str) -> str:
    """Only the hour and minute of an instant on a zone's clock, e.g. '09:30'."""
    return to_zone(moment, zone_name).strftime("%H:%M")


@bp.app_template_filter("run_dates")
def run_dates(run) -> str:
    """When a run meets, on its organiser's clock."""
    if run.starts_at is None:
        return _("Dates to be announced")
    return format_dates(run.starts_at, run.ends_at, run.partner.timezone)


def _session_spans(training_session):
    """The session's time on its own clock, then on the viewer's when different."""
    viewer_zone = current_user.display_timezone if current_user.is_authenticated else None
    return spans_for_viewer(
        training_session.starts_at, training_session.ends_at, training_session.timezone, viewer_zone
    )
