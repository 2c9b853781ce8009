"""Venue management: the rooms of each partner's region."""

from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from ...accounts.partners.services import all_partners
from ...accounts.permissions import Cap, partner_scope, require
from ...infra.i18n import gettext as _
from ...infra.pagination import paginate
from ...infra.web import commit_or_flash
from .. import services
from ..forms import VenueForm
from .blueprint import bp


def _partner_choices(form: VenueForm) -> None:
    scope = partner_scope(current_user, Cap.MANAGE_VENUES)
    form.partner.choices = [
        (p.id, f"{p.short_name} ({p.region})") for p in all_partners() if scope is None or p.id in scope
    ]


def _data(form: VenueForm) -> services.VenueData:
    return services.VenueData(
        partner_id=form.partner.data,
        name=form.name.data,
        room=form.room.data or "",
        address=form.address.data,
        capacity=form.capacity.data,
        active=form.active.data,
    )


@bp.get("/venues")
@login_required
def venues():
    page = paginate(services.venues_visible_to(current_user), per_page=50)
    return render_template("scheduling/venues.html", page=page)


@bp.route("/venues/new", methods=["GET", "POST"])
@login_required
def new_venue():
    require(current_user, Cap.MANAGE_VENUES)
    form = VenueForm()
    _partner_choices(form)
    if (
        form.validate_on_submit()
        and commit_or_flash(lambda: services.create_venue(current_user, _data(form)), _("Venue added.")).ok
    ):
        return redirect(url_for("scheduling.venues"))
    return render_template("scheduling/venue_form.html", form=form, venue=None)


@bp.route("/venues/<int:venue_id>/edit", methods=["GET", "POST"])
@login_required
def edit_venue(venue_id: int):
    venue = services.get_venue_for(current_user, venue_id)
    form = VenueForm(obj=venue, partner=venue.partner_id)
    _partner_choices(form)
    if (
        form.validate_on_submit()
        and commit_or_flash(lambda: services.update_venue(current_user, venue, _data(form)), _("Venue saved.")).ok
    ):
        return redirect(url_for("scheduling.venues"))
    return render_template("scheduling/venue_form.html", form=form, venue=venue)
