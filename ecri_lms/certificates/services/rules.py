"""A coordinator's per-run override of the course's completion rules."""

from ...accounts.audit.services import record
from ...infra.errors import ValidationError
from ...infra.i18n import _
from ..permissions import require_manage_certificates
from ..rule_progress import RULE_KINDS


def _checked(rules: dict, lesson_count: int, quiz_slugs: set[str]) -> dict:
    lessons = rules.get("lessons", "all")
    if lessons != "all" and not (isinstance(lessons, int) and 0 <= lessons <= lesson_count):
        raise ValidationError(_("Lessons must be 'all' or a number from 0 to %(count)d.", count=lesson_count))
    attendance = rules.get("attendance_rate")
    if attendance is not None and not (isinstance(attendance, int) and 0 <= attendance <= 100):
        raise ValidationError(_("The attendance rate is a whole percentage from 0 to 100."))
    unknown = [slug for slug in rules.get("quizzes", []) if slug not in quiz_slugs]
    if unknown:
        raise ValidationError(_("No such quiz in this course: %(quizzes)s.", quizzes=", ".join(unknown)))
    checked = {
        "lessons": lessons,
        "quizzes": list(rules.get("quizzes", [])),
        "essays_graded": bool(rules.get("essays_graded")),
    }
    if attendance is not None:
        checked["attendance_rate"] = attendance
    return {kind: checked[kind] for kind in RULE_KINDS if kind in checked}


def set_run_rules(actor, run, rules: dict | None, *, lesson_count: int, quiz_slugs: set[str]) -> None:
    """Replace the run's override (None: back to the course's defaults)."""
    require_manage_certificates(actor, run)
    settings = dict(run.settings or {})
    if rules is None:
        settings.pop("completion", None)
    else:
        settings["completion"] = _checked(rules, lesson_count, quiz_slugs)
    run.settings = settings
    record(
        actor,
        "run.completion_rules",
        "course_run",
        run.id,
        partner_id=run.partner_id,
        summary="Completion rules of the run changed",
        rules=settings.get("completion"),
    )
