"""The catalogue's pages: browse and search, course and lesson pages, editing, materials."""

from ...accounts.permissions import Cap, has_capability
from ...infra.dashboard import register_panel
from ...infra.i18n import lazy_gettext as _l
from ...infra.navigation import register_nav
from ..services import my_courses
from . import browse, editing, learning, materials
from .blueprint import bp

__all__ = ["bp", "browse", "editing", "learning", "materials"]

register_nav(_l("Courses"), "catalogue.index", 10, lambda user: True)
register_panel(
    "my_courses",
    10,
    "catalogue/_panel_my_courses.html",
    visible=lambda user: has_capability(user, Cap.LEARN),
    context=lambda user: {"courses": my_courses(user)},
)
