"""Helpers shared by the thin views of every area."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash

from .errors import DomainError
from .extensions import db
from .i18n import gettext as _


@dataclass
class Outcome:
    ok: bool
    value: Any = None


def commit_or_flash(action: Callable[[], Any], success: str | None = None) -> Outcome:
    """Run a service call and commit; on a domain error roll back and show its message instead.

    `success` is translated by the caller (`_("Saved.")`); a lazy message is read now, in the request's language."""
    try:
        value = action()
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
        return Outcome(False)
    db.session.commit()
    if success:
        flash(str(success), "success")
    return Outcome(True, value)


def flash_form_errors(form) -> None:
    """Show a form's validation errors when the form lives on another page."""
    for field_name, errors in form.errors.items():
        label = getattr(getattr(form, field_name, None), "label", None)
        for message in errors:
            text = str(message)
            flash(_("%(field)s: %(error)s", field=label.text, error=text) if label else text, "danger")
