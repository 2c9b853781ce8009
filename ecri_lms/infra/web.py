"""Helpers shared by the thin views of every area."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash

from .errors import DomainError
from .extensions import db


@dataclass
class Outcome:
    ok: bool
    value: Any = None


def commit_or_flash(action: Callable[[], Any], success: str | None = None) -> Outcome:
    """Run a service call and commit; on a domain error roll back and show its message instead."""
    try:
        value = action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return Outcome(False)
    db.session.commit()
    if success:
        flash(success, "success")
    return Outcome(True, value)


def flash_form_errors(form) -> None:
    """Show a form's validation errors when the form lives on another page."""
    for field_name, errors in form.errors.items():
        label = getattr(getattr(form, field_name, None), "label", None)
        for message in errors:
            flash(f"{label.text}: {message}" if label else message, "danger")
