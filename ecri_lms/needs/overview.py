"""What the needs page and the comparative report show, assembled from the survey and the self-assessments.

The heat map shows, for each partner and curriculum area, the **mean MWDS** of the area's topics
that had at least five answers from that partner: the higher the number, the greater the training
need (the weaker the partner there). The consortium column is the same measure over every
respondent of the survey pooled together.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..accounts.organisations import Partner
from ..accounts.partners.services import all_partners
from ..catalogue.models import CurriculumArea, Topic
from ..infra.charts import BarChart, horizontal_bars
from ..infra.i18n import gettext as _
from .analysis import RankChange, TopicNeed, area_means, compare_rankings, round_half_up
from .disclosure import shown_rank
from .models import Survey
from .queries import SurveyTotals, survey_totals, topics_by_code
from .services.assessment import curriculum_areas, self_assessments

# Upper bounds (exclusive) of the heat map's colour levels, in MWDS; above the last is the top level.
HEAT_LEVELS = (Decimal("0.5"), Decimal("1.5"), Decimal("2.5"), Decimal("3.5"))


@dataclass(frozen=True)
class NeedRow:
    need: TopicNeed
    topic: Topic


@dataclass(frozen=True)
class ScopeRanking:
    """One scope's ranked table and chart: the consortium, or one partner."""

    label: str
    partner: Partner | None
    respondents: int
    rows: list[NeedRow]
    chart: BarChart
    changes: dict[str, RankChange] | None = None  # by topic, when compared with an earlier survey


@dataclass(frozen=True)
class HeatCell:
    value: Decimal | None
    level: int | None


@dataclass(frozen=True)
class HeatRow:
    area: CurriculumArea
    cells: list[HeatCell]  # one per partner, then the consortium
    self_scores: list[int | None]  # one per partner


@dataclass(frozen=True)
class HeatMap:
    partners: list[Partner]
    rows: list[HeatRow]


@dataclass(frozen=True)
class NeedsOverview:
    survey: Survey
    partners: list[Partner]
    rankings: list[ScopeRanking]
    heat_map: HeatMap
    previous: Survey | None = None


def heat_level(value: Decimal | None) -> int | None:
    if value is None:
        return None
    return next((level for level, bound in enumerate(HEAT_LEVELS) if value < bound), len(HEAT_LEVELS))


def _cell(value: Fraction | None) -> HeatCell:
    rounded = None if value is None else round_half_up(value, 2)
    return HeatCell(rounded, heat_level(rounded))


def survey_partners(survey: Survey) -> list[Partner]:
    return [survey.partner] if survey.partner else all_partners()


@dataclass(frozen=True)
class Scope:
    """What every ranking of the page is computed from."""

    survey: Survey
    totals: SurveyTotals
    topics: dict[str, Topic]
    rank_all: bool = False
    previous: Survey | None = None
    previous_totals: SurveyTotals | None = None


def scope_ranking(label: str, partner: Partner | None, scope: Scope) -> ScopeRanking:
    partner_id = partner.id if partner else None
    needs = shown_rank(scope.survey, scope.totals, partner_id, scope.rank_all)
    rows = [NeedRow(need, scope.topics[need.topic]) for need in needs]
    chart = horizontal_bars([(need.topic, need.mwds, need.too_few) for need in needs])
    changes = None
    if scope.previous is not None:
        earlier = shown_rank(scope.previous, scope.previous_totals, partner_id, scope.rank_all)
        changes = {change.topic: change for change in compare_rankings(earlier, needs)}
    return ScopeRanking(label, partner, scope.totals.respondent_count(partner_id), rows, chart, changes)


def heat_map(
    survey: Survey, totals: SurveyTotals, partners: list[Partner], topics: dict[str, Topic] | None = None
) -> HeatMap:
    """Mean MWDS per partner and curriculum area, the consortium beside, and each partner's self-assessment."""
    area_of = {code: topic.area.code for code, topic in (topics or topics_by_code()).items()}
    per_partner = [area_means(shown_rank(survey, totals, p.id), area_of) for p in partners]
    pooled = area_means(shown_rank(survey, totals), area_of)
    scores = self_assessments()
    rows = []
    for area in curriculum_areas():
        cells = [_cell(means.get(area.code)) for means in per_partner] + [_cell(pooled.get(area.code))]
        own = [scores[(p.id, area.code)].score if (p.id, area.code) in scores else None for p in partners]
        rows.append(HeatRow(area, cells, own))
    return HeatMap(partners, rows)


def needs_overview(
    survey: Survey,
    partner: Partner | None = None,
    organisation_type: str | None = None,
    rank_all: bool = False,
    previous: Survey | None = None,
) -> NeedsOverview:
    """The needs page: rankings of the consortium (if no partner is chosen) and of each partner, the heat map,
    and, when asked, the comparison with an earlier survey."""
    totals = survey_totals(survey, organisation_type)
    partners = survey_partners(survey)
    shown = [partner] if partner else partners
    scope = Scope(
        survey,
        totals,
        topics_by_code(),
        rank_all,
        previous,
        survey_totals(previous, organisation_type) if previous else None,
    )
    rankings = [scope_ranking(p.short_name, p, scope) for p in shown]
    if partner is None and survey.partner is None:
        rankings.insert(0, scope_ranking(_("Consortium"), None, scope))
    return NeedsOverview(survey, shown, rankings, heat_map(survey, totals, partners, scope.topics), previous)
