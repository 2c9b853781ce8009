"""The home dashboard is made of panels that areas contribute for the roles they concern."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    name: str
    order: int
    template: str
    visible: Callable[[object], bool]
    context: Callable[[object], dict]


_PANELS: dict[str, Panel] = {}


def register_panel(name: str, order: int, template: str, visible, context) -> None:
    _PANELS[name] = Panel(name, order, template, visible, context)


def panels_for(user) -> list[tuple[Panel, dict]]:
    """The panels this user sees, each with the data it shows."""
    return [
        (panel, panel.context(user)) for panel in sorted(_PANELS.values(), key=lambda p: p.order) if panel.visible(user)
    ]
