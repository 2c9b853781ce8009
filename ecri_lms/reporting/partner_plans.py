"""Needs coverage per partner, read through the needs area's coverage API (never recomputed here).

A partner's coverage is that of its training plan for the report's period: the approved plan whose
period overlaps the report's, the latest-starting one if several do.
"""

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.organisations import Partner
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..needs.coverage import DEFAULT_TOP_N, PlanCoverage, plan_coverage
from ..needs.errors import CoverageUnavailable
from ..needs.models import PlanVersion, TrainingPlan
from .filters import Selection

COVERAGE_LABEL = _l("Top needs met by the training plan")
COVERAGE_DEFINITION = _l(
    "Top needs whose plan item reached its target of trainees completed ÷ the partner's top needs (the "
    "%(num)d best-ranked topics of its plan's survey; a top need the plan leaves out is not met); the "
    "approved plan whose period overlaps the report's, each item counting the runs in its own target period; "
    "consortium: the partners' needs met ÷ their top needs, partners with a plan.",
    num=DEFAULT_TOP_N,
)


@dataclass(frozen=True)
class PartnerCoverage:
    partner: Partner
    plan: TrainingPlan | None
    coverage: PlanCoverage | None
    message: str  # why there is no figure, when there is none

    @property
    def share(self) -> Fraction | None:
        return self.coverage.share_of_top_needs_met if self.coverage else None

    @property
    def percent(self) -> float | None:
        share = self.share
        return None if share is None else _percent(share)


def _percent(share: Fraction) -> float:
    return round(float(share) * 100, 1)


def consortium_percent(coverage: list[PartnerCoverage]) -> float | None:
    """The partners' top needs met ÷ their top needs (partners whose plan's survey ranks needs), in percent."""
    measured = [c.coverage for c in coverage if c.coverage is not None and c.coverage.top_needs]
    top = sum(len(m.top_needs) for m in measured)
    return _percent(Fraction(sum(len(m.met_needs) for m in measured), top)) if top else None


def _plans_by_partner(selection: Selection, partners: list[Partner]) -> dict[int, TrainingPlan]:
    plans = db.session.scalars(
        select(TrainingPlan)
        .where(
            TrainingPlan.partner_id.in_([p.id for p in partners]),
            TrainingPlan.period_start <= selection.filters.end,
            TrainingPlan.period_end >= selection.filters.start,
        )
        .options(selectinload(TrainingPlan.versions).lazyload(PlanVersion.items))  # items: on a cache miss only
        .order_by(TrainingPlan.period_start, TrainingPlan.id)
    )
    chosen: dict[int, TrainingPlan] = {}
    for plan in plans:
        if plan.last_approved is not None:
            chosen[plan.partner_id] = plan
    return chosen


def _why_no_share(measured: PlanCoverage) -> str:
    if measured.share_of_top_needs_met is not None:
        return ""
    return _("The plan's survey ranks no needs yet.")


def coverage_by_partner(selection: Selection, partners: list[Partner]) -> list[PartnerCoverage]:
    """Each partner's coverage of its plan, or the reason it cannot be shown."""
    plans = _plans_by_partner(selection, partners)
    result = []
    for partner in partners:
        plan = plans.get(partner.id)
        if plan is None:
            result.append(PartnerCoverage(partner, None, None, _("No approved training plan for this period.")))
            continue
        try:
            measured = plan_coverage(plan)
            result.append(PartnerCoverage(partner, plan, measured, _why_no_share(measured)))
        except CoverageUnavailable as error:
            result.append(PartnerCoverage(partner, plan, None, error.message))
    return result
