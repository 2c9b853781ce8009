"""Security headers sent with every response."""

from flask import Flask, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Files of the application and of Bootstrap-Flask: the same for everyone, so caching them is harmless.
PUBLIC_FILE_ENDPOINTS = frozenset({"static", "bootstrap.static"})
SECRET_URL_VARIABLE = "token"


def is_private(endpoint: str | None, view_args: dict | None) -> bool:
    """A response meant for one person: anything shown to a logged-in user, or reached by a secret in the URL
    (a feed, a survey link, a reset link). Browsers and proxies must not keep it: on a shared computer the
    next person would find it in the cache or the history."""
    if endpoint in PUBLIC_FILE_ENDPOINTS:
        return False
    return SECRET_URL_VARIABLE in (view_args or {}) or current_user.is_authenticated


def install_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if is_private(request.endpoint, request.view_args):
            headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
