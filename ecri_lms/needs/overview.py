"""What the needs page and the comparative report show, assembled from the survey and the self-assessments.

The heat map shows, for each partner and curriculum area, the **mean MWDS** of the area's topics
that had at least five answers from that partner: the higher the number, the greater the training
need (the weaker the partner there). The consortium column is the same measure over every
respondent of the survey pooled together.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..catalogue.models import CurriculumArea, Topic
from ..partners.models import Partner
from ..partners.services import all_partners
from .analysis import TopicNeed, area_means, round_half_up
from .charts import BarChart, horizontal_bars
from .models import Survey
from .queries import ScopedRating, rank, survey_ratings, topics_by_code
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


def heat_level(value: Decimal | None) -> int | None:
    if value is None:
        return None
    return next((level for level, bound in enumerate(HEAT_LEVELS) if value < bound), len(HEAT_LEVELS))


def _cell(value: Fraction | None) -> HeatCell:
    rounded = None if value is None else round_half_up(value, 2)
    return HeatCell(rounded, heat_level(rounded))


def survey_partners(survey: Survey) -> list[Partner]:
    return [survey.partner] if survey.partner else all_partners()


def _respondents(ratings: list[ScopedRating], partner_id: int | None) -> int:
    return len({r.rating.respondent for r in ratings if partner_id is None or r.partner_id == partner_id})


def scope_ranking(label: str, partner: Partner | None, survey: Survey, ratings: list[ScopedRating],
                  topics: dict[str, Topic], rank_all: bool = False) -> ScopeRanking:
    needs = rank(survey, ratings, partner.id if partner else None, rank_all)
    rows = [NeedRow(need, topics[need.topic]) for need in needs]
    chart = horizontal_bars([(need.topic, need.mwds, need.too_few) for need in needs])
    return ScopeRanking(label, partner, _respondents(ratings, partner.id if partner else None), rows, chart)


def heat_map(survey: Survey, ratings: list[ScopedRating], partners: list[Partner]) -> HeatMap:
    """Mean MWDS per partner and curriculum area, the consortium beside, and each partner's self-assessment."""
    area_of = {code: topic.area.code for code, topic in topics_by_code().items()}
    per_partner = [area_means(rank(survey, ratings, p.id), area_of) for p in partners]
    pooled = area_means(rank(survey, ratings), area_of)
    scores = self_assessments()
    rows = []
    for area in curriculum_areas():
        cells = [_cell(means.get(area.code)) for means in per_partner] + [_cell(pooled.get(area.code))]
        own = [scores[(p.id, area.code)].score if (p.id, area.code) in scores else None for p in partners]
        rows.append(HeatRow(area, cells, own))
    return HeatMap(partners, rows)


def needs_overview(survey: Survey, partner: Partner | None = None, organisation_type: str | None = None,
                   rank_all: bool = False) -> NeedsOverview:
    """The needs page: rankings of the consortium (if no partner is chosen) and of each partner, and the heat map."""
    ratings = survey_ratings(survey, organisation_type)
    topics = topics_by_code()
    partners = survey_partners(survey)
    shown = [partner] if partner else partners
    rankings = [scope_ranking(p.short_name, p, survey, ratings, topics, rank_all) for p in shown]
    if partner is None and survey.partner is None:
        rankings.insert(0, scope_ranking("Consortium", None, survey, ratings, topics, rank_all))
    return NeedsOverview(survey, shown, rankings, heat_map(survey, ratings, partners))
