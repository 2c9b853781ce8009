"""Pages of the needs area: analysis, surveys and answering, self-assessment, training plans."""

from flask import Blueprint

from ..locale_format import fixed

bp = Blueprint("needs", __name__, url_prefix="/needs")
# `{{ value|fixed(4) }}`: a figure with its fixed decimals in the reader's way (macros imported without context too).
bp.add_app_template_filter(fixed, "fixed")

from . import analysis, assessment, plans, surveys  # noqa: E402,F401  (they add their routes to bp)
