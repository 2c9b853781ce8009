"""The comparative analysis: each partner's cluster-management self-assessment per curriculum area."""

from collections.abc import Mapping

from sqlalchemy import delete, select

from ...accounts.audit.services import record
from ...accounts.organisations import Partner
from ...accounts.permissions import Cap, require
from ...catalogue.models import CurriculumArea
from ...infra.errors import ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ..files import MAX_NOTE_LENGTH
from ..models import SelfAssessment


def curriculum_areas() -> list[CurriculumArea]:
    """The curriculum areas partners score themselves in, in their set order."""
    return list(db.session.scalars(select(CurriculumArea).order_by(CurriculumArea.position, CurriculumArea.code)))


def self_assessments() -> dict[tuple[int, str], SelfAssessment]:
    """Every score, keyed by (partner id, area code)."""
    return {(s.partner_id, s.area.code): s for s in db.session.scalars(select(SelfAssessment))}


def save_self_assessment(actor, partner: Partner, entries: Mapping[str, tuple[int | None, str]]) -> None:
    """Set a partner's scores (area code → score 1–5 and note); a missing score clears that area."""
    require(actor, Cap.MANAGE_NEEDS, partner.id)
    areas = {area.code: area for area in curriculum_areas()}
    current = {
        s.area_id: s for s in db.session.scalars(select(SelfAssessment).where(SelfAssessment.partner_id == partner.id))
    }
    for code, (score, note) in entries.items():
        if code not in areas:
            raise ValidationError(_("Unknown curriculum area '%(code)s'.", code=code))
        if score is not None and score not in range(1, 6):
            raise ValidationError(_("Scores go from 1 to 5."))
        if len(note) > MAX_NOTE_LENGTH:
            raise ValidationError(_("Keep each note under %(num)d characters.", num=MAX_NOTE_LENGTH))
        area_id = areas[code].id
        if score is None:
            db.session.execute(
                delete(SelfAssessment).where(SelfAssessment.partner_id == partner.id, SelfAssessment.area_id == area_id)
            )
            continue
        entry = current.get(area_id) or SelfAssessment(partner_id=partner.id, area_id=area_id)
        entry.score, entry.note, entry.updated_by_id = score, note.strip(), getattr(actor, "id", None)
        db.session.add(entry)
    db.session.flush()
    record(
        actor,
        "needs.self_assessment.save",
        "partner",
        partner.id,
        partner_id=partner.id,
        summary=f"Saved the self-assessment of {partner.code}",
    )
