"""Who may approve a training plan's draft: four eyes, never the author's own two.

A draft is approved by someone who holds one of the roles named by PLAN_APPROVER_ROLES (by default
the consortium coordinator, who approves the partners' plans), acts for the plan's partner, and is
not the version's author. A revision identical to the version it was started from is not approved:
there would be nothing to approve. The page offers the button only when `approval_refusal` is None.
"""

from flask import current_app

from ...accounts.permissions import Cap, Role, can, roles_of
from ...infra.i18n import gettext as _
from ..models import EMPTY_PLAN, TrainingPlan
from ..plan_diff import diff_versions


def approver_roles() -> frozenset[Role]:
    """The roles configured to approve training plans."""
    return frozenset(Role(value) for value in current_app.config["PLAN_APPROVER_ROLES"])


def approver_description() -> str:
    """Who approves, in words, for refusals and the plan page."""
    names = sorted(role.label.lower() for role in approver_roles())
    if len(names) == 1:
        return names[0]
    return _("%(roles)s or %(last)s", roles=", ".join(names[:-1]), last=names[-1])


def state_refusal(plan: TrainingPlan) -> str | None:
    """Why the plan has no draft ready to approve, whoever asks (None when it has one)."""
    version = plan.draft
    if version is None:
        return _("Every version of this plan is approved: start a revision to change it.")
    if not version.items:
        return _(EMPTY_PLAN)
    if version.based_on is not None and diff_versions(version.based_on, version).is_empty:
        return _(
            "Version %(number)d is the same as version %(previous)d: change it first.",
            number=version.number,
            previous=version.based_on.number,
        )
    return None


def approver_refusal(actor, plan: TrainingPlan) -> str | None:
    """Why the actor may not approve the plan's draft (None when they may): not an approver, or its author."""
    version = plan.draft
    if not (roles_of(actor) & approver_roles()) or not can(actor, Cap.MANAGE_NEEDS, plan.partner_id):
        return _(
            "Version %(number)d awaits approval by the %(approvers)s.",
            number=version.number,
            approvers=approver_description(),
        )
    if actor.id is not None and actor.id == version.created_by_id:
        return _(
            "You drafted version %(number)d: another %(approvers)s approves it.",
            number=version.number,
            approvers=approver_description(),
        )
    return None


def approval_refusal(actor, plan: TrainingPlan) -> str | None:
    """Why the actor may not approve the plan's draft now, or None when they may."""
    return state_refusal(plan) or approver_refusal(actor, plan)
