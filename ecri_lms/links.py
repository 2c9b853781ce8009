"""Absolute links for e-mails, notifications, PDFs, calendars, QR codes and survey links: the one place
they are built, always from PUBLIC_BASE_URL and never from the request's Host header, which a client
can forge (a reset link pointing at the attacker's host)."""

from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The public URL of an endpoint (CLI commands and jobs have no request to borrow a host from)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{_anchor}" if _anchor else url
