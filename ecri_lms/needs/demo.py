"""Demo data for the needs area: the 2017 SME needs survey, the comparative analysis and approved plans.

The story the numbers tell (a plausible one, not the project's real results):
- BIOIBAL: young biotech SMEs on an island, far from continental markets and with few local
  investors, lack internationalisation (INTL) and financing (FIN); a small, tight community
  communicates well (COMM).
- HBIO: research-strong (FORTH) but, after the Greek crisis, capital is scarce and technology
  transfer is weak: financing (FIN) and intellectual property (IP) are the gaps; EU research
  projects are run well (PROJ).
- LSK: many CROs and diagnostics SMEs in Małopolska serving western pharma, hit by the new MDR and
  IVDR in 2017: regulatory pathways (REG) and market access (MKT) are the gaps; projects are a
  strength (PROJ).
- BIOPMED: a mature medtech base around Bioindustry Park, with family-owned SMEs selling mostly in
  Italy and a dispersed membership: internationalisation (INTL) and member communication (COMM) are
  the gaps; regulatory know-how is good (REG).
Ratings come from a generator with its own fixed seed, so the story holds whatever other demo steps
draw from the shared random generator.
"""

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

import yaml
from flask import current_app
from sqlalchemy import func, select

from ..catalogue.models import CurriculumArea, Topic
from ..infra.extensions import db
from ..infra.timeutil import utcnow
from ..scheduling.models import CourseRun, RunStatus
from .demo_translations import ITEMS, SURVEY_NAMES
from .models import SurveyStatus
from .services import assessment, imports, plans, surveys, translations

SURVEY_NAME = "ECRI SME needs survey 2017"
SEED = 2017
IMPORTED_PER_PARTNER = 30
ANSWERED_ONLINE_PER_PARTNER = 5
NO_ANSWER_RATE = 0.07
SPREAD = 0.8

BASE_IMPORTANCE, BASE_COMPETENCE = 3.3, 3.0
VALUE_CHAIN_IMPORTANCE = 3.8
# Per partner and topic: (change in mean importance, change in mean competence).
PROFILES = {
    "BIOIBAL": {"INTL": (1.0, -1.2), "FIN": (0.9, -1.0), "COMM": (0.0, 0.6)},
    "HBIO": {"FIN": (1.0, -1.1), "IP": (0.9, -1.2), "PROJ": (0.2, 0.5)},
    "LSK": {"REG": (1.1, -1.1), "MKT": (0.9, -1.0), "PROJ": (0.0, 0.5)},
    "BIOPMED": {"INTL": (0.9, -1.0), "COMM": (0.8, -1.1), "REG": (0.2, 0.6)},
}
# Who answers: mostly SMEs, as the survey's name says, and some of the clusters' other members.
RESPONDENT_MIX = ["sme"] * 7 + ["research", "cluster_team", "large_company"]
# Cluster teams care more about running the cluster; research bodies about IP and regulation.
ORG_TYPE_IMPORTANCE = {
    "cluster_team": {"GOV": 0.7, "STRAT": 0.6, "PERF": 0.6, "FIN": 0.4},
    "research": {"IP": 0.6, "REG": 0.4},
}

