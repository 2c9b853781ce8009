"""Pagination of SQLAlchemy select() queries from the request's ?page= argument."""

import math
from dataclasses import dataclass

from flask import request
from sqlalchemy import func, select

from .extensions import db

MAX_PAGE = 100000


def requested_page() -> int:
    """The ?page= argument: 1 when missing or bad, never above MAX_PAGE."""
    try:
        page = max(1, int(request.args.get("page", 1)))
    except (TypeError, ValueError):
        page = 1
    return min(page, MAX_PAGE)


def paginate(query, per_page: int = 25):
    """A Flask-SQLAlchemy Pagination; a bad or out-of-range page number gives the nearest page."""
    pagination = db.paginate(query, page=requested_page(), per_page=per_page, error_out=False, count=False)
    pagination.total = _total(pagination, query)
    return pagination


def _total(pagination, query) -> int:
    """How many rows the query has: a page that is not full, but not an empty page past the end, is the last
    one and tells it; only otherwise is there a count query."""
    shown = len(pagination.items)
    if shown < pagination.per_page and (shown or pagination.page == 1):
        return (pagination.page - 1) * pagination.per_page + shown
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


@dataclass(frozen=True)
class Page:
    """One page of items whose total is already known, with what the pager macro asks of a pagination."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def nearest_page(page: int, total: int, per_page: int) -> int:
    """The page to show when `page` is asked for among `total` items: the last one when it is past the end."""
    return min(max(1, page), max(1, math.ceil(total / per_page)))
