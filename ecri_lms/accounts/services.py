"""Account use cases: sign-up, authentication, profiles, roles, password resets."""

from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import in_language
from ..infra.links import absolute_url
from ..infra.mail.outbox import queue_mail
from ..infra.timeutil import is_known_timezone, utcnow
from . import login_failures
from .audit.services import record
from .languages import choose_language, language_of
from .login_sessions import end_all_login_sessions
from .models import User, UserRole
from .partners.services import find_or_create_organisation, get_partner_by_code
from .passwords import hash_password, needs_rehash, password_problems, verify_password
from .permissions import Cap, Role, grantable_roles, partner_scope, require, require_person_in_scope
from .records import rename

RESET_SALT = "password-reset"


def normalise_email(email: str) -> str:
    """Addresses are stored and compared trimmed and lower-case, so 'Ann@X.org ' and 'ann@x.org' are one account."""
    return email.strip().lower()


def get_user(user_id: int) -> User:
    """A user by id, 404 when there is none; the caller checks scope (get_person_for)."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user


def find_user_by_email(email: str) -> User | None:
    """The account with this e-mail address, whatever its case or spacing, or None."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def _check_password(password: str, email: str, name: str) -> None:
    problems = password_problems(password, email, name)
    if problems:
        raise ValidationError(" ".join(problems))


def _check_email_free(email: str) -> None:
    if find_user_by_email(email) is not None:
        raise Conflict(_("An account with this e-mail address already exists. Log in, or reset your password."))


@dataclass
class SignUp:
    email: str
    name: str
    password: str
    partner_code: str
    organisation_type: str
    organisation_name: str
    job_title: str = ""
    timezone: str = ""


def sign_up_trainee(data: SignUp) -> User:
    """A trainee signs up: a trainee of a partner, working in a member organisation."""
    email = normalise_email(data.email)
    _check_email_free(email)
    _check_password(data.password, email, data.name)
    partner = get_partner_by_code(data.partner_code)
    organisation = find_or_create_organisation(partner, data.organisation_name, data.organisation_type)
    timezone = data.timezone or partner.timezone
    if not is_known_timezone(timezone):
        raise ValidationError(_("Choose a valid time zone."))
    user = User(
        email=email,
        name=data.name.strip(),
        password_hash=hash_password(data.password),
        partner_id=partner.id,
        organisation_id=organisation.id,
        job_title=data.job_title.strip() or None,
        timezone=timezone,
        password_changed_at=utcnow(),
    )
    user.roles.append(UserRole(role=Role.TRAINEE.value))
    db.session.add(user)
    db.session.flush()
    return user


def create_user(
    actor,
    *,
    email: str,
    name: str,
    roles: list[Role],
    partner_code: str | None,
    password: str,
    organisation_name: str | None = None,
    organisation_type: str | None = None,
    timezone: str | None = None,
) -> User:
    """An admin, a coordinator or the CLI creates an account with the given roles."""
    partner = get_partner_by_code(partner_code) if partner_code else None
    require(actor, Cap.MANAGE_PEOPLE, partner.id if partner else None)
    _check_roles_grantable(actor, set(roles))
    if not roles:
        raise ValidationError(_("Give the account at least one role."))
    if partner is None and set(roles) - {Role.ADMIN, Role.CONSORTIUM_COORDINATOR}:
        raise ValidationError(_("Trainees, trainers and partner coordinators belong to a partner: give --partner."))
    email = normalise_email(email)
    if "@" not in email:
        raise ValidationError(_("%(email)s is not an e-mail address.", email=repr(email)))
    _check_email_free(email)
    _check_password(password, email, name)
    organisation = None
    if partner and organisation_name:
        organisation = find_or_create_organisation(partner, organisation_name, organisation_type or "cluster_team")
    zone = timezone or (partner.timezone if partner else "Europe/Brussels")
    user = User(
        email=email,
        name=name.strip(),
        password_hash=hash_password(password),
        partner_id=partner.id if partner else None,
        organisation_id=organisation.id if organisation else None,
        timezone=zone,
        password_changed_at=utcnow(),
    )
    user.roles.extend(UserRole(role=role.value) for role in sorted(set(roles), key=lambda r: r.value))
    db.session.add(user)
    db.session.flush()
    record(
        actor,
        "user.create",
        "user",
        user.id,
        partner_id=user.partner_id,
        subject_user_id=user.id,
        summary=f"Created {email} with roles {', '.join(sorted(r.value for r in roles))}",
    )
    return user


