"""The assessment blueprint, shared by the view modules, with its template filters."""

from flask import Blueprint
from markupsafe import Markup

from ...infra.i18n import format_number
from ..models import AttemptState
from ..rendering import render_text

bp = Blueprint("assessment", __name__)


@bp.app_template_filter("question_html")
def question_html(question) -> Markup:
    """A question's text as safe HTML in its own format."""
    return render_text(question.text, question.text_format)


@bp.app_template_filter("formatted")
def formatted(text: str, text_format: str) -> Markup:
    """Feedback or other author text, as safe HTML in the question's format."""
    return render_text(text or "", text_format)


@bp.app_template_filter("attempt_state")
def attempt_state(state: str) -> str:
    return AttemptState(state).label


@bp.app_template_filter("mark")
def mark(value) -> str:
    """1.0 → '1', 2.5 → '2.5' (or '2,5': the reader's way of writing it)."""
    return format_number(float(value or 0), 2)