SELF_ASSESSMENT = {
    "BIOIBAL": {
        "structure": (3, "A young cluster (2010) with a clear biotech and biomedical focus."),
        "management_governance": (3, "Small team; governance rules written in 2016."),
        "financing": (2, "Depends on regional grants; few member fees."),
        "strategy_services": (3, "Services focused on networking and visibility."),
        "contacts_interaction": (2, "Few international partnerships so far."),
        "achievements_recognition": (2, "No external benchmarking yet."),
        "value_chain": (3, "Good links with IdISBa and the university."),
    },
    "HBIO": {
        "structure": (3, "Built on the PRAXI Network and FORTH."),
        "management_governance": (3, "Governance shared with the host organisation."),
        "financing": (2, "Project funding only; no stable income."),
        "strategy_services": (4, "Strong matchmaking and EU project services."),
        "contacts_interaction": (3, "Good European research links, fewer industrial ones."),
        "achievements_recognition": (3, "Recognised nationally in research."),
        "value_chain": (2, "Weak technology transfer from labs to companies."),
    },
    "LSK": {
        "structure": (4, "Mature cluster (2006) with a broad membership."),
        "management_governance": (4, "Professional management team."),
        "financing": (3, "Mix of fees, projects and public funding."),
        "strategy_services": (4, "Strategy updated for the National Key Cluster status."),
        "contacts_interaction": (4, "Active in international networks."),
        "achievements_recognition": (4, "National Key Cluster."),
        "value_chain": (2, "Members struggle with MDR/IVDR and reimbursement abroad."),
    },
    "BIOPMED": {
        "structure": (4, "Health cluster of Piedmont around Bioindustry Park."),
        "management_governance": (4, "Managed by Bioindustry Park Silvano Fumero."),
        "financing": (4, "Stable regional and membership funding."),
        "strategy_services": (3, "Service offer broad but not well known by members."),
        "contacts_interaction": (2, "Members mostly sell in Italy; communication is scattered."),
        "achievements_recognition": (3, "Regional recognition; international visibility low."),
        "value_chain": (4, "Good regulatory know-how among medtech members."),
    },
}


def ensure_topics() -> None:
    """Load areas and topics from topics.yaml when none are loaded.

    A minimal loader for the demo only: `flask content sync` (the catalogue's) is the real one.
    """
    if db.session.scalar(select(func.count()).select_from(Topic)):
        return
    data = yaml.safe_load((Path(current_app.config["CONTENT_DIR"]) / "topics.yaml").read_text(encoding="utf-8"))
    areas = {a["code"]: CurriculumArea(code=a["code"], name=a["name"], position=i) for i, a in enumerate(data["areas"])}
    db.session.add_all(areas.values())
    db.session.add_all(
        Topic(code=t["code"], name=t["name"], track=t["track"], area=areas[t["area"]], position=i)
        for i, t in enumerate(data["topics"])
    )
    db.session.flush()


def _draw(rng: random.Random, mean: float) -> int:
    return min(5, max(1, round(rng.gauss(mean, SPREAD))))


def _ratings(rng: random.Random, partner: str, org_type: str, topics: list[Topic]) -> dict[str, tuple[int, int]]:
    ratings = {}
    for topic in topics:
        if rng.random() < NO_ANSWER_RATE:
            continue
        importance = VALUE_CHAIN_IMPORTANCE if topic.track == "life_science_value_chain" else BASE_IMPORTANCE
        extra_importance, extra_competence = PROFILES[partner].get(topic.code, (0.0, 0.0))
        importance += extra_importance + ORG_TYPE_IMPORTANCE.get(org_type, {}).get(topic.code, 0.0)
        ratings[topic.code] = (_draw(rng, importance), _draw(rng, BASE_COMPETENCE + extra_competence))
    return ratings


