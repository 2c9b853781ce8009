"""What registrations arriving all at once (threads, two app servers) must leave: no run overbooked."""

from sqlalchemy import select

from ecri_lms.infra.extensions import db
from ecri_lms.scheduling import queries
from ecri_lms.scheduling.models import Registration


def check_no_overbooking(run_id: int, trainees: int, seats: int) -> None:
    """Exactly `seats` confirmed, the rest waiting in arrival order, positions 1..n, no duplicates."""
    registrations = db.session.scalars(
        select(Registration).where(Registration.run_id == run_id).order_by(Registration.position)
    ).all()
    assert len(registrations) == trainees
    assert len({r.user_id for r in registrations}) == trainees
    assert [r.position for r in registrations] == list(range(1, trainees + 1))
    assert [r.status for r in registrations] == ["confirmed"] * seats + ["waitlisted"] * (trainees - seats)
    arrivals = [r.registered_at for r in registrations]
    assert arrivals == sorted(arrivals)
    ranks = [queries.waitlist_rank(r) for r in registrations[seats:]]
    assert ranks == list(range(1, trainees - seats + 1))
