"""The home-page panel of coordinators: this year's headline figures in their scope."""

from ..timeutil import utcnow
from .access import selection_for
from .figures import hours_delivered, runs_held, trainees_registered
from .filters import ReportFilters, default_period


def panel_context(user) -> dict:
    start, end = default_period(utcnow().date())
    selection = selection_for(user, ReportFilters(start, end))
    return {"year": start.year, "registered": trainees_registered(selection).total,
            "held": runs_held(selection).total, "hours": hours_delivered(selection).total}
