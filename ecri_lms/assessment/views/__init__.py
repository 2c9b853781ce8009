"""Quiz pages for trainees; question bank, quiz editing, statistics and essay grading for staff."""

from ...accounts.permissions import Cap, has_capability
from ...infra.dashboard import register_panel
from ...infra.i18n import lazy_gettext as _l
from ...infra.navigation import register_nav
from ..services import waiting_essay_count, waiting_essay_rows
from . import grading, staff, taking
from .blueprint import bp

__all__ = ["bp", "grading", "staff", "taking"]

PANEL_ESSAYS = 5


def _may_see_quizzes(user) -> bool:
    return any(has_capability(user, cap) for cap in (Cap.LEARN, Cap.TEACH, Cap.EDIT_CATALOGUE))


def _essay_panel(user) -> dict:
    return {"count": waiting_essay_count(user), "answers": waiting_essay_rows(user, PANEL_ESSAYS)}


register_nav(_l("Quizzes"), "assessment.index", 30, _may_see_quizzes)
register_nav(
    _l("Essays to grade"), "assessment.grading_queue", 94, lambda u: has_capability(u, Cap.TEACH), menu=_l("Me")
)
register_panel(
    "essays-to-grade",
    30,
    "assessment/_panel_essays.html",
    visible=lambda user: has_capability(user, Cap.TEACH),
    context=_essay_panel,
)
