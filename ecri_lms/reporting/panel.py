"""The home-page panel of coordinators: this year's headline figures in their scope."""

from ..infra.timeutil import this_minute, utcnow
from .access import selection_for
from .figures import FIGURES, tallies
from .filters import ReportFilters, default_period

PANEL_KEYS = ("trainees_registered", "runs_held", "hours_delivered")
PANEL_FIGURES = [next(figure for figure in FIGURES if figure.key == key) for key in PANEL_KEYS]


def panel_context(user) -> dict:
    start, end = default_period(utcnow().date())
    selection = selection_for(user, ReportFilters(start, end), this_minute())
    registered, held, hours = tallies(selection, PANEL_FIGURES)
    return {"year": start.year, "registered": registered.total, "held": held.total, "hours": hours.total}
