"""The outbox page: every outgoing e-mail with its state, and a failed one sent again (admins)."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...accounts.permissions import Cap, has_capability
from ...infra.errors import ValidationError
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.mail.models import OutboxStatus
from ...infra.navigation import register_nav
from ...infra.pagination import paginate
from ...infra.web import commit_or_flash, flash_form_errors
from . import services
from .forms import ResendForm

bp = Blueprint("mail", __name__)

register_nav(_l("Outbox"), "mail.outbox", 86, lambda u: has_capability(u, Cap.MANAGE_OUTBOX), menu=_l("Manage"))


def _status_filter() -> OutboxStatus | None:
    value = request.args.get("status", "")
    if not value:
        return None
    try:
        return OutboxStatus(value)
    except ValueError:
        raise ValidationError(
            _("Unknown status %(status)s: choose one of the listed statuses.", status=repr(value[:20]))
        ) from None


@bp.get("/outbox")
@login_required
def outbox():
    status = _status_filter()
    page = paginate(services.outbox_for(current_user, status), per_page=50)
    return render_template(
        "mail/outbox.html",
        page=page,
        status=status,
        statuses=OutboxStatus,
        counts=services.status_counts(current_user),
        may_resend=services.may_resend,
    )


@bp.post("/outbox/<int:outbox_id>/resend")
@login_required
def resend(outbox_id: int):
    message = services.get_message_for(current_user, outbox_id)
    form = ResendForm()
    if form.validate_on_submit():
        commit_or_flash(lambda: services.resend(current_user, message), _("The e-mail will be sent again."))
    else:
        flash_form_errors(form)
    return redirect(url_for("mail.outbox", status=OutboxStatus.FAILED.value))
