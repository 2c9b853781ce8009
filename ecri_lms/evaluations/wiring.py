"""How evaluations plug in: run pages link to the evaluation."""

from ..scheduling.panels import register_run_panel
from ..scheduling.permissions import can_manage_run
from . import services


def _may_see(user, run) -> bool:
    return can_manage_run(user, run) or services.is_confirmed_trainee(user, run)


def _panel(user, run) -> dict:
    trainee = services.is_confirmed_trainee(user, run)
    return {
        "manages": can_manage_run(user, run),
        "state": services.trainee_state(user, run) if trainee else None,
        "mine": services.evaluation_of(user, run) if trainee else None,
        "deadline": services.deadline(run),
    }


register_run_panel("evaluation", 40, "evaluations/_run_panel.html", visible=_may_see, context=_panel)
