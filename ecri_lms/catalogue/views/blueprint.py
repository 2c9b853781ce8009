"""The catalogue's blueprint, shared by the view modules."""

from flask import Blueprint

bp = Blueprint("catalogue", __name__)


@bp.app_template_filter("hours")
def hours(value) -> str:
    """12.0 → '12', 10.5 → '10.5'."""
    return f"{float(value or 0):g}"
