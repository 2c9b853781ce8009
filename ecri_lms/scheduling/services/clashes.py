"""Sessions of two runs a trainee holds seats on that meet at the same time: a warning, never a refusal
(a trainee may choose to follow one for part of a day), shown when they register and on "My sessions"."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ..models import CourseRun, Registration, SessionStatus, TrainingSession
from ..timeplan import format_span


@dataclass(frozen=True)
class Clash:
    session: TrainingSession
    other: TrainingSession

    def describe(self, zone: str) -> str:
        """One line a trainee reads, in their own zone."""
        return _(
            "%(when)s of %(run)s overlaps %(other_when)s of %(other_run)s.",
            when=format_span(self.session.starts_at, self.session.ends_at, zone),
            run=self.session.run.display_title,
            other_when=format_span(self.other.starts_at, self.other.ends_at, zone),
            other_run=self.other.run.display_title,
        )


def clashes_with_run(user, run: CourseRun) -> list[Clash]:
    """The run's sessions that overlap a session of another run where the user's seat is confirmed."""
    other = aliased(TrainingSession)
    rows = db.session.execute(
        select(TrainingSession, other)
        .join(other, (other.starts_at < TrainingSession.ends_at) & (TrainingSession.starts_at < other.ends_at))
        .join(Registration, Registration.confirmed_on(other.run_id))
        .where(
            TrainingSession.run_id == run.id,
            other.run_id != run.id,
            Registration.user_id == user.id,
            TrainingSession.status != SessionStatus.CANCELLED,
            other.status != SessionStatus.CANCELLED,
        )
        .order_by(TrainingSession.starts_at, other.starts_at)
    )
    return [Clash(session, clashing) for session, clashing in rows]


def clashing_ids(sessions: list[TrainingSession]) -> set[int]:
    """Of a trainee's sessions (sorted by start), those overlapping a session of another of their runs."""
    clashing: set[int] = set()
    live = [s for s in sessions if not s.is_cancelled]
    for index, session in enumerate(live):
        for later in live[index + 1 :]:
            if later.starts_at >= session.ends_at:
                break
            if later.run_id != session.run_id:
                clashing.update({session.id, later.id})
    return clashing
