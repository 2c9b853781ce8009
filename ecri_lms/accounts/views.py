"""Login, registration, password reset, profile and people management."""

import json

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..core.navigation import register_nav
from ..errors import DomainError
from ..extensions import db, limiter
from ..pagination import paginate
from ..partners.services import all_partners
from ..web import commit_or_flash, flash_form_errors
from . import personal_data, services
from .forms import (
    ActiveForm,
    ChangePasswordForm,
    EraseForm,
    ForgotPasswordForm,
    LoginForm,
    NewPersonForm,
    ProfileForm,
    RegistrationForm,
    ResetPasswordForm,
    RolesForm,
)
from .permissions import Cap, Role, can, grantable_roles, has_capability, partner_scope

bp = Blueprint("accounts", __name__)

register_nav("People", "accounts.people", 80, lambda u: has_capability(u, Cap.MANAGE_PEOPLE), menu="Manage")


def _login_account_key() -> str:
    return "login-account:" + services.normalise_email(request.form.get("email", ""))[:254]


def _reset_address_key() -> str:
    return "password-reset:" + services.normalise_email(request.form.get("email", ""))[:254]


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("core.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"], methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ACCOUNT"], methods=["POST"],
               key_func=_login_account_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            flash("Wrong e-mail or password.", "danger")
            return render_template("accounts/login.html", form=form), 200
        session.clear()  # a fresh session at login: nothing carried over from before
        login_user(user, remember=form.remember.data)
        db.session.commit()
        return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = RegistrationForm()
    form.partner.choices = [(p.code, f"{p.short_name} ({p.region}, {p.country})") for p in all_partners()]
    if form.validate_on_submit():
        data = services.Registration(
            email=form.email.data, name=form.name.data, password=form.password.data,
            partner_code=form.partner.data, organisation_type=form.organisation_type.data,
            organisation_name=form.organisation_name.data, job_title=form.job_title.data or "")
        outcome = commit_or_flash(lambda: services.register_trainee(data))
        if outcome.ok:
            session.clear()
            login_user(outcome.value)
            flash("Welcome! Your account is ready.", "success")  # after the clear, or it is lost with it
            return redirect(url_for("core.home"))
    return render_template("accounts/register.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("5 per hour", methods=["POST"], key_func=_reset_address_key)  # nobody's mailbox is flooded
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash("If an account uses this address, a reset link is on its way.", "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        services.user_from_reset_token(token)
    except DomainError as error:
        flash(error.message, "danger")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        if commit_or_flash(lambda: services.reset_password(token, form.password.data),
                           "Your password is changed. Log in with the new one.").ok:
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if request.method == "GET" and current_user.organisation:
        form.organisation_name.data = current_user.organisation.name
        form.organisation_type.data = current_user.organisation.type
    if form.validate_on_submit():
        change = services.ProfileChange(
            name=form.name.data, timezone=form.timezone.data, job_title=form.job_title.data or "",
            organisation_name=form.organisation_name.data or "", organisation_type=form.organisation_type.data or "")
        if commit_or_flash(lambda: services.update_profile(current_user, current_user, change), "Profile saved.").ok:
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form, password_form=ChangePasswordForm())


@bp.post("/profile/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: services.change_password(current_user, form.current_password.data, form.password.data),
            "Password changed. Your other sessions have been logged out.")
        if outcome.ok:
            login_user(current_user)  # keep this session; every other one is now logged out
        return redirect(url_for("accounts.profile"))
    flash_form_errors(form)
    return redirect(url_for("accounts.profile"))


@bp.get("/profile/my-data.json")
@login_required
def my_data():
    """Everything the application keeps about the user, as a JSON download (GDPR access)."""
    data = personal_data.export_personal_data(current_user, current_user)
    return Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="my-ecri-lms-data.json"',
                             "Cache-Control": "no-store"})


@bp.get("/people")
@login_required
def people():
    search = request.args.get("q", "")[:100]
    role = request.args.get("role", "")
    if role and role not in {r.value for r in Role}:
        role = ""
    query = services.people_visible_to(current_user, search=search, role=role)
    page = paginate(query, per_page=50)
    return render_template("accounts/people.html", page=page, search=search, role=role, roles=list(Role))


def _partner_choices():
    scope = partner_scope(current_user, Cap.MANAGE_PEOPLE)
    partners = [p for p in all_partners() if scope is None or p.id in scope]
    choices = [(p.code, p.short_name) for p in partners]
    return ([("", "— no partner (consortium-wide) —")] + choices) if scope is None else choices


@bp.route("/people/new", methods=["GET", "POST"])
@login_required
def new_person():
    if not has_capability(current_user, Cap.MANAGE_PEOPLE):
        abort(403)
    form = NewPersonForm()
    form.partner.choices = _partner_choices()
    form.roles.choices = [(r.value, r.label) for r in Role if r in grantable_roles(current_user)]
    if form.validate_on_submit():
        outcome = commit_or_flash(lambda: services.create_user(
            current_user, email=form.email.data, name=form.name.data,
            roles=[Role(r) for r in form.roles.data], partner_code=form.partner.data or None,
            password=form.password.data), "Account created.")
        if outcome.ok:
            return redirect(url_for("accounts.person", user_id=outcome.value.id))
    return render_template("accounts/new_person.html", form=form)


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
@login_required
def person(user_id: int):
    user = services.get_person_for(current_user, user_id)
    form = RolesForm()
    grantable = grantable_roles(current_user)
    form.roles.choices = [(r.value, r.label) for r in Role]
    if request.method == "GET":
        form.roles.data = [r.value for r in user.role_set]
    if form.validate_on_submit():
        if commit_or_flash(lambda: services.set_roles(current_user, user, {Role(r) for r in form.roles.data or []}),
                           "Roles saved.").ok:
            return redirect(url_for("accounts.person", user_id=user.id))
    return render_template("accounts/person.html", person=user, form=form, grantable=grantable,
                           active_form=ActiveForm(), erase_form=EraseForm(),
                           may_erase=can(current_user, Cap.ERASE_PERSONAL_DATA) and user.anonymised_at is None
                           and user.id != current_user.id)


@bp.post("/people/<int:user_id>/erase")
@login_required
def erase(user_id: int):
    user = services.get_person_for(current_user, user_id)
    form = EraseForm()
    if form.validate_on_submit():
        commit_or_flash(lambda: personal_data.erase_personal_data(current_user, user),
                        "The personal data of this account is erased; its training records are kept.")
    else:
        flash_form_errors(form)
    return redirect(url_for("accounts.person", user_id=user.id))


@bp.post("/people/<int:user_id>/active")
@login_required
def set_active(user_id: int):
    user = services.get_person_for(current_user, user_id)
    form = ActiveForm()
    if form.validate_on_submit():
        commit_or_flash(lambda: services.set_active(current_user, user, request.form.get("active") == "1"),
                        "Account updated.")
    return redirect(url_for("accounts.person", user_id=user.id))
