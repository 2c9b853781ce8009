"""The run's attendance overview (trainees × sessions, with rates and the counting rule) and one's own attendance."""

from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from ...accounts.permissions import Cap, require
from ...infra.exports import csv_response
from ...infra.i18n import gettext as _
from ...infra.timeutil import format_in_zone
from ...infra.web import commit_or_flash, flash_form_errors
from ...scheduling.services import get_run_for_manager
from .. import queries, rules
from ..forms import RuleForm
from ..models import Status
from .blueprint import bp


@bp.get("/runs/<int:run_id>/attendance")
@login_required
def run_overview(run_id: int):
    run = get_run_for_manager(current_user, run_id)
    summary = queries.run_attendance_summary(run)
    form = RuleForm(
        data={
            "late_counts": summary.rule.late_counts,
            "excused_counts_as": summary.rule.excused_counts_as,
            "only_after_confirmation": summary.rule.only_after_confirmation,
        }
    )
    return render_template("attendance/overview.html", run=run, summary=summary, form=form)


@bp.post("/runs/<int:run_id>/attendance/rule")
@login_required
def save_rule(run_id: int):
    run = get_run_for_manager(current_user, run_id)
    form = RuleForm()
    if form.validate_on_submit():
        commit_or_flash(
            lambda: rules.set_rule(
                current_user,
                run,
                form.late_counts.data,
                form.excused_counts_as.data,
                only_after_confirmation=form.only_after_confirmation.data,
            ),
            _("The attendance rule is saved."),
        )
    else:
        flash_form_errors(form)
    return redirect(url_for("attendance.run_overview", run_id=run.id))


def _label(status: str | None) -> str:
    return Status(status).label if status else ""


@bp.get("/runs/<int:run_id>/attendance.csv")
@login_required
def run_overview_csv(run_id: int):
    run = get_run_for_manager(current_user, run_id)
    summary = queries.run_attendance_summary(run)
    live = [s for s in summary.sessions if not s.is_cancelled]
    headers = [_("Name"), _("Email"), *(format_in_zone(s.starts_at, s.timezone) for s in live), _("Attendance rate")]
    rows = [
        [
            trainee.name,
            trainee.email,
            *(_label(summary.statuses.get((s.id, trainee.id))) for s in live),
            None if summary.trainee_rates[trainee.id] is None else round(summary.trainee_rates[trainee.id], 4),
        ]
        for trainee in summary.trainees
    ]
    return csv_response(f"attendance-run-{run.id}", headers, rows)


@bp.get("/my/attendance")
@login_required
def my_attendance():
    require(current_user, Cap.LEARN)
    return render_template("attendance/mine.html", runs=queries.my_attendance(current_user))
