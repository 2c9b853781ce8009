"""Panels on a course page that other areas contribute (scheduling: upcoming runs and trainers)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CoursePanel:
    name: str
    order: int
    # Rendered with `course`, `panel` and `data` (what `context` returned) inside a <section> labelled by
    # the element with id "course-panel-<name>": the template's heading carries that id.
    template: str
    visible: Callable[[object, object], bool]  # (user, course)
    context: Callable[[object, object], dict]  # (user, course)


_PANELS: dict[str, CoursePanel] = {}


def register_course_panel(name: str, order: int, template: str, visible, context) -> None:
    """Add (or replace, by name) a panel shown on course pages, in `order`."""
    _PANELS[name] = CoursePanel(name, order, template, visible, context)


def course_panels_for(user, course) -> list[tuple[CoursePanel, dict]]:
    return [
        (panel, panel.context(user, course))
        for panel in sorted(_PANELS.values(), key=lambda p: p.order)
        if panel.visible(user, course)
    ]
