"""The navigation bar: each area registers its entries, each shown only to who may use it."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for

from .i18n import LazyString, gettext
from .i18n import lazy_gettext as _l


@dataclass(frozen=True)
class NavItem:
    label: str  # a lazy message, `_l("My sessions")`: read in the reader's language on each page
    endpoint: str
    order: int
    visible: Callable[[object], bool]
    menu: str = ""  # items sharing a menu name (`_l("Me")`) are grouped in a drop-down


# The drop-down menus areas group their entries in (marked here too, so that each has its translation).
MENUS = (_l("Me"), _l("Manage"), _l("Reports"), _l("Needs"), _l("Consortium"))


def _message_id(text) -> str:
    """The English words of a label, whether given lazily (`_l("Manage")`) or as a plain string."""
    return str(text._args[0]) if isinstance(text, LazyString) and text._args else str(text)


def _in_words(text) -> str:
    """A label in the reader's language: a lazy message read now, a plain string looked up in the catalogue."""
    return str(text) if isinstance(text, LazyString) else gettext(text)


_ITEMS: list[NavItem] = []


def register_nav(label: str, endpoint: str, order: int, visible: Callable[[object], bool], menu: str = "") -> None:
    if any(item.endpoint == endpoint and _message_id(item.label) == _message_id(label) for item in _ITEMS):
        return
    _ITEMS.append(NavItem(label, endpoint, order, visible, menu))


def nav_for(user) -> list[dict]:
    """Top-level entries and drop-down menus for this user, in order, in the reader's language (a menu is
    grouped by its English name, so that entries of areas that word it the same way always share it)."""
    entries: list[dict] = []
    menus: dict[str, dict] = {}
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if not item.visible(user):
            continue
        link = {"label": _in_words(item.label), "url": url_for(item.endpoint), "endpoint": item.endpoint}
        if not item.menu:
            entries.append(link)
            continue
        menu = _message_id(item.menu)
        if menu not in menus:
            menus[menu] = {"label": _in_words(item.menu), "children": []}
            entries.append(menus[menu])
        menus[menu]["children"].append(link)
    return entries
