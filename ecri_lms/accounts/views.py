"""Login, sign-up, password reset, profile and people management."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from ..infra.errors import DomainError
from ..infra.extensions import client_address, db, limiter
from ..infra.i18n import country_name
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.links import local_path, url_with_query
from ..infra.navigation import register_nav
from ..infra.pagination import paginate
from ..infra.web import commit_or_flash, flash_form_errors
from . import languages, login_sessions, records, services
from .forms import (
    ActiveForm,
    ChangePasswordForm,
    EraseForm,
    ForgotPasswordForm,
    LoginForm,
    NewPersonForm,
    ProfileForm,
    RecordForm,
    ResetPasswordForm,
    RolesForm,
    SignUpForm,
    role_choices,
)
from .partners.services import all_partners
from .permissions import Cap, Role, can, grantable_roles, has_capability, partner_scope

bp = Blueprint("accounts", __name__)

register_nav(_l("People"), "accounts.people", 80, lambda u: has_capability(u, Cap.MANAGE_PEOPLE), menu=_l("Manage"))


def _login_refused(_response) -> bool:
    return bool(g.pop("login_refused", False))


def _reset_address_key() -> str:
    return "password-reset:" + services.normalise_email(request.form.get("email", ""))[:254]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_login_refused)
def login():
    """Failures only count towards the per-address ceiling; per account and address, services.log_in backs off."""
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.log_in(form.email.data, form.password.data, client_address())
        if user is None:
            db.session.commit()  # the failure is counted though nobody logged in
            g.login_refused = True
            flash(_("Wrong e-mail or password."), "danger")
            return render_template("accounts/login.html", form=form), 200
        session.clear()  # a fresh session at login: nothing carried over from before
        _sign_in(user, remember=form.remember.data)
        db.session.commit()
        return redirect(local_path(request.args.get("next")) or url_for("core.home"))
    return render_template("accounts/login.html", form=form)


def _sign_in(user, *, remember: bool) -> None:
    """Sign `user` in on this device with a login session the server can end (accounts.login_sessions)."""
    languages.remember_first_language(user)
    login_sessions.start_login_session(user, request.headers.get("User-Agent", ""))
    login_user(user, remember=remember)


def _has_remember_cookie() -> bool:
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies


def _forget_this_device() -> None:
    """Drop this browser's session; logout_user comes after the clear, or its order to delete the remember
    cookie would be cleared with the rest."""
    session.clear()
    logout_user()


@bp.post("/logout")
@login_required
def logout():
    login_sessions.end_login_session(current_user)
    db.session.commit()
    _forget_this_device()
    flash(_("You are logged out."), "info")
    return redirect(url_for("core.home"))


@bp.post("/profile/log-out-everywhere")
@login_required
def log_out_everywhere():
    login_sessions.log_out_everywhere(current_user, current_user)
    db.session.commit()
    _forget_this_device()
    flash(_("You are logged out on every device."), "info")
    return redirect(url_for("core.home"))


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def sign_up():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = SignUpForm()
    form.partner.choices = [
        (p.code, f"{p.short_name} ({p.region}, {country_name(p.country_code, p.country)})") for p in all_partners()
    ]
    if form.validate_on_submit():
        data = services.SignUp(
            email=form.email.data,
            name=form.name.data,
            password=form.password.data,
            partner_code=form.partner.data,
            organisation_type=form.organisation_type.data,
            organisation_name=form.organisation_name.data,
            job_title=form.job_title.data or "",
        )
        outcome = commit_or_flash(lambda: services.sign_up_trainee(data))
        if outcome.ok:
            session.clear()
            _sign_in(outcome.value, remember=False)
            db.session.commit()
            flash(_("Welcome! Your account is ready."), "success")  # after the clear, or it is lost with it
            return redirect(url_for("core.home"))
    return render_template("accounts/sign_up.html", form=form)


@bp.get("/register")
def sign_up_old_address():
    """Sign-up's address until it became /sign-up: partners' sites and old e-mails may still link to it."""
    return redirect(url_with_query("accounts.sign_up", request.args), code=301)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("5 per hour", methods=["POST"], key_func=_reset_address_key)  # nobody's mailbox is flooded
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(_("If an account uses this address, a reset link is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        services.user_from_reset_token(token)
    except DomainError as error:
        flash(str(error.message), "danger")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        if commit_or_flash(
            lambda: services.reset_password(token, form.password.data),
            _("Your password is changed. Log in with the new one."),
        ).ok:
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.post("/language")
def choose_language():
    """The switcher on every page: stored in the profile when signed in, in a cookie for everyone."""
    code = request.form.get("language", "")
    back = local_path(request.form.get("next")) or url_for("core.home")
    try:
        languages.choose_language(current_user, code)
    except DomainError as error:
        flash(str(error.message), "danger")
        return redirect(back)
    db.session.commit()
    response = redirect(back)
    response.set_cookie(
        languages.COOKIE,
        code,
        max_age=languages.COOKIE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if request.method == "GET" and current_user.organisation:
        form.organisation_name.data = current_user.organisation.name
        form.organisation_type.data = current_user.organisation.type
    if form.validate_on_submit():
        change = services.ProfileChange(
            name=form.name.data,
            timezone=form.timezone.data,
            job_title=form.job_title.data or "",
            organisation_name=form.organisation_name.data or "",
            organisation_type=form.organisation_type.data or "",
            language=form.language.data,
        )
        if commit_or_flash(lambda: services.update_profile(current_user, current_user, change), _("Profile saved.")).ok:
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html",
        form=form,
        password_form=ChangePasswordForm(),
        devices=login_sessions.signed_in_devices(current_user),
    )


@bp.post("/profile/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: services.change_password(current_user, form.current_password.data, form.password.data),
            _("Password changed. Your other sessions have been logged out."),
        )
        if outcome.ok:  # every session ended with the old password: this device gets a new one
            _sign_in(current_user._get_current_object(), remember=_has_remember_cookie())
            db.session.commit()
        return redirect(url_for("accounts.profile"))
    flash_form_errors(form)
    return redirect(url_for("accounts.profile"))


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
    return ([("", _("— no partner (consortium-wide) —"))] + choices) if scope is None else choices


@bp.route("/people/new", methods=["GET", "POST"])
@login_required
def new_person():
    if not has_capability(current_user, Cap.MANAGE_PEOPLE):
        abort(403)
    form = NewPersonForm()
    form.partner.choices = _partner_choices()
    form.roles.choices = role_choices([r for r in Role if r in grantable_roles(current_user)])
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: services.create_user(
                current_user,
                email=form.email.data,
                name=form.name.data,
                roles=[Role(r) for r in form.roles.data],
                partner_code=form.partner.data or None,
                password=form.password.data,
            ),
            _("Account created."),
        )
        if outcome.ok:
            return redirect(url_for("accounts.person", user_id=outcome.value.id))
    return render_template("accounts/new_person.html", form=form)


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
@login_required
def person(user_id: int):
    user = services.get_person_for(current_user, user_id)
    form = RolesForm()
    grantable = grantable_roles(current_user)
    form.roles.choices = role_choices()
    if request.method == "GET":
        form.roles.data = [r.value for r in user.role_set]
    if form.validate_on_submit():
        if commit_or_flash(
            lambda: services.set_roles(current_user, user, {Role(r) for r in form.roles.data or []}), _("Roles saved.")
        ).ok:
            return redirect(url_for("accounts.person", user_id=user.id))
    return render_template(
        "accounts/person.html",
        person=user,
        form=form,
        record_form=_record_form(user),
        grantable=grantable,
        active_form=ActiveForm(),
        erase_form=EraseForm(),
        may_erase=can(current_user, Cap.ERASE_PERSONAL_DATA)
        and user.anonymised_at is None
        and user.id != current_user.id,
    )


def _record_form(user, *, submitted: bool = False) -> RecordForm:
    """The correction form: the record as it is on the page, the posted fields when submitted."""
    form = RecordForm() if submitted else RecordForm(formdata=None, data=_record_data(user))
    scoped = partner_scope(current_user, Cap.MANAGE_PEOPLE) is None
    form.partner.choices = ([("", _("Consortium-wide (no partner)"))] if scoped else []) + [
        (str(partner.id), partner.name) for partner in records.partners_for_record(current_user)
    ]
    return form


def _record_data(user) -> dict:
    organisation_type = user.organisation.type if user.organisation else None
    return {"name": user.name, "partner": str(user.partner_id or ""), "organisation_type": organisation_type}


@bp.post("/people/<int:user_id>/record")
@login_required
def correct_record(user_id: int):
    """An administrator or the person's partner coordinator corrects their name, partner or organisation."""
    user = services.get_person_for(current_user, user_id)
    form = _record_form(user, submitted=True)
    if form.validate_on_submit():
        change = records.RecordCorrection(
            name=form.name.data,
            partner_id=int(form.partner.data) if form.partner.data else None,
            organisation_name=form.organisation_name.data or "",
            organisation_type=form.organisation_type.data or "",
        )
        commit_or_flash(lambda: records.correct_record(current_user, user, change), _("Record corrected."))
    else:
        flash_form_errors(form)
    return redirect(url_for("accounts.person", user_id=user.id))


@bp.post("/people/<int:user_id>/active")
@login_required
def set_active(user_id: int):
    user = services.get_person_for(current_user, user_id)
    form = ActiveForm()
    if form.validate_on_submit():
        commit_or_flash(
            lambda: services.set_active(current_user, user, request.form.get("active") == "1"), _("Account updated.")
        )
    return redirect(url_for("accounts.person", user_id=user.id))
