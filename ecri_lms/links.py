"""Links: absolute ones for e-mails, notifications, PDFs and feeds, built with or without a request; and
links that carry a query string on, whatever names it holds."""

from urllib.parse import urlencode, urlsplit

from flask import current_app, url_for
from werkzeug.datastructures import MultiDict


def absolute_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The public URL of an endpoint (CLI commands and jobs have no request to borrow a host from)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{_anchor}" if _anchor else url


def url_with_query(endpoint: str, query: MultiDict | dict, **values) -> str:
    """The endpoint's URL with `query` as its query string. The query is kept apart from the URL's own values:
    a parameter named like a URL variable or like url_for's options (?code=, ?_scheme=, ?endpoint=) stays a
    query parameter instead of breaking the link (a 500) or redirecting it."""
    pairs = query.items(multi=True) if isinstance(query, MultiDict) else query.items()
    encoded = urlencode([(name, value) for name, value in pairs if value is not None])
    url = url_for(endpoint, **values)
    return f"{url}?{encoded}" if encoded else url
