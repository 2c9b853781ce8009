"""Demo attendance sheets: the demo runs' sessions already held, marked by their trainer as a trainer would.

Mostly present, a few late (with a reason), some excused and the odd absence; marked at the end of
each session through the same service as the attendance sheet's page.
"""

import random

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.permissions import SYSTEM
from ..infra.extensions import db
from ..infra.timeutil import utcnow
from .models import Status
from .services import Entry, save_sheet, sheet_user_ids

OUTCOMES = ((Status.PRESENT, 83), (Status.LATE, 8), (Status.EXCUSED, 6), (Status.ABSENT, 3))
REMARKS = {
    Status.LATE: ("Train delayed", "Arrived after the coffee break", "Stuck in traffic on the ring road"),
    Status.EXCUSED: ("Sick leave, sent a note", "Member assembly at the cluster that morning", "Family matter"),
    Status.ABSENT: ("",),
}


def _entry(rng: random.Random, user_id: int, excused_before: bool) -> Entry:
    """A trainee is excused at most once per run, so every trainee of a past run has an attendance rate."""
    outcomes = [(name, weight) for name, weight in OUTCOMES if not (excused_before and name == Status.EXCUSED)]
    status = rng.choices([name for name, _ in outcomes], weights=[weight for _, weight in outcomes])[0]
    return Entry(user_id, status, rng.choice(REMARKS[status]) if status in REMARKS else "")


def _walkthrough_accounts() -> set[int]:
    """The named demo trainees (trainee.<partner>@…) attend every session of a run not closed yet: a newcomer
    who logs in as one finds the certificate the run that just ended earned, whatever the other data drew.
    Closed runs keep their drawn attendance, so some of their trainees are still in progress."""
    return set(db.session.scalars(select(User.id).where(User.email.startswith("trainee."))))


def load_attendance(rng: random.Random, runs: list) -> int:
    """Mark every started, not cancelled session of the demo runs; returns how many marks were made."""
    now = utcnow()
    made = 0
    walkthrough = _walkthrough_accounts()
    for run in runs:
        actor = run.trainers[0] if run.trainers else SYSTEM
        always_present = walkthrough if run.is_published else set()
        trainees = sheet_user_ids(run.id)
        excused: set[int] = set()
        for training_session in run.sessions:
            if training_session.is_cancelled or training_session.starts_at > now or not trainees:
                continue
            entries = [
                Entry(user_id, Status.PRESENT, "")
                if user_id in always_present
                else _entry(rng, user_id, user_id in excused)
                for user_id in sorted(trainees)
            ]
            excused.update(entry.user_id for entry in entries if entry.status == Status.EXCUSED)
            made += save_sheet(actor, training_session, entries, now=min(training_session.ends_at, now))
    return made
