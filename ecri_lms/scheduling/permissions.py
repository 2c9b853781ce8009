"""Who may manage a run: built on the capabilities of accounts.permissions, nothing else.

Trainers and coordinators manage the runs of the partners in their TEACH scope; a trainer also
manages any run they teach, whichever partner organises it.
"""

from sqlalchemy import false, or_, select, true

from ..accounts.permissions import Cap, can, has_capability, partner_scope
from ..infra.errors import NotFound, PermissionDenied
from ..infra.i18n import gettext as _
from .models import CourseRun, CourseRunTrainer


def is_trainer_of(user, run: CourseRun) -> bool:
    """Whether the user is one of the run's trainers."""
    user_id = getattr(user, "id", None)
    return user_id is not None and any(trainer.id == user_id for trainer in run.trainers)


def can_manage_run(user, run: CourseRun) -> bool:
    """Edit the run, its sessions and its registrations."""
    if not has_capability(user, Cap.TEACH):
        return False
    return can(user, Cap.TEACH, run.partner_id) or is_trainer_of(user, run)


def can_manage_registrations(user, run: CourseRun) -> bool:
    """Add, move and remove the run's trainees."""
    return can_manage_run(user, run) or can(user, Cap.MANAGE_REGISTRATIONS, run.partner_id)


def can_view_run(user, run: CourseRun) -> bool:
    """Drafts are seen only by those who manage them; other runs by every signed-in user."""
    return not run.is_draft or can_manage_run(user, run)


def require_manage_run(user, run: CourseRun) -> None:
    """403 for people who never manage runs; 404 for staff looking outside their scope."""
    if not has_capability(user, Cap.TEACH):
        raise PermissionDenied()
    if not can_manage_run(user, run):
        raise NotFound(_("No such run."))


def require_manage_registrations(user, run: CourseRun) -> None:
    if not (has_capability(user, Cap.TEACH) or has_capability(user, Cap.MANAGE_REGISTRATIONS)):
        raise PermissionDenied()
    if not can_manage_registrations(user, run):
        raise NotFound(_("No such run."))


def manageable_runs_clause(user):
    """A SQL condition selecting the runs this user manages."""
    if not has_capability(user, Cap.TEACH):
        return false()
    scope = partner_scope(user, Cap.TEACH)
    if scope is None:
        return true()
    taught = select(CourseRunTrainer.run_id).where(CourseRunTrainer.user_id == getattr(user, "id", None))
    return or_(CourseRun.partner_id.in_(scope), CourseRun.id.in_(taught))


def registrations_managed_clause(user):
    """A SQL condition selecting the runs whose registrations this user manages (can_manage_registrations)."""
    if not has_capability(user, Cap.MANAGE_REGISTRATIONS):
        return manageable_runs_clause(user)
    scope = partner_scope(user, Cap.MANAGE_REGISTRATIONS)
    in_scope = true() if scope is None else CourseRun.partner_id.in_(sorted(scope))
    return or_(manageable_runs_clause(user), in_scope)
