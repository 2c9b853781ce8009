"""A person downloads their data from their profile; an administrator erases someone's from their page."""

import json

from flask import Blueprint, Response, redirect, url_for
from flask_login import current_user, login_required

from ..accounts.forms import EraseForm
from ..accounts.services import get_person_for
from ..infra.i18n import gettext as _
from ..infra.web import commit_or_flash, flash_form_errors
from .services import erase_personal_data, export_personal_data

bp = Blueprint("privacy", __name__)


@bp.get("/profile/my-data.json")
@login_required
def my_data():
    """Everything the application keeps about the user, as a JSON download (GDPR access)."""
    data = export_personal_data(current_user, current_user)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="my-ecri-lms-data.json"', "Cache-Control": "no-store"},
    )


@bp.post("/people/<int:user_id>/erase")
@login_required
def erase(user_id: int):
    user = get_person_for(current_user, user_id)
    form = EraseForm()
    if form.validate_on_submit():
        commit_or_flash(
            lambda: erase_personal_data(current_user, user),
            _("The personal data of this account is erased; its training records are kept."),
        )
    else:
        flash_form_errors(form)
    return redirect(url_for("accounts.person", user_id=user.id))