def _check_roles_grantable(actor, roles: set[Role]) -> None:
    allowed = grantable_roles(actor)
    refused = roles - allowed
    if refused:
        names = ", ".join(sorted(r.label for r in refused))
        raise PermissionDenied(_("You may not grant these roles: %(roles)s.", roles=names))


def set_roles(actor, user: User, roles: set[Role]) -> None:
    """Replace a user's roles; only roles the actor may grant can be added or removed."""
    require_person_in_scope(actor, user)
    current = user.role_set
    _check_roles_grantable(actor, current ^ roles)
    if not roles:
        raise ValidationError(_("An account needs at least one role."))
    if user.partner_id is None and roles - {Role.ADMIN, Role.CONSORTIUM_COORDINATOR}:
        raise ValidationError(_("This account has no partner: give it one before this role."))
    if getattr(actor, "id", None) == user.id and Role.ADMIN in current and Role.ADMIN not in roles:
        raise ValidationError(_("You cannot remove your own admin role."))
    user.roles[:] = [r for r in user.roles if Role(r.role) in roles]
    user.roles.extend(UserRole(role=role.value) for role in sorted(roles - current, key=lambda r: r.value))
    db.session.flush()
    record(
        actor,
        "user.roles",
        "user",
        user.id,
        partner_id=user.partner_id,
        subject_user_id=user.id,
        summary=f"Roles of {user.email}: {', '.join(sorted(r.value for r in roles))}",
        before=sorted(r.value for r in current),
        after=sorted(r.value for r in roles),
    )


def set_active(actor, user: User, active: bool) -> None:
    """Suspend or re-open an account (suspension logs it out everywhere)."""
    require_person_in_scope(actor, user)
    if getattr(actor, "id", None) == user.id:
        raise ValidationError(_("You cannot suspend your own account."))
    if not user.role_set <= grantable_roles(actor) | {Role.TRAINEE}:
        raise PermissionDenied(_("You may not suspend an account with these roles."))
    user.active = active
    if not active:
        end_all_login_sessions(user)
    record(
        actor,
        "user.activate" if active else "user.suspend",
        "user",
        user.id,
        partner_id=user.partner_id,
        subject_user_id=user.id,
        summary=f"{'Re-opened' if active else 'Suspended'} {user.email}",
    )


def log_in(email: str, password: str, address: str) -> User | None:
    """authenticate(), unless this account has failed too often from this address (TooManyAttempts), counting
    the failure or clearing the address's failures for the account (accounts.login_failures)."""
    email = normalise_email(email)
    login_failures.require_no_wait(email, address)
    user = authenticate(email, password)
    if user is None:
        login_failures.record_failure(email, address)
    else:
        login_failures.forget_failures(email, address)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user these credentials belong to, or None; as slow for unknown e-mails as for known."""
    user = find_user_by_email(email)
    if not verify_password(user.password_hash if user else None, password):
        return None
    if not user.is_active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


@dataclass
class ProfileChange:
    name: str
    timezone: str
    job_title: str = ""
    organisation_name: str = ""
    organisation_type: str = ""
    language: str = ""


def update_profile(actor, user: User, change: ProfileChange) -> None:
    """A user edits their own profile."""
    if getattr(actor, "id", None) != user.id:
        raise PermissionDenied()
    if not change.name.strip():
        raise ValidationError(_("Your name cannot be empty."))
    if not is_known_timezone(change.timezone):
        raise ValidationError(_("Choose a valid time zone."))
    rename(user, user, change.name.strip())
    user.timezone = change.timezone
    if change.language:
        choose_language(user, change.language)
    user.job_title = change.job_title.strip() or None
    if change.organisation_name and user.partner is not None:
        user.organisation_id = find_or_create_organisation(
            user.partner, change.organisation_name, change.organisation_type or "sme"
        ).id


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change a password; every other session of the user is logged out."""
    if not verify_password(user.password_hash, current_password):
        raise ValidationError(_("Your current password is not right."))
    _set_password(user, new_password)


