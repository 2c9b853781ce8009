"""The consortium's partners."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.navigation import register_nav
from ...infra.web import commit_or_flash
from ..permissions import Cap, can, require
from . import services
from .forms import PartnerForm

bp = Blueprint("partners", __name__)

register_nav(_l("Partners"), "partners.index", 90, lambda u: u.is_authenticated, menu=_l("Consortium"))


@bp.get("/partners")
@login_required
def index():
    form = PartnerForm() if can(current_user, Cap.MANAGE_PARTNERS) else None
    return render_template("partners/index.html", partners=services.all_partners(), form=form)


@bp.post("/partners")
@login_required
def add():
    require(current_user, Cap.MANAGE_PARTNERS)
    form = PartnerForm()
    if form.validate_on_submit():
        fields = {
            name: getattr(form, name).data
            for name in (
                "code",
                "name",
                "short_name",
                "region",
                "country",
                "country_code",
                "timezone",
                "language",
                "website",
            )
        }
        if commit_or_flash(lambda: services.add_partner(current_user, **fields), _("Partner added.")).ok:
            return redirect(url_for("partners.index"))
    return render_template("partners/index.html", partners=services.all_partners(), form=form), 400
