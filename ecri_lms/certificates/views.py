"""Certificates pages: the trainee's own, the coordinators' per run, downloads and public verification."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.models import User
from ..accounts.permissions import Cap, has_capability
from ..assessment.services import quizzes_of
from ..infra.dashboard import register_panel
from ..infra.errors import NotFound
from ..infra.extensions import db, limiter
from ..infra.i18n import _, _l, current_language
from ..infra.navigation import register_nav
from ..infra.timeutil import utcnow
from ..infra.web import commit_or_flash, flash_form_errors
from ..scheduling.queries import get_run
from . import codes, queries, services
from .forms import ButtonForm, IssueForm, ReasonForm, RulesForm
from .pdf import format_date, format_hours, format_score
from .permissions import can_download, managed_partner_ids, require_manage_certificates
from .rule_progress import LABELS, has_override, rules_of
from .summaries import evaluation_summary

bp = Blueprint("certificates", __name__)
PANEL_SIZE = 5

register_nav(_l("My certificates"), "certificates.mine", 90, lambda u: has_capability(u, Cap.LEARN), menu=_l("Me"))
register_nav(
    _l("Certificates"),
    "certificates.runs",
    80,
    lambda u: has_capability(u, Cap.MANAGE_CERTIFICATES),
    menu=_l("Manage"),
)


register_panel(
    "certificates",
    28,
    "certificates/panel_mine.html",
    lambda u: has_capability(u, Cap.LEARN),
    lambda u: {"certificates": queries.current_certificates_of_user(u.id, limit=PANEL_SIZE)},
)


@bp.app_context_processor
def certificate_helpers():
    return {"code_display": codes.display, "rule_labels": LABELS, "holder_language": services.holder_language}


@bp.app_template_filter("long_date")
def long_date(day) -> str:
    """date(2027, 3, 5) → '5 March 2027' ('5 marca 2027'…), in the reader's language as the certificate prints it."""
    return format_date(day, current_language()) or "—"


@bp.app_template_filter("training_hours")
def training_hours(hours) -> str:
    """A certificate's hours as it prints them: '12', '1.5' ('1,5')."""
    return format_hours(hours, current_language())


@bp.app_template_filter("final_score")
def final_score(score) -> str:
    """A certificate's final score (0–100) as it prints it: '86.5%' ('86,5 %'…), '—' when it has none."""
    return format_score(score, current_language()) or "—"


def _managed_run(run_id: int):
    run = get_run(run_id)
    if run is None:
        raise NotFound(_("No such run."))
    require_manage_certificates(current_user, run)
    return run


def _certificate(certificate_id: int):
    certificate = services.get_certificate(certificate_id)
    if certificate is None:
        raise NotFound(_("No such certificate."))
    return certificate


@bp.get("/certificates")
@login_required
def mine():
    return render_template("certificates/mine.html", members=services.my_runs(current_user), now=utcnow())


@bp.get("/certificates/<int:certificate_id>.pdf")
@login_required
def download(certificate_id: int):
    """The stored PDF in the language chosen (?lang=; the holder's own by default); its ETag lets a browser
    that has it revalidate (after the permission check) for a 304."""
    certificate = services.get_certificate_to_download(certificate_id)
    if certificate is None or not can_download(current_user, certificate):
        raise NotFound(_("No such certificate."))
    pdf = services.stored_pdf(certificate, request.args.get("lang"))
    response = Response(
        pdf.data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{services.file_name(certificate)}"'},
    )
    response.set_etag(pdf.etag)
    return response.make_conditional(request)


@bp.get("/certificates/runs")
@login_required
def runs():
    if not has_capability(current_user, Cap.MANAGE_CERTIFICATES):
        abort(403)
    started = queries.started_runs(managed_partner_ids(current_user))
    return render_template(
        "certificates/runs.html", runs=started, counts=queries.certificate_counts([run.id for run in started])
    )


@bp.get("/runs/<int:run_id>/certificates")
@login_required
def run_certificates(run_id: int):
    run = _managed_run(run_id)
    return render_template(
        "certificates/run.html",
        run=run,
        rules=rules_of(run),
        overridden=has_override(run),
        members=services.run_members(current_user, run),
        reason_form=ReasonForm(),
        issue_form=IssueForm(),
        button_form=ButtonForm(),
        now=utcnow(),
    )


