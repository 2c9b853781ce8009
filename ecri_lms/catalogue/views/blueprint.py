"""The catalogue's blueprint, shared by the view modules."""

from flask import Blueprint

from ...infra.i18n import format_number

bp = Blueprint("catalogue", __name__)


@bp.app_template_filter("hours")
def hours(value) -> str:
    """12.0 → '12', 10.5 → '10.5' (or '10,5': the reader's way of writing it)."""
    return format_number(float(value or 0), 2)
