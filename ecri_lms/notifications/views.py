"""The notification list."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..infra.i18n import lazy_gettext as _l
from ..infra.input_guards import parse_id
from ..infra.navigation import register_nav
from ..infra.pagination import paginate
from ..infra.web import commit_or_flash
from . import services

bp = Blueprint("notifications", __name__)

register_nav(_l("Notifications"), "notifications.index", 95, lambda u: u.is_authenticated, menu=_l("Me"))


@bp.get("/notifications")
@login_required
def index():
    page = paginate(services.notifications_of(current_user), per_page=services.PAGE_SIZE)
    return render_template("notifications/index.html", page=page)


@bp.post("/notifications/read")
@login_required
def mark_read():
    raw_id = request.form.get("id", "")
    notification_id = parse_id(raw_id)
    commit_or_flash(lambda: services.mark_read(current_user, notification_id))
    return redirect(url_for("notifications.index"))
