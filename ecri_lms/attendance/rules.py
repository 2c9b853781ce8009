"""How a run counts attendance, kept in CourseRun.settings["attendance"].

By default present and late count as attended and excused sessions are left out of the
denominator. A run may count late as absent, and excused as absent or as attended.

By default, too, a session is expected of a trainee only if it started once their seat was confirmed
(registered, or promoted from the waiting list: `Registration.confirmed_at`), as Moodle's Attendance
counts "only sessions after enrolment": a session held before is "not expected" of them and counts
only if they attended it, so it can raise their rate, never lower it. A run may count every session.
"""

from dataclasses import asdict, dataclass
from datetime import datetime

from ..accounts.audit.services import record
from ..infra.errors import ValidationError
from ..infra.i18n import gettext as _
from ..scheduling.permissions import require_manage_run
from .models import Status

EXCUSED_CHOICES = ("excluded", "absent", "attended")
SETTINGS_KEY = "attendance"


@dataclass(frozen=True)
class AttendanceRule:
    late_counts: bool = True
    excused_counts_as: str = "excluded"
    only_after_confirmation: bool = True

    def counts(self, status: str | None, *, expected: bool = True) -> tuple[int, int]:
        """(attended, counted) contributed by one session with this status; unmarked is absent. A session
        not expected of the trainee counts only when attended."""
        attended, counted = self._counts(status)
        return (attended, counted) if expected or attended else (0, 0)

    def _counts(self, status: str | None) -> tuple[int, int]:
        if status == Status.PRESENT:
            return 1, 1
        if status == Status.LATE:
            return (1, 1) if self.late_counts else (0, 1)
        if status == Status.EXCUSED:
            return {"excluded": (0, 0), "absent": (0, 1), "attended": (1, 1)}[self.excused_counts_as]
        return 0, 1

    def expects(self, session_starts_at: datetime, confirmed_at: datetime | None) -> bool:
        """Whether a session starting then is expected of a trainee confirmed then (None: not known, so yes)."""
        return not self.only_after_confirmation or confirmed_at is None or session_starts_at >= confirmed_at


DEFAULT_RULE = AttendanceRule()


def rule_from_settings(settings: dict | None) -> AttendanceRule:
    """The rule stored in a run's settings; unknown or missing values fall back to the default."""
    stored = (settings or {}).get(SETTINGS_KEY) or {}
    late = stored.get("late_counts", DEFAULT_RULE.late_counts)
    excused = stored.get("excused_counts_as", DEFAULT_RULE.excused_counts_as)
    after = stored.get("only_after_confirmation", DEFAULT_RULE.only_after_confirmation)
    return AttendanceRule(
        late_counts=late if isinstance(late, bool) else DEFAULT_RULE.late_counts,
        excused_counts_as=excused if excused in EXCUSED_CHOICES else DEFAULT_RULE.excused_counts_as,
        only_after_confirmation=after if isinstance(after, bool) else DEFAULT_RULE.only_after_confirmation,
    )


def rule_of(run) -> AttendanceRule:
    return rule_from_settings(run.settings)


def set_rule(
    actor, run, late_counts: bool, excused_counts_as: str, *, only_after_confirmation: bool = True
) -> AttendanceRule:
    """Change how the run counts attendance (whoever manages the run); audited."""
    require_manage_run(actor, run)
    if excused_counts_as not in EXCUSED_CHOICES:
        raise ValidationError(_("Excused sessions count as excluded, absent or attended."))
    before = rule_of(run)
    after = AttendanceRule(
        late_counts=bool(late_counts),
        excused_counts_as=excused_counts_as,
        only_after_confirmation=bool(only_after_confirmation),
    )
    if after != before:
        run.settings = {**(run.settings or {}), SETTINGS_KEY: asdict(after)}  # a new dict: JSON change detected
        record(
            actor,
            "attendance.rule",
            "course_run",
            run.id,
            partner_id=run.partner_id,
            summary=f"Attendance rule of run {run.id} changed",
            before=asdict(before),
            after=asdict(after),
        )
    return after
