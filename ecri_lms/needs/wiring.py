"""How needs plug into scheduling's run page: it names the plan items the run serves."""

from ..accounts.permissions import Cap, can
from ..scheduling.panels import register_run_panel
from .runs import items_served_by


def _served_items(user, run) -> dict:
    return {"items": items_served_by(run)}


register_run_panel(
    "plan-items",
    30,
    "needs/_run_plan_items.html",
    visible=lambda user, run: can(user, Cap.MANAGE_NEEDS, run.partner_id),
    context=_served_items,
)
