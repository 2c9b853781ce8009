"""Domain errors raised by services, and how the web layer turns them into responses."""

import math
import time

from flask import Flask, make_response, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException

from .extensions import limiter


class DomainError(Exception):
    """A rule of the domain refused the operation; the message is safe to show to the user."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    status_code = 400


class PermissionDenied(DomainError):
    status_code = 403

    def __init__(self, message: str = "You do not have permission to do that."):
        super().__init__(message)


class NotFound(DomainError):
    status_code = 404

    def __init__(self, message: str = "Not found."):
        super().__init__(message)


class Conflict(DomainError):
    status_code = 409


class TooManyAttempts(DomainError):
    """Asked again too soon: the next attempt is heard in `retry_after` seconds."""

    status_code = 429

    def __init__(self, retry_after: int):
        super().__init__("Too many attempts.")
        self.retry_after = max(1, retry_after)


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _render(status: int, title: str, message: str):
    if request_ctx.url_adapter is None:  # a Host name the site does not answer to: no page can link anywhere
        return f"{title}: {message}", status, {"Content-Type": "text/plain; charset=utf-8"}
    if _wants_json():
        return {"error": title, "message": message}, status
    return render_template("errors/error.html", status=status, title=title, message=message), status


def _in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _too_many_requests(retry_after: int):
    """The 429 page, saying when to try again, in words and in Retry-After."""
    response = make_response(_render(429, TITLES[429], f"Too many attempts. Try again in {_in_words(retry_after)}."))
    response.headers["Retry-After"] = str(retry_after)
    return response


def _until_the_rate_limit_resets() -> int:
    limit = limiter.current_limit
    return max(1, math.ceil(limit.window.reset_time - time.time())) if limit else 60


TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Page not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "File too large",
    429: "Too many requests",
    500: "Something went wrong",
}


def register_error_handlers(app: Flask) -> None:
    """Every error becomes a friendly page (or JSON), never a traceback."""

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        return _render(error.status_code, TITLES.get(error.status_code, "Error"), error.message)

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
        if status == 413:
            limit_mb = app.config["MAX_UPLOAD_BYTES"] / (1024 * 1024)
            message = f"The file is too large: the limit is {limit_mb:.0f} MB."
        return _render(status, TITLES.get(status, error.name), message)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        from .extensions import db

        db.session.rollback()
        return _render(500, TITLES[500], "The error has been logged. Please try again later.")
