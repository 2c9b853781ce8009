"""Panels on a run's page that other areas contribute (needs: the plan items it serves; evaluations).

Scheduling shows them without knowing those areas: they register here from their wiring.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RunPanel:
    name: str
    order: int
    # Rendered with `run`, `panel` and `data` (what `context` returned) inside a <section> labelled by
    # the element with id "run-panel-<name>": the template's heading carries that id.
    template: str
    visible: Callable[[object, object], bool]  # (user, run)
    context: Callable[[object, object], dict]  # (user, run)


_PANELS: dict[str, RunPanel] = {}


def register_run_panel(name: str, order: int, template: str, visible, context) -> None:
    """Add (or replace, by name) a panel shown on run pages, in `order`."""
    _PANELS[name] = RunPanel(name, order, template, visible, context)


def run_panels_for(user, run) -> list[tuple[RunPanel, dict]]:
    return [
        (panel, panel.context(user, run))
        for panel in sorted(_PANELS.values(), key=lambda p: p.order)
        if panel.visible(user, run)
    ]
