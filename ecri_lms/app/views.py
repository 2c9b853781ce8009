"""Home dashboard and health check."""

from flask import Blueprint, render_template
from flask_login import current_user

from ..infra.dashboard import panels_for
from .health import health

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    if not current_user.is_authenticated:
        return render_template("core/welcome.html")
    return render_template("core/dashboard.html", panels=panels_for(current_user))


@bp.get("/healthz")
def healthz():
    return health()
