"""Trainees evaluate the runs they attended; trainers and coordinators read the results."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..accounts.permissions import Cap, has_capability
from ..infra.dashboard import register_panel
from ..infra.errors import Conflict, NotFound
from ..infra.i18n import _, _l
from ..infra.navigation import register_nav
from ..infra.web import commit_or_flash
from ..needs.services.access import get_plan_for
from ..needs.small_groups import min_comments, min_group_size
from ..scheduling.queries import get_run
from . import services
from .before import competence_before
from .follow_up import comparison, rounds_of, start_follow_up
from .forms import FollowUpForm, answers_of, evaluation_form
from .plan_loop import plan_loop
from .results import run_results

bp = Blueprint("evaluations", __name__, url_prefix="/evaluations")

register_nav(_l("My evaluations"), "evaluations.mine", 90, lambda u: has_capability(u, Cap.LEARN), menu=_l("Me"))
register_panel(
    "evaluations-to-give",
    15,
    "evaluations/_panel.html",
    visible=lambda user: bool(services.pending_runs(user)),
    context=lambda user: {"runs": services.pending_runs(user)},
)


def _run_or_404(run_id: int):
    run = get_run(run_id)
    if run is None:
        raise NotFound(_("No such run."))
    return run


@bp.get("/")
@login_required
def mine():
    return render_template(
        "evaluations/mine.html",
        pending=services.pending_runs(current_user),
        given=services.given_evaluations(current_user),
        deadline=services.deadline,
    )


@bp.route("/runs/<int:run_id>", methods=["GET", "POST"])
@login_required
def evaluate(run_id: int):
    run = _run_or_404(run_id)
    try:
        services.require_may_evaluate(current_user, run)
    except Conflict as refusal:
        flash(refusal.message, "info")
        return redirect(url_for("evaluations.mine"))
    topics = services.run_topics(run)
    form = evaluation_form(topics)
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: services.submit(current_user, run, answers_of(form, topics)),
            _("Thank you: your evaluation is recorded."),
        )
        if outcome.ok:
            return redirect(url_for("evaluations.mine"))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "evaluations/evaluate.html",
        run=run,
        form=form,
        topics=topics,
        before=competence_before(current_user.partner_id, run),
        deadline=services.deadline(run),
    ), status


@bp.get("/runs/<int:run_id>/results")
@login_required
def results(run_id: int):
    return render_template(
        "evaluations/results.html",
        results=run_results(current_user, _run_or_404(run_id)),
        min_group_size=min_group_size(),
        min_comments=min_comments(),
    )


def _render_plan_loop(plan_id: int, status: int = 200):
    before_after = plan_loop(current_user, plan_id)
    rounds = rounds_of(before_after.plan)
    latest = rounds[0] if rounds else None
    return render_template(
        "evaluations/plan_loop.html",
        plan_loop=before_after,
        rounds=rounds,
        latest=latest,
        comparison=comparison(before_after.plan, latest) if latest else None,
        form=FollowUpForm(),
        min_group_size=min_group_size(),
    ), status


@bp.get("/plans/<int:plan_id>")
@login_required
def plan_loop_page(plan_id: int):
    return _render_plan_loop(plan_id)


@bp.post("/plans/<int:plan_id>/follow-up")
@login_required
def plan_follow_up(plan_id: int):
    get_plan_for(current_user, plan_id)  # out of scope: 404, not a message
    form = FollowUpForm()
    if not form.validate_on_submit():
        return _render_plan_loop(plan_id, 400)
    commit_or_flash(
        lambda: start_follow_up(current_user, plan_id),
        _("Follow-up round created from the evaluations: its ranking is shown beside the baseline's."),
    )
    return redirect(url_for("evaluations.plan_loop_page", plan_id=plan_id))
