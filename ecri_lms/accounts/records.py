"""Correcting a person's record: their name, partner and organisation, as an administrator or their partner
coordinator finds them wrong. The figures that count people by partner or organisation (SMEs reached…)
read the record live, so they follow; every correction is audited with what it replaced."""

from dataclasses import dataclass

from sqlalchemy import select

from ..infra.errors import Conflict, ValidationError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from .audit.services import record
from .models import User
from .organisations import Partner
from .partners.services import find_or_create_organisation
from .permissions import Cap, partner_scope, require_person_in_scope

RENAME = "user.rename"  # the audit action of a name change
CORRECT = "user.correct"  # the audit action of a corrected record


def rename(actor, user: User, name: str) -> None:
    """A name change is recorded with the name it replaces, so that erasure can find the old name too."""
    if name != user.name:
        record(
            actor,
            RENAME,
            "user",
            user.id,
            partner_id=user.partner_id,
            subject_user_id=user.id,
            summary="Changed their name" if actor is user else "Corrected a person's name",
            previous_name=user.name,
        )
        user.name = name


@dataclass(frozen=True)
class RecordCorrection:
    name: str
    partner_id: int | None
    organisation_name: str = ""
    organisation_type: str = ""


def _record_of(user: User) -> dict:
    return {
        "name": user.name,
        "partner": user.partner.code if user.partner else None,
        "organisation": user.organisation.name if user.organisation else None,
        "organisation_type": user.organisation.type if user.organisation else None,
    }


def partners_for_record(actor) -> list[Partner]:
    """The partners the actor may put a person in."""
    scope = partner_scope(actor, Cap.MANAGE_PEOPLE)
    partners = db.session.scalars(select(Partner).order_by(Partner.name))
    return [partner for partner in partners if scope is None or partner.id in scope]


def _partner_for(actor, partner_id: int | None) -> Partner | None:
    """The partner the person moves to: one the actor manages people of (none: consortium-wide staff)."""
    scope = partner_scope(actor, Cap.MANAGE_PEOPLE)
    if partner_id is None:
        if scope is not None:
            raise ValidationError(_("Choose the person's partner."))
        return None
    partner = db.session.get(Partner, partner_id)
    if partner is None or (scope is not None and partner_id not in scope):
        raise ValidationError(_("Choose one of the partners offered."))
    return partner


def correct_record(actor, user: User, change: RecordCorrection) -> None:
    """Correct someone's name, partner or organisation; audited with the record before and after."""
    require_person_in_scope(actor, user)
    if user.anonymised_at is not None:
        raise Conflict(_("This account's personal data has been erased: there is nothing to correct."))
    name = " ".join(change.name.split())
    if not name:
        raise ValidationError(_("The name cannot be empty."))
    partner = _partner_for(actor, change.partner_id)
    if change.organisation_name.strip() and partner is None:
        raise ValidationError(_("An organisation is a member of a partner: choose the partner first."))
    before = _record_of(user)
    rename(actor, user, name)
    if partner is None or partner.id != user.partner_id:
        user.organisation = None  # an organisation belongs to one partner
    user.partner = partner
    if change.organisation_name.strip():
        user.organisation = find_or_create_organisation(
            partner, change.organisation_name, change.organisation_type or "sme"
        )
    after = _record_of(user)
    if after != before:
        record(
            actor,
            CORRECT,
            "user",
            user.id,
            partner_id=user.partner_id,
            subject_user_id=user.id,
            summary=f"Corrected the record of user {user.id}",
            before=before,
            after=after,
        )
