"""How a run counts attendance, kept in CourseRun.settings["attendance"].

By default present and late count as attended and excused sessions are left out of the
denominator. A run may count late as absent, and excused as absent or as attended.
"""

from dataclasses import asdict, dataclass

from ..accounts.audit.services import record
from ..infra.errors import ValidationError
from ..scheduling.permissions import require_manage_run
from .models import Status

EXCUSED_CHOICES = ("excluded", "absent", "attended")
SETTINGS_KEY = "attendance"


@dataclass(frozen=True)
class AttendanceRule:
    late_counts: bool = True
    excused_counts_as: str = "excluded"

    def counts(self, status: str | None) -> tuple[int, int]:
        """(attended, counted) contributed by one session with this status; unmarked is absent."""
        if status == Status.PRESENT:
            return 1, 1
        if status == Status.LATE:
            return (1, 1) if self.late_counts else (0, 1)
        if status == Status.EXCUSED:
            return {"excluded": (0, 0), "absent": (0, 1), "attended": (1, 1)}[self.excused_counts_as]
        return 0, 1


DEFAULT_RULE = AttendanceRule()


def rule_from_settings(settings: dict | None) -> AttendanceRule:
    """The rule stored in a run's settings; unknown or missing values fall back to the default."""
    stored = (settings or {}).get(SETTINGS_KEY) or {}
    late = stored.get("late_counts", DEFAULT_RULE.late_counts)
    excused = stored.get("excused_counts_as", DEFAULT_RULE.excused_counts_as)
    return AttendanceRule(
        late_counts=late if isinstance(late, bool) else DEFAULT_RULE.late_counts,
        excused_counts_as=excused if excused in EXCUSED_CHOICES else DEFAULT_RULE.excused_counts_as,
    )


def rule_of(run) -> AttendanceRule:
    return rule_from_settings(run.settings)


def set_rule(actor, run, late_counts: bool, excused_counts_as: str) -> AttendanceRule:
    """Change how the run counts attendance (whoever manages the run); audited."""
    require_manage_run(actor, run)
    if excused_counts_as not in EXCUSED_CHOICES:
        raise ValidationError("Excused sessions count as excluded, absent or attended.")
    before = rule_of(run)
    after = AttendanceRule(late_counts=bool(late_counts), excused_counts_as=excused_counts_as)
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