def _wide_csv(rows: list[tuple[str, str, str, dict]], topics: list[Topic]) -> bytes:
    """The imported part of the survey as the wide CSV a partner would send (semicolons, as Excel writes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            "respondent_id",
            "partner",
            "organisation_type",
            *(f"{t.code}_{scale}" for t in topics for scale in ("importance", "competence")),
        ]
    )
    for respondent_id, partner, org_type, ratings in rows:
        cells = [str(value) for t in topics for value in ratings.get(t.code, ("", ""))]
        writer.writerow([respondent_id, partner, org_type, *cells])
    return buffer.getvalue().encode("utf-8")


def translate_survey(coordinator, survey) -> None:
    """The survey's name and items in Spanish, Greek, Polish and Italian: each cluster's members answer in theirs."""
    asked = set(survey.topic_codes)
    for language, name in SURVEY_NAMES.items():
        items = {code: text for code, text in ITEMS[language].items() if code in asked}
        translations.save_translation(coordinator, survey, language, name, items)


def load_survey(coordinator) -> None:
    """The consortium-wide survey: most answers imported from the partners' files, some answered online."""
    rng = random.Random(SEED)
    survey = surveys.create_survey(coordinator, name=SURVEY_NAME, status=SurveyStatus.OPEN)
    topics = survey.topics
    translate_survey(coordinator, survey)
    rows = []
    for partner in PROFILES:
        for number in range(1, IMPORTED_PER_PARTNER + 1):
            org_type = rng.choice(RESPONDENT_MIX)
            rows.append((f"{partner}-{number:03d}", partner, org_type, _ratings(rng, partner, org_type, topics)))
    imports.import_answers(coordinator, survey, _wide_csv(rows, topics))
    for partner in PROFILES:
        for _, token in surveys.create_links(
            coordinator, survey, partner_code=partner, organisation_type="sme", count=ANSWERED_ONLINE_PER_PARTNER
        ):
            surveys.submit_answers(token, _ratings(rng, partner, "sme", topics))
    surveys.create_links(coordinator, survey, partner_code="HBIO", organisation_type="sme", count=4)
    surveys.set_status(coordinator, survey, SurveyStatus.CLOSED)


def load_self_assessment(coordinator, partners: dict) -> None:
    """Each partner's self-assessment, for the curriculum areas the loaded curriculum has."""
    known_areas = set(db.session.scalars(select(CurriculumArea.code)))
    for code, scores in SELF_ASSESSMENT.items():
        assessment.save_self_assessment(
            coordinator, partners[code], {area: score for area, score in scores.items() if area in known_areas}
        )


def plan_period(today: date) -> tuple[date, date]:
    """Twelve months from the start of the month four months ago: the demo's runs, dated from today, fall inside."""
    months = today.year * 12 + today.month - 1 - 4
    start = date(months // 12, months % 12 + 1, 1)
    return start, date(start.year + 1, start.month, 1) - timedelta(days=1)


def _held_topics(partner) -> list[str]:
    """The main topics of the partner's runs already held: the plan counts on the training under way."""
    runs = db.session.scalars(
        select(CourseRun)
        .where(CourseRun.partner_id == partner.id, CourseRun.status == RunStatus.COMPLETED)
        .order_by(CourseRun.starts_at)
    )
    return list(dict.fromkeys(run.course.main_topic.code for run in runs if run.course.main_topic))


def load_plans(coordinator, partner_coordinators: dict, partners: dict) -> None:
    """One plan per partner for the current twelve months: its top three needs from the survey, and the
    needs its runs already held address; approved by the consortium coordinator."""
    survey = surveys.find_survey(SURVEY_NAME)
    start, end = plan_period(utcnow().date())
    for code, partner in partners.items():
        author = partner_coordinators.get(code, coordinator)
        plan = plans.create_plan(
            author,
            partner_code=code,
            title=f"{partner.short_name} training plan {start:%b %Y}–{end:%b %Y}",
            period_start=start,
            period_end=end,
            survey_id=survey.id,
        )
        items = plans.add_items_from_needs(
            author, plan, count=3, target_trainees=12, target_org_types=["sme", "research"]
        )
        present = {item.topic.code for item in items}
        for topic in _held_topics(partner):
            if topic not in present:
                plans.add_item(
                    author,
                    plan,
                    plans.ItemSpec(topic, 8, start, end, ["sme", "research"], note="Training already under way."),
                )
        plans.approve(coordinator, plan)


def load_needs(people: dict) -> None:
    """The needs area's demo data; needs the partners and people of the people step."""
    ensure_topics()
    coordinator = people["consortium_coordinator"]
    partners = {pc.partner.code: pc.partner for pc in people["partner_coordinators"].values()}
    load_survey(coordinator)
    load_self_assessment(coordinator, partners)
    load_plans(coordinator, people["partner_coordinators"], partners)
