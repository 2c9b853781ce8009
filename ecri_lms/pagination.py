"""Pagination of SQLAlchemy select() queries from the request's ?page= argument."""

from flask import request

from .extensions import db


def paginate(query, per_page: int = 25):
    """A Flask-SQLAlchemy Pagination; a bad or out-of-range page number gives the nearest page."""
    try:
        page = max(1, int(request.args.get("page", 1)))
    except (TypeError, ValueError):
        page = 1
    return db.paginate(query, page=min(page, 100000), per_page=per_page, error_out=False)
