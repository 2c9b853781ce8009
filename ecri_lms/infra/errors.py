"""Domain errors raised by services, and how the web layer turns them into responses."""

import math
import time

from flask import Flask, make_response, render_template, request
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import limiter
from .i18n import format_number, ngettext
from .i18n import gettext as _
from .i18n import lazy_gettext as _l


class DomainError(Exception):
    """A rule of the domain refused the operation; the message is safe to show to the user.

    Services raise it with a message translated where it is raised (`_("…")`, in the request's language);
    a lazy message is made a str here, so the page, the flash and the log read the same words."""

    status_code = 400

    def __init__(self, message):
        message = str(message)
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    status_code = 400


class PermissionDenied(DomainError):
    status_code = 403

    def __init__(self, message=None):
        super().__init__(_("You do not have permission to do that.") if message is None else message)


class NotFound(DomainError):
    status_code = 404

    def __init__(self, message=None):
        super().__init__(_("Not found.") if message is None else message)


class Conflict(DomainError):
    status_code = 409


class TooManyAttempts(DomainError):
    """Asked again too soon: the next attempt is heard in `retry_after` seconds."""

    status_code = 429

    def __init__(self, retry_after: int):
        super().__init__(_("Too many attempts."))
        self.retry_after = max(1, retry_after)


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _render(status: int, title: str, message: str):
    if request_ctx.url_adapter is None:  # a Host name the site does not answer to: no page can link anywhere
        return f"{title}: {message}", status, {"Content-Type": "text/plain; charset=utf-8"}
    if _wants_json():
        return {"error": str(title), "message": str(message)}, status
    return render_template("errors/error.html", status=status, title=str(title), message=str(message)), status


def _in_words(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(num)d second", "%(num)d seconds", seconds)
    return ngettext("%(num)d minute", "%(num)d minutes", math.ceil(seconds / 60))


def _too_many_requests(retry_after: int):
    """The 429 page, saying when to try again, in words and in Retry-After."""
    message = _("Too many attempts. Try again in %(wait)s.", wait=_in_words(retry_after))
    response = make_response(_render(429, TITLES[429], message))
    response.headers["Retry-After"] = str(retry_after)
    return response


def _until_the_rate_limit_resets() -> int:
    limit = limiter.current_limit
    return max(1, math.ceil(limit.window.reset_time - time.time())) if limit else 60


TITLES = {
    400: _l("Bad request"),
    403: _l("Forbidden"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    413: _l("File too large"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
}
# What an HTTP error says when whoever raised it gave no words of their own (Werkzeug's are English).
MESSAGES = {
    400: _l("The request could not be understood: check what was sent and try again."),
    401: _l("Log in to see this page."),
    403: _l("You do not have permission to see this page."),
    404: _l("This page does not exist: check the address, or start again from the home page."),
    405: _l("This page cannot be used this way."),
    500: _l("The error has been logged. Please try again later."),
}


def register_error_handlers(app: Flask) -> None:
    """Every error becomes a friendly page (or JSON), never a traceback."""

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        return _render(error.status_code, TITLES.get(error.status_code, _("Error")), error.message)

    @app.errorhandler(TooManyAttempts)
    def too_many_attempts(error: TooManyAttempts):
        return _too_many_requests(error.retry_after)

    @app.errorhandler(429)
    def rate_limited(_error: HTTPException):
        return _too_many_requests(_until_the_rate_limit_resets())

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        message = error.description or ""
        if message == type(error).description and status in MESSAGES:  # Werkzeug's own words
            message = MESSAGES[status]
        if isinstance(error, CSRFError):  # Flask-WTF's words are English too
            message = _(
                "The form's security token (CSRF) is missing, expired or not valid: reload the page and send "
                "the form again."
            )
        if status == 413:
            limit_mb = format_number(app.config["MAX_UPLOAD_BYTES"] / (1024 * 1024), 0)
            message = _("The file is too large: the limit is %(size)s MB.", size=limit_mb)
        return _render(status, TITLES.get(status, error.name), message)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        from .extensions import db

        db.session.rollback()
        return _render(500, TITLES[500], MESSAGES[500])
