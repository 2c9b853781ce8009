"""Pages of the needs area: analysis, surveys and answering, self-assessment, training plans."""

from flask import Blueprint

bp = Blueprint("needs", __name__, url_prefix="/needs")

from . import analysis, assessment, plans, surveys  # noqa: E402,F401  (they add their routes to bp)
