"""Domain errors raised by services, and how the web layer turns them into responses."""

from flask import Flask, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException


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


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _render(status: int, title: str, message: str):
    if request_ctx.url_adapter is None:  # a Host name the site does not answer to: no page can link anywhere
        return f"{title}: {message}", status, {"Content-Type": "text/plain; charset=utf-8"}
    if _wants_json():
        return {"error": title, "message": message}, status
    return render_template("errors/error.html", status=status, title=title, message=message), status


TITLES = {400: "Bad request", 403: "Forbidden", 404: "Page not found", 405: "Method not allowed",
          409: "Conflict", 413: "File too large", 429: "Too many requests", 500: "Something went wrong"}


def register_error_handlers(app: Flask) -> None:
    """Every error becomes a friendly page (or JSON), never a traceback."""

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        return _render(error.status_code, TITLES.get(error.status_code, "Error"), error.message)

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
