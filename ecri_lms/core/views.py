"""Home dashboard and health check."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import text

from ..extensions import db
from .dashboard import panels_for

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    if not current_user.is_authenticated:
        return render_template("core/welcome.html")
    return render_template("core/dashboard.html", panels=panels_for(current_user))


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means unhealthy; the reason goes to the log
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