@bp.post("/runs/<int:run_id>/certificates/evaluate")
@login_required
def evaluate(run_id: int):
    run = _managed_run(run_id)
    if ButtonForm().validate_on_submit():
        outcome = commit_or_flash(lambda: services.evaluate_run(current_user, run))
        if outcome.ok:
            result = outcome.value
            flash(evaluation_summary(result), "success")
    return redirect(url_for(".run_certificates", run_id=run.id))


@bp.post("/runs/<int:run_id>/certificates/issue")
@login_required
def issue(run_id: int):
    run = _managed_run(run_id)
    form = IssueForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for(".run_certificates", run_id=run.id))
    trainee = db.session.get(User, int(form.user_id.data))
    if trainee is None:
        raise NotFound(_("No such trainee on this run."))
    commit_or_flash(
        lambda: services.issue_manually(current_user, run, trainee, form.reason.data, expires_on=form.expires_on.data),
        _("Certificate issued to %(name)s.", name=trainee.name),
    )
    return redirect(url_for(".run_certificates", run_id=run.id))


def _reasoned(certificate_id: int, action, message: str):
    certificate = _certificate(certificate_id)
    require_manage_certificates(current_user, certificate.run)
    form = ReasonForm()
    if form.validate_on_submit():
        commit_or_flash(lambda: action(current_user, certificate, form.reason.data), message)
    else:
        flash_form_errors(form)
    return redirect(url_for(".run_certificates", run_id=certificate.run_id))


@bp.post("/certificates/<int:certificate_id>/revoke")
@login_required
def revoke(certificate_id: int):
    return _reasoned(certificate_id, services.revoke, _("Certificate revoked."))


@bp.post("/certificates/<int:certificate_id>/reissue")
@login_required
def reissue(certificate_id: int):
    return _reasoned(certificate_id, services.reissue, _("Certificate re-issued; the old one is marked superseded."))


@bp.get("/runs/<int:run_id>/certificates.zip")
@login_required
def run_zip(run_id: int):
    run = _managed_run(run_id)
    return Response(
        services.run_zip(current_user, run),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="certificates-run-{run.id}.zip"'},
    )


@bp.route("/runs/<int:run_id>/completion-rules", methods=["GET", "POST"])
@login_required
def rules(run_id: int):
    run = _managed_run(run_id)
    current = rules_of(run)
    form = RulesForm(
        data={
            "lessons": str(current.get("lessons", "all")),
            "attendance_rate": current.get("attendance_rate"),
            "quizzes": current.get("quizzes", []),
            "essays_graded": current.get("essays_graded", False),
        }
    )
    form.quizzes.choices = [(quiz.slug, quiz.title) for quiz in quizzes_of(run.course)]
    if form.validate_on_submit():
        reset = "reset" in request.form
        outcome = commit_or_flash(
            lambda: services.set_run_rules(
                current_user,
                run,
                None if reset else form.rules(),
                lesson_count=len(run.course.active_lessons),
                quiz_slugs={slug for slug, _ in form.quizzes.choices},
            ),
            _("Completion rules saved."),
        )
        if outcome.ok:
            return redirect(url_for(".run_certificates", run_id=run.id))
    return render_template("certificates/rules.html", run=run, form=form, overridden=has_override(run))


def _unknown_code_limit() -> str:
    return current_app.config["VERIFY_RATE_LIMIT_UNKNOWN"]


def _not_found(response) -> bool:
    return response.status_code == 404


@bp.get("/verify")
@limiter.limit(_unknown_code_limit, deduct_when=_not_found)
def verify_form():
    typed = request.args.get("code", "").strip()
    if typed:
        code = codes.normalise(typed)
        if code is not None:
            return redirect(url_for(".verify", code=code))
        return render_template("certificates/verify.html", typed=typed, result=None), 404
    return render_template("certificates/verify.html", typed="", result=None)


@bp.get("/verify/<code>")
@limiter.limit(_unknown_code_limit, deduct_when=_not_found)
def verify(code: str):
    result = services.verify(code, utcnow())
    if result is None:
        return render_template("certificates/verify.html", typed=code, result=None), 404
    return render_template("certificates/verify.html", typed=result.code_display, result=result)