def _set_password(user: User, new_password: str) -> None:
    _check_password(new_password, user.email, user.name)
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utcnow()
    end_all_login_sessions(user)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def make_reset_token(user: User) -> str:
    """A signed token that dies when it expires or when the password changes (single use)."""
    return _reset_serializer().dumps({"uid": user.id, "pw": user.password_hash[-16:]})


def request_password_reset(email: str) -> None:
    """E-mail the address a reset link, or word that no active account uses it.

    Either way the request writes one e-mail into the outbox and sends nothing itself, so neither
    its answer, nor its timing, nor its database statements tell whether an account exists.
    """
    address = normalise_email(email)
    user = find_user_by_email(address)
    if user is None or not user.is_active:
        # No account to read its language from: the language of the page the request was made on.
        queue_mail(address, _reset_subject(), _no_account_body(), user=user)
        return
    link = absolute_url("accounts.reset_password", token=make_reset_token(user))
    with in_language(language_of(user)):
        subject = _reset_subject()
        body = _(
            "Hello %(name)s,\n\nOpen this link within an hour to choose a new password:\n%(link)s\n\n"
            "If you did not ask for this, ignore this message.",
            name=user.name,
            link=link,
        )
    queue_mail(user.email, subject, body, user=user, secret_link=True)


def _reset_subject() -> str:
    return _("Reset your ECRI LMS password")


def _no_account_body() -> str:
    return _(
        "Hello,\n\nsomeone asked to reset the password of the ECRI LMS account that uses this address, "
        "but no active account uses it. If it was you, you may have registered with another address; "
        "otherwise ignore this message."
    )


def user_from_reset_token(token: str) -> User:
    """The user a reset link is for; refuses a link expired, tampered with, already used or of a suspended account."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise ValidationError(_("This reset link has expired. Ask for a new one.")) from None
    except BadSignature:
        raise ValidationError(_("This reset link is not valid. Ask for a new one.")) from None
    user = db.session.get(User, data.get("uid"))
    if user is None or user.password_hash[-16:] != data.get("pw") or not user.is_active:
        raise ValidationError(_("This reset link has already been used. Ask for a new one."))
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password through a reset link; the link then stops working (it is tied to the old password)."""
    user = user_from_reset_token(token)
    _set_password(user, new_password)
    return user


def people_visible_to(actor, *, search: str = "", partner_id: int | None = None, role: str = ""):
    """Accounts the actor may see, as a query (partner coordinators: their partner only), with their roles."""
    require(actor, Cap.MANAGE_PEOPLE)
    query = select(User).options(selectinload(User.roles)).order_by(User.name, User.id)
    scope = partner_scope(actor, Cap.MANAGE_PEOPLE)
    if scope is not None:
        query = query.where(User.partner_id.in_(scope))
    if partner_id is not None:
        query = query.where(User.partner_id == partner_id)
    if search:
        like = f"%{search.strip().lower()}%"
        query = query.where(or_(User.email.ilike(like), User.name.ilike(like)))
    if role:
        query = query.where(User.roles.any(UserRole.role == role))
    return query


def get_person_for(actor, user_id: int) -> User:
    """A user the actor may manage; someone out of scope is 'not found', not 'forbidden'."""
    user = get_user(user_id)
    require_person_in_scope(actor, user)
    return user
