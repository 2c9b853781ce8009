"""Who may issue, revoke and download certificates: coordinators within their partner scope."""

from ..accounts.permissions import Cap, can, has_capability, partner_scope
from ..infra.errors import NotFound, PermissionDenied
from ..infra.i18n import _


def can_manage_certificates(user, run) -> bool:
    return can(user, Cap.MANAGE_CERTIFICATES, run.partner_id)


def require_manage_certificates(user, run) -> None:
    """403 for people who never manage certificates; 404 for coordinators outside their scope."""
    if not has_capability(user, Cap.MANAGE_CERTIFICATES):
        raise PermissionDenied()
    if not can_manage_certificates(user, run):
        raise NotFound(_("No such run."))


def can_download(user, certificate) -> bool:
    """The trainee it was issued to, or a coordinator of the delivering partner."""
    return certificate.user_id == getattr(user, "id", None) or can_manage_certificates(user, certificate.run)


def managed_partner_ids(user) -> frozenset[int] | None:
    """Partners whose certificates the user manages (None: every partner)."""
    return partner_scope(user, Cap.MANAGE_CERTIFICATES)
