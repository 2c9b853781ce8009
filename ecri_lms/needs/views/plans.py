"""Training plans: build from the ranked needs, edit the draft, approve, revise; and their coverage."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...accounts.permissions import Cap, has_capability
from ...infra.errors import NotFound
from ...infra.exports import csv_response
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.input_guards import int_arg
from ...infra.links import url_with_query
from ...infra.navigation import register_nav
from ...infra.web import commit_or_flash, flash_form_errors
from .. import coverage, runs
from ..analysis import round_half_up
from ..errors import CoverageUnavailable
from ..forms import ActionForm, FromNeedsForm, PlanForm, PlanItemForm, item_courses_form
from ..services import approval, plans
from ..services.access import get_plan_for, partners_for, visible_plans, visible_surveys
from . import bp

register_nav(_l("Training plans"), "needs.plans", 63, lambda u: has_capability(u, Cap.MANAGE_NEEDS), menu=_l("Needs"))


def _plan_form() -> PlanForm:
    form = PlanForm()
    form.partner.choices = [(p.code, p.short_name) for p in partners_for(current_user)]
    form.survey.choices = [("", _("— no survey —"))] + [
        (str(s.id), s.name) for s in db.session.scalars(visible_surveys(current_user))
    ]
    return form


@bp.route("/plans", methods=["GET", "POST"], endpoint="plans")
@login_required
def plan_list():
    form = _plan_form()
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: plans.create_plan(
                current_user,
                partner_code=form.partner.data,
                title=form.title.data,
                period_start=form.period_start.data,
                period_end=form.period_end.data,
                survey_id=int(form.survey.data) if form.survey.data else None,
            ),
            _("Plan created: add the needs it addresses, then approve it."),
        )
        if outcome.ok:
            return redirect(url_for("needs.plan", plan_id=outcome.value.id))
    listed = list(db.session.scalars(visible_plans(current_user)))
    return render_template("needs/plans.html", plans=listed, form=form)


def _item_form(plan) -> PlanItemForm:
    form = PlanItemForm()
    form.topic.choices = [(t.code, f"{t.code} – {t.name}") for t in plans.topics_to_add(plan)]
    if not form.is_submitted():
        form.target_start.data, form.target_end.data = plan.period_start, plan.period_end
    return form


def _render_plan(plan, item_form=None, status=200):
    number = int_arg("version")
    version = plan.version(number) if number else plan.latest
    if version is None:
        raise NotFound(_("No such version of this plan."))
    editable = not version.is_approved
    course_forms = (
        {item.id: item_courses_form(item, plans.suggested_courses(item.topic)) for item in version.items}
        if editable
        else {}
    )
    item_runs = {
        item.id: [(run, runs.start_day(run), runs.is_held(run)) for run in runs.item_runs(plan, item)]
        for item in version.items
    }
    needs = plans.partner_needs(current_user, plan)
    return render_template(
        "needs/plan.html",
        plan=plan,
        version=version,
        editable=editable,
        needs=needs,
        unranked={item.id: plans.unranked_reason(plan, needs, item) for item in version.items},
        approval_refusal=approval.approval_refusal(current_user, plan) if editable else None,
        item_runs=item_runs,
        item_form=item_form or _item_form(plan),
        from_needs_form=FromNeedsForm(),
        course_forms=course_forms,
        action_form=ActionForm(),
    ), status


@bp.get("/plans/<int:plan_id>")
@login_required
def plan(plan_id: int):
    return _render_plan(get_plan_for(current_user, plan_id))


def _back(plan):
    return redirect(url_for("needs.plan", plan_id=plan.id))


@bp.post("/plans/<int:plan_id>/items")
@login_required
def plan_add_item(plan_id: int):
    plan = get_plan_for(current_user, plan_id)
    form = _item_form(plan)
    if not form.validate_on_submit():
        return _render_plan(plan, form, 400)
    spec = plans.ItemSpec(
        topic_code=form.topic.data,
        target_trainees=form.target_trainees.data,
        target_start=form.target_start.data,
        target_end=form.target_end.data,
        target_org_types=form.target_org_types.data,
        note=form.note.data or "",
    )
    commit_or_flash(lambda: plans.add_item(current_user, plan, spec), _("Need added to the draft."))
    return _back(plan)


@bp.post("/plans/<int:plan_id>/from-needs")
@login_required
def plan_from_needs(plan_id: int):
    plan = get_plan_for(current_user, plan_id)
    form = FromNeedsForm()
    if form.validate_on_submit():
        commit_or_flash(
            lambda: plans.add_items_from_needs(
                current_user,
                plan,
                count=form.count.data,
                target_trainees=form.target_trainees.data,
                target_org_types=form.target_org_types.data,
            ),
            _("Top needs added to the draft."),
        )
    else:
        flash_form_errors(form)
    return _back(plan)


@bp.post("/plans/<int:plan_id>/items/<int:item_id>/courses")
@login_required
def plan_item_courses(plan_id: int, item_id: int):
    plan = get_plan_for(current_user, plan_id)
    item = plans.draft_item(plan, item_id)
    form = item_courses_form(item, plans.suggested_courses(item.topic))
    if form.validate_on_submit():
        commit_or_flash(
            lambda: plans.set_item_courses(current_user, plan, item_id, form.courses.data), _("Courses saved.")
        )
    else:
        flash_form_errors(form)
    return _back(plan)


@bp.post("/plans/<int:plan_id>/items/<int:item_id>/delete")
@login_required
def plan_remove_item(plan_id: int, item_id: int):
    plan = get_plan_for(current_user, plan_id)
    if ActionForm().validate_on_submit():
        commit_or_flash(lambda: plans.remove_item(current_user, plan, item_id), _("Need removed from the draft."))
    return _back(plan)


@bp.post("/plans/<int:plan_id>/approve")
@login_required
def plan_approve(plan_id: int):
    plan = get_plan_for(current_user, plan_id)
    if ActionForm().validate_on_submit():
        commit_or_flash(lambda: plans.approve(current_user, plan), _("Plan approved: this version is now frozen."))
    return _back(plan)


@bp.get("/plans/<int:plan_id>/compare")
@login_required
def plan_compare(plan_id: int):
    plan = get_plan_for(current_user, plan_id)
    after = int_arg("to") or plan.latest.number
    before = int_arg("from") or max(after - 1, 1)
    diff = plans.compare_versions(plan, before, after)
    return render_template("needs/plan_compare.html", plan=plan, diff=diff)


@bp.post("/plans/<int:plan_id>/revise")
@login_required
def plan_revise(plan_id: int):
    plan = get_plan_for(current_user, plan_id)
    if ActionForm().validate_on_submit():
        commit_or_flash(
            lambda: plans.start_revision(current_user, plan), _("A new draft was started from the approved version.")
        )
    return _back(plan)


@bp.get("/plans/<int:plan_id>/coverage")
@login_required
def plan_coverage(plan_id: int):
    plan = get_plan_for(current_user, plan_id)
    try:
        result = coverage.plan_coverage(plan)
    except CoverageUnavailable as unavailable:
        return render_template("needs/coverage.html", plan=plan, result=None, message=unavailable.message)
    return render_template("needs/coverage.html", plan=plan, result=result, message=None)


COVERAGE_COLUMNS = ("partner", "topic", "runs_scheduled", "runs_held", "completed", "target", "met")


def _coverage_rows(plan, result):
    """A row per plan item, a blank row, then the share of top needs met in percent (as every export's rates)."""
    for item in result.items:
        yield [
            plan.partner.code,
            item.topic,
            item.runs_scheduled,
            item.runs_held,
            item.completed,
            item.target,
            item.met,
        ]
    share = result.share_of_top_needs_met
    yield []
    yield ["top_needs_met_percent", None if share is None else round_half_up(share * 100, 1)]


@bp.get("/plans/<int:plan_id>/coverage.csv")
@login_required
def plan_coverage_csv(plan_id: int):
    plan = get_plan_for(current_user, plan_id)
    try:
        result = coverage.plan_coverage(plan, int_arg("top") or coverage.DEFAULT_TOP_N)
    except CoverageUnavailable:
        return redirect(url_with_query("needs.plan_coverage", request.args, plan_id=plan.id))
    return csv_response(f"plan-{plan.id}-coverage", COVERAGE_COLUMNS, _coverage_rows(plan, result))
