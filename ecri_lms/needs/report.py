"""The comparative analysis report's content, as plain data: what `pdf.render_comparative_report` prints."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..accounts.organisations import Partner
from .analysis import Finding, TopicNeed, area_means, round_half_up, strengths_and_weaknesses, top_topics
from .disclosure import shown_rank
from .models import Survey
from .overview import survey_partners
from .queries import courses_by_topic, survey_totals, topics_by_code
from .services.assessment import curriculum_areas, self_assessments

TOP_NEEDS = 5
SUGGESTED_TOPICS = 3


@dataclass(frozen=True)
class TopNeed:
    topic: str
    topic_name: str
    need: TopicNeed


@dataclass(frozen=True)
class Suggestion:
    topic: str
    topic_name: str
    courses: list[str]  # "CODE – Title"


@dataclass(frozen=True)
class PartnerReport:
    name: str
    short_name: str
    region: str
    country: str
    respondents: int
    ranked: list[TopNeed]  # every ranked topic, best first
    area_need: dict[str, Decimal]  # area code → mean MWDS (areas without enough answers left out)
    self_scores: dict[str, tuple[int, str]]  # area code → (score, note)
    strengths: list[tuple[str, str]]  # (area name, reason)
    weaknesses: list[tuple[str, str]]
    suggestions: list[Suggestion]

    @property
    def top_needs(self) -> list[TopNeed]:
        return self.ranked[:TOP_NEEDS]


@dataclass(frozen=True)
class ComparativeReport:
    survey_name: str
    generated_on: date
    areas: list[tuple[str, str]]  # (code, name)
    partners: list[PartnerReport]
    consortium_area_need: dict[str, Decimal]
    respondents: int


def _named(findings: list[Finding], area_names: dict[str, str]) -> list[tuple[str, str]]:
    return [(area_names[f.area], f.reason) for f in findings]


def _partner_report(partner: Partner, survey: Survey, totals, area_of, area_names, scores) -> PartnerReport:
    topics = topics_by_code()
    needs = shown_rank(survey, totals, partner.id)
    ranked = [TopNeed(n.topic, topics[n.topic].name, n) for n in top_topics(needs, len(needs))]
    means = area_means(needs, area_of)
    own = {code: scores[(partner.id, code)] for code in area_names if (partner.id, code) in scores}
    strengths, weaknesses = strengths_and_weaknesses(means, {code: s.score for code, s in own.items()})
    suggested = ranked[:SUGGESTED_TOPICS]
    courses = courses_by_topic([topics[t.topic].id for t in suggested])
    return PartnerReport(
        name=partner.name,
        short_name=partner.short_name,
        region=partner.region,
        country=partner.country,
        respondents=totals.respondent_count(partner.id),
        ranked=ranked,
        area_need={code: round_half_up(value, 2) for code, value in means.items()},
        self_scores={code: (s.score, s.note) for code, s in own.items()},
        strengths=_named(strengths, area_names),
        weaknesses=_named(weaknesses, area_names),
        suggestions=[
            Suggestion(t.topic, t.topic_name, [f"{c.code} – {c.title}" for c in courses[topics[t.topic].id]])
            for t in suggested
        ],
    )


def comparative_report(survey: Survey, today: date) -> ComparativeReport:
    """The partners compared area by area from the survey and the self-assessments."""
    totals = survey_totals(survey)
    areas = curriculum_areas()
    area_names = {area.code: area.name for area in areas}
    area_of = {code: topic.area.code for code, topic in topics_by_code().items()}
    scores = self_assessments()
    partners = [_partner_report(p, survey, totals, area_of, area_names, scores) for p in survey_partners(survey)]
    pooled = area_means(shown_rank(survey, totals), area_of)
    return ComparativeReport(
        survey_name=survey.name,
        generated_on=today,
        areas=[(a.code, a.name) for a in areas],
        partners=partners,
        consortium_area_need={code: round_half_up(value, 2) for code, value in pooled.items()},
        respondents=totals.respondent_count(),
    )
