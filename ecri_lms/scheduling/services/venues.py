"""Venues: the rooms of each region where in-person sessions meet (managed data)."""

from dataclasses import dataclass

from sqlalchemy import select

from ...accounts.audit.services import record
from ...accounts.organisations import Partner
from ...accounts.permissions import Cap, partner_scope, require
from ...infra.errors import Conflict, NotFound, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.timeutil import utcnow
from ..models import CourseRun, RunStatus, SessionStatus, TrainingSession, Venue

MAX_VENUE_CAPACITY = 10000


@dataclass
class VenueData:
    partner_id: int
    name: str
    address: str
    capacity: int
    room: str = ""
    active: bool = True


def venues_visible_to(actor):
    """Venues the actor manages, as a query (partner staff: their partner's)."""
    require(actor, Cap.MANAGE_VENUES)
    query = select(Venue).join(Venue.partner).order_by(Partner.code, Venue.name, Venue.room)
    scope = partner_scope(actor, Cap.MANAGE_VENUES)
    return query if scope is None else query.where(Venue.partner_id.in_(scope))


def usable_venues() -> list[Venue]:
    """Venues a session may be booked in: every active room of the consortium."""
    return list(
        db.session.scalars(
            select(Venue)
            .join(Venue.partner)
            .where(Venue.active.is_(True))
            .order_by(Partner.code, Venue.name, Venue.room)
        )
    )


def get_venue_for(actor, venue_id: int) -> Venue:
    """A venue the actor manages; one of a partner outside their scope is 'not found', not 'forbidden'."""
    venue = db.session.get(Venue, venue_id)
    if venue is None:
        raise NotFound(_("No such venue."))
    require(actor, Cap.MANAGE_VENUES)
    scope = partner_scope(actor, Cap.MANAGE_VENUES)
    if scope is not None and venue.partner_id not in scope:
        raise NotFound(_("No such venue."))
    return venue


def _check(data: VenueData) -> None:
    if not data.name.strip() or not data.address.strip():
        raise ValidationError(_("A venue needs a name and an address."))
    if not 1 <= data.capacity <= MAX_VENUE_CAPACITY:
        raise ValidationError(_("The capacity is between 1 and %(max)d people.", max=MAX_VENUE_CAPACITY))
    if db.session.get(Partner, data.partner_id) is None:
        raise ValidationError(_("Choose the partner the venue belongs to."))


def _check_unique(data: VenueData, venue_id: int | None) -> None:
    clash = db.session.scalar(
        select(Venue).where(
            Venue.partner_id == data.partner_id, Venue.name == data.name.strip(), Venue.room == data.room.strip()
        )
    )
    if clash is not None and clash.id != venue_id:
        raise Conflict(_("This partner already has a venue with this name and room."))


def _check_bookings_fit(venue: Venue, capacity: int) -> None:
    """A room cannot shrink below the seats of a run still to meet in it."""
    too_big = db.session.scalar(
        select(CourseRun)
        .join(TrainingSession, TrainingSession.run_id == CourseRun.id)
        .where(
            TrainingSession.venue_id == venue.id,
            TrainingSession.status == SessionStatus.SCHEDULED,
            TrainingSession.ends_at >= utcnow(),
            CourseRun.status != RunStatus.CANCELLED,
            CourseRun.capacity > capacity,
        )
        .limit(1)
    )
    if too_big is not None:
        raise ValidationError(
            _(
                "“%(run)s” meets here with %(seats)d seats: lower its capacity first.",
                run=too_big.display_title,
                seats=too_big.capacity,
            )
        )


def create_venue(actor, data: VenueData) -> Venue:
    """Add a room of a partner in the actor's scope."""
    require(actor, Cap.MANAGE_VENUES, data.partner_id)
    _check(data)
    _check_unique(data, None)
    venue = Venue(
        partner_id=data.partner_id,
        name=data.name.strip(),
        room=data.room.strip(),
        address=data.address.strip(),
        capacity=data.capacity,
        active=data.active,
    )
    db.session.add(venue)
    db.session.flush()
    record(actor, "venue.create", "venue", venue.id, partner_id=venue.partner_id, summary=f"Added venue {venue.label}")
    return venue


def update_venue(actor, venue: Venue, data: VenueData) -> Venue:
    """Edit a room; it can move only between partners the actor manages."""
    require(actor, Cap.MANAGE_VENUES, venue.partner_id)
    require(actor, Cap.MANAGE_VENUES, data.partner_id)
    _check(data)
    _check_unique(data, venue.id)
    _check_bookings_fit(venue, data.capacity)
    venue.partner_id, venue.name, venue.room = data.partner_id, data.name.strip(), data.room.strip()
    venue.address, venue.capacity, venue.active = data.address.strip(), data.capacity, data.active
    db.session.flush()
    record(actor, "venue.update", "venue", venue.id, partner_id=venue.partner_id, summary=f"Edited venue {venue.label}")
    return venue
