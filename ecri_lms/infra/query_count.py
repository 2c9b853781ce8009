"""SQL statements per request in an `X-Query-Count` header, for the benchmark and the query-count tests.

Off unless COUNT_QUERIES is set (the environment variable BENCH_COUNT_QUERIES=1 sets it), so
production pays nothing for it.
"""

from flask import Flask, g, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

HEADER = "X-Query-Count"


def _count_statement(*_args) -> None:
    if has_app_context() and "query_count" in g:
        g.query_count += 1


def install_query_counter(app: Flask) -> None:
    if not app.config.get("COUNT_QUERIES"):
        return
    if not event.contains(Engine, "before_cursor_execute", _count_statement):
        event.listen(Engine, "before_cursor_execute", _count_statement)

    def _start_counting():
        g.query_count = 0

    app.before_request_funcs.setdefault(None, []).insert(0, _start_counting)  # before the others' queries

    @app.after_request
    def _report_count(response):
        response.headers[HEADER] = str(g.pop("query_count", 0))
        return response
