"""Roles and what they may do: the single source that views, services and templates all ask.

A capability says *what* a role may do; the partner scope says *where*. Partner coordinators and
trainers act within their own partner; the consortium coordinator and admins act everywhere.
"""

import enum
from dataclasses import dataclass, field

from ..infra.errors import NotFound, PermissionDenied
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.labels import Labelled, wording


class Role(Labelled, str, enum.Enum):
    TRAINEE = "trainee"
    TRAINER = "trainer"
    PARTNER_COORDINATOR = "partner_coordinator"
    CONSORTIUM_COORDINATOR = "consortium_coordinator"
    ADMIN = "admin"

    WORDING = wording(
        trainee=_l("Trainee"),
        trainer=_l("Trainer"),
        partner_coordinator=_l("Partner coordinator"),
        consortium_coordinator=_l("Consortium coordinator"),
        admin=_l("Administrator"),
    )


class Cap(str, enum.Enum):
    LEARN = "learn"  # enrol, register for runs, take quizzes, get certificates
    TEACH = "teach"  # schedule runs and sessions, upload materials, mark attendance, grade
    EDIT_CATALOGUE = "edit_catalogue"  # create and edit courses and question banks
    MANAGE_PEOPLE = "manage_people"  # see and manage accounts
    GRANT_STAFF_ROLES = "grant_staff_roles"  # make someone a trainee or trainer
    GRANT_ANY_ROLE = "grant_any_role"  # make someone a coordinator or admin
    MANAGE_PARTNERS = "manage_partners"
    MANAGE_VENUES = "manage_venues"
    MANAGE_REGISTRATIONS = "manage_registrations"
    MANAGE_CERTIFICATES = "manage_certificates"
    MANAGE_NEEDS = "manage_needs"
    VIEW_REPORTS = "view_reports"
    VIEW_AUDIT = "view_audit"
    ERASE_PERSONAL_DATA = "erase_personal_data"  # anonymise an account (GDPR right to erasure)
    MANAGE_OUTBOX = "manage_outbox"  # read every outgoing e-mail and send a failed one again


_COORDINATION = {
    Cap.TEACH,
    Cap.EDIT_CATALOGUE,
    Cap.MANAGE_PEOPLE,
    Cap.GRANT_STAFF_ROLES,
    Cap.MANAGE_VENUES,
    Cap.MANAGE_REGISTRATIONS,
    Cap.MANAGE_CERTIFICATES,
    Cap.MANAGE_NEEDS,
    Cap.VIEW_REPORTS,
    Cap.VIEW_AUDIT,
}

ROLE_CAPABILITIES: dict[Role, frozenset[Cap]] = {
    Role.TRAINEE: frozenset({Cap.LEARN}),
    Role.TRAINER: frozenset({Cap.TEACH, Cap.EDIT_CATALOGUE}),
    Role.PARTNER_COORDINATOR: frozenset(_COORDINATION),
    Role.CONSORTIUM_COORDINATOR: frozenset(_COORDINATION),
    Role.ADMIN: frozenset(
        {
            Cap.MANAGE_PEOPLE,
            Cap.GRANT_STAFF_ROLES,
            Cap.GRANT_ANY_ROLE,
            Cap.MANAGE_PARTNERS,
            Cap.MANAGE_VENUES,
            Cap.VIEW_AUDIT,
            Cap.VIEW_REPORTS,
            Cap.ERASE_PERSONAL_DATA,
            Cap.MANAGE_OUTBOX,
        }
    ),
}

# Roles whose capabilities reach every partner, not only the holder's own.
CONSORTIUM_WIDE_ROLES = frozenset({Role.CONSORTIUM_COORDINATOR, Role.ADMIN})

STAFF_ROLES = frozenset({Role.TRAINEE, Role.TRAINER})


@dataclass(frozen=True)
class SystemActor:
    """The acting 'user' of CLI commands and background jobs: allowed everything."""

    name: str = "system"
    id: None = None
    partner_id: None = None
    role_set: frozenset = field(default_factory=lambda: frozenset(Role))
    is_authenticated: bool = True
    is_system: bool = True


SYSTEM = SystemActor()


def roles_of(user) -> frozenset[Role]:
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(user.role_set)


def has_role(user, role: Role) -> bool:
    return role in roles_of(user)


def has_capability(user, cap: Cap) -> bool:
    """Whether any of the user's roles grants `cap`, somewhere."""
    return any(cap in ROLE_CAPABILITIES[role] for role in roles_of(user))


def partner_scope(user, cap: Cap) -> frozenset[int] | None:
    """Partner ids where the user may use `cap`: None means every partner."""
    roles = [role for role in roles_of(user) if cap in ROLE_CAPABILITIES[role]]
    if any(role in CONSORTIUM_WIDE_ROLES for role in roles):
        return None
    if roles and user.partner_id is not None:
        return frozenset({user.partner_id})
    return frozenset()


def can(user, cap: Cap, partner_id: int | None = None) -> bool:
    """Whether the user may use `cap` (on something of partner `partner_id`, if given)."""
    if not has_capability(user, cap):
        return False
    if partner_id is None:
        return True
    scope = partner_scope(user, cap)
    return scope is None or partner_id in scope


def can_any_partner(user, cap: Cap, partner_ids) -> bool:
    """Whether the user may use `cap` on something that belongs to any of these partners."""
    return any(can(user, cap, pid) for pid in partner_ids)


def require(user, cap: Cap, partner_id: int | None = None) -> None:
    """Raise PermissionDenied unless can(user, cap, partner_id)."""
    if not can(user, cap, partner_id):
        raise PermissionDenied()


def grantable_roles(user) -> frozenset[Role]:
    """Roles this user may give to others."""
    if has_capability(user, Cap.GRANT_ANY_ROLE):
        return frozenset(Role)
    if has_capability(user, Cap.GRANT_STAFF_ROLES):
        return STAFF_ROLES
    return frozenset()


def require_person_in_scope(actor, person) -> None:
    """The actor manages people of the person's partner; someone out of scope is 'not found', not 'forbidden'."""
    require(actor, Cap.MANAGE_PEOPLE)
    scope = partner_scope(actor, Cap.MANAGE_PEOPLE)
    if scope is not None and person.partner_id not in scope:
        raise NotFound(_("No such user."))
