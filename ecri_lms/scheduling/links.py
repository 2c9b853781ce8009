"""Absolute links for e-mails and calendars, built from PUBLIC_BASE_URL, inside a request or not."""

from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The public URL of an endpoint (CLI commands and jobs have no request to borrow a host from)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{_anchor}" if _anchor else url


def run_url(run) -> str:
    return absolute_url("scheduling.run_detail", run_id=run.id)


def session_url(training_session) -> str:
    return absolute_url("scheduling.run_detail", _anchor=f"session-{training_session.id}",
                        run_id=training_session.run_id)
