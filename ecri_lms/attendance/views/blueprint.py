"""The attendance blueprint and its navigation entries."""

from flask import Blueprint

from ...accounts.permissions import Cap, has_capability
from ...infra.i18n import format_percent
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.navigation import register_nav
from ..models import STATUSES, Status

bp = Blueprint("attendance", __name__)

register_nav(_l("Check in"), "attendance.check_in_page", 94, lambda u: has_capability(u, Cap.LEARN), menu=_l("Me"))
register_nav(_l("My attendance"), "attendance.my_attendance", 95, lambda u: has_capability(u, Cap.LEARN), menu=_l("Me"))


@bp.app_template_filter("attendance_status")
def attendance_status(status: str | None) -> str:
    """A mark's status in the reader's language; "Not marked" for none."""
    return Status(status).label if status in STATUSES else _("Not marked")


@bp.app_template_filter("attendance_rate")
def attendance_rate(fraction: float | None) -> str:
    """A share written the reader's way, as every share is (format_percent): 0.8 → '80%'; None → '–' (no
    session counted yet)."""
    return "–" if fraction is None else format_percent(fraction)
