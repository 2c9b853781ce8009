"""Absolute links for e-mails, notifications, PDFs, calendars, QR codes and survey links: the one place
they are built, always from PUBLIC_BASE_URL and never from the request's Host header, which a client
can forge (a reset link pointing at the attacker's host); the only paths a `next` parameter may send a
user to; and links that carry a query string on, whatever names it holds."""

from urllib.parse import unquote, urlencode, urlsplit

from flask import current_app, url_for
from werkzeug.datastructures import MultiDict


def absolute_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The public URL of an endpoint (CLI commands and jobs have no request to borrow a host from)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{_anchor}" if _anchor else url


# A link of ours is percent-encoded once; a target still changing after this many decodings is not one.
_DECODINGS = 3


def local_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None.

    Browsers drop tabs and newlines from a Location, read a backslash as a slash, and some proxies
    decode `/%2F/host` into `//host`: so the target and each of its decodings must be a plain absolute
    path of printable ASCII, with no host, no scheme and no backslash.
    """
    form = target or ""
    for _ in range(_DECODINGS + 1):
        if not _plain_path(form):
            return None
        decoded = unquote(form)
        if decoded == form:
            return target
        form = decoded
    return None


def _plain_path(text: str) -> bool:
    return (
        text.startswith("/")
        and not text.startswith("//")
        and "\\" not in text
        and all(" " <= character <= "~" for character in text)
    )


def url_with_query(endpoint: str, query: MultiDict | dict, **values) -> str:
    """The endpoint's URL with `query` as its query string. The query is kept apart from the URL's own values:
    a parameter named like a URL variable or like url_for's options (?code=, ?_scheme=, ?endpoint=) stays a
    query parameter instead of breaking the link (a 500) or redirecting it."""
    pairs = query.items(multi=True) if isinstance(query, MultiDict) else query.items()
    encoded = urlencode([(name, value) for name, value in pairs if value is not None])
    url = url_for(endpoint, **values)
    return f"{url}?{encoded}" if encoded else url
