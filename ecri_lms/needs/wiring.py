"""How needs plug into scheduling and certificates: runs and completions feed plan coverage, and a run's
page names the plan items it serves."""

from flask import Flask

from ..accounts.permissions import Cap, can
from ..certificates.coverage import COMPLETION_FACT_TABLES, completions_provider
from ..scheduling.panels import register_run_panel
from .coverage import register_completions_provider, register_runs_provider
from .runs import RUN_FACT_TABLES, items_served_by, run_facts


def _served_items(user, run) -> dict:
    return {"items": items_served_by(run)}


register_run_panel(
    "plan-items",
    30,
    "needs/_run_plan_items.html",
    visible=lambda user, run: can(user, Cap.MANAGE_NEEDS, run.partner_id),
    context=_served_items,
)


def register(app: Flask) -> None:
    register_runs_provider(app, run_facts, RUN_FACT_TABLES)
    register_completions_provider(app, completions_provider, COMPLETION_FACT_TABLES)
