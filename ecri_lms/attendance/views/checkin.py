"""Trainees check in with the session's code, typed in or followed from the QR code.

Wrong codes are rate-limited per user, typed or followed alike: only a refused unknown code counts
towards the limit, so a trainee who checks in correctly is never slowed down.
"""

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_login import current_user, login_required

from ...accounts.permissions import Cap, require
from ...infra.extensions import client_address, db, limiter
from .. import checkin
from ..forms import CheckInForm
from .blueprint import bp

DEFAULT_LIMIT = "5 per 10 minutes"


def _limit() -> str:
    return current_app.config.get("CHECK_IN_RATE_LIMIT", DEFAULT_LIMIT)


def _per_user() -> str:
    return f"check-in:{current_user.id if current_user.is_authenticated else client_address()}"


def _was_wrong_code(_response) -> bool:
    return bool(g.pop("wrong_check_in_code", False))


def _attempt(code: str) -> bool:
    """Check the current user in with `code`, committing on success; flashes the outcome."""
    try:
        result = checkin.check_in(current_user, code)
    except checkin.CheckInRefused as refusal:
        db.session.rollback()
        g.wrong_check_in_code = refusal.wrong_code
        flash(refusal.message, "danger")
        return False
    db.session.commit()
    flash(result.message, "success" if result.changed else "info")
    return True


@bp.route("/check-in", methods=["GET", "POST"])
@limiter.shared_limit(_limit, scope="check-in", key_func=_per_user, methods=["POST"], deduct_when=_was_wrong_code)
@login_required
def check_in_page():
    require(current_user, Cap.LEARN)
    form = CheckInForm()
    if form.validate_on_submit() and _attempt(form.code.data):
        return redirect(url_for("attendance.my_attendance"))
    return render_template("attendance/check_in.html", form=form)


@bp.get("/check-in/<code>")
@limiter.shared_limit(_limit, scope="check-in", key_func=_per_user, deduct_when=_was_wrong_code)
@login_required
def check_in_link(code: str):
    """The QR code's target: following it while logged in checks in (it carries the code, like typing it)."""
    require(current_user, Cap.LEARN)
    if _attempt(code):
        return redirect(url_for("attendance.my_attendance"))
    # The link's code was refused (the flash says why): sending it again would be refused alike.
    return render_template("attendance/check_in.html", form=CheckInForm(formdata=None))
