"""The navigation bar: each area registers its entries, each shown only to who may use it."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    order: int
    visible: Callable[[object], bool]
    menu: str = ""  # items sharing a menu name are grouped in a drop-down


_ITEMS: list[NavItem] = []


def register_nav(label: str, endpoint: str, order: int, visible: Callable[[object], bool], menu: str = "") -> None:
    if any(item.endpoint == endpoint and item.label == label for item in _ITEMS):
        return
    _ITEMS.append(NavItem(label, endpoint, order, visible, menu))


def nav_for(user) -> list[dict]:
    """Top-level entries and drop-down menus for this user, in order."""
    entries: list[dict] = []
    menus: dict[str, dict] = {}
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if not item.visible(user):
            continue
        link = {"label": item.label, "url": url_for(item.endpoint), "endpoint": item.endpoint}
        if not item.menu:
            entries.append(link)
            continue
        if item.menu not in menus:
            menus[item.menu] = {"label": item.menu, "children": []}
            entries.append(menus[item.menu])
        menus[item.menu]["children"].append(link)
    return entries
