"""Absolute links for e-mails, notifications, PDFs, calendars, QR codes and survey links: the one place
they are built, always from PUBLIC_BASE_URL and never from the request's Host header, which a client
can forge (a reset link pointing at the attacker's host); and the only paths a `next` parameter may
send a user to."""

from urllib.parse import unquote, urlsplit

from flask import current_app


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
    return (text.startswith("/") and not text.startswith("//") and "\\" not in text
            and all(" " <= character <= "~" for character in text))
