"""The attendance blueprint and its navigation entries."""

from flask import Blueprint

from ...accounts.permissions import Cap, has_capability
from ...infra.navigation import register_nav
from ..models import Status

bp = Blueprint("attendance", __name__)

register_nav("Check in", "attendance.check_in_page", 94, lambda u: has_capability(u, Cap.LEARN), menu="Me")
register_nav("My attendance", "attendance.my_attendance", 95, lambda u: has_capability(u, Cap.LEARN), menu="Me")

STATUS_LABELS = {status.value: status.label for status in Status}


@bp.app_template_filter("attendance_status")
def attendance_status(status: str | None) -> str:
    return STATUS_LABELS.get(status, "Not marked")


@bp.app_template_filter("attendance_rate")
def attendance_rate(fraction: float | None) -> str:
    """0.8 → '80 %'; None → '–' (no session counted yet)."""
    return "–" if fraction is None else f"{round(fraction * 100):d} %"
