"""`flask demo load` fills the needs area with a survey whose regions tell different stories."""

import subprocess

import pytest
from sqlalchemy import func, select

from ecri_lms.accounts.organisations import Partner
from ecri_lms.accounts.partners.services import all_partners
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs import coverage, queries
from ecri_lms.needs.demo import SURVEY_NAME
from ecri_lms.needs.models import Respondent, SelfAssessment, TrainingPlan
from ecri_lms.needs.pdf import render_comparative_report
from ecri_lms.needs.report import comparative_report
from ecri_lms.needs.services.surveys import find_survey
from tests.needs.test_pdf import needs_qpdf, pdf_text

# The two gaps the demo's story gives each region (see ecri_lms/needs/demo.py).
STORY = {"BIOIBAL": {"INTL", "FIN"}, "HBIO": {"FIN", "IP"}, "LSK": {"REG", "MKT"}, "BIOPMED": {"INTL", "COMM"}}


@pytest.fixture
def demo(demo_consortium):
    assert demo_consortium.exit_code == 0, demo_consortium.output
    return find_survey(SURVEY_NAME)


def test_the_demo_survey_has_120_respondents_whose_regions_differ(demo):
    answered = db.session.execute(
        select(Respondent.partner_id, func.count())
        .where(Respondent.survey_id == demo.id, Respondent.answered_at.is_not(None))
        .group_by(Respondent.partner_id)
    ).all()
    assert sum(n for _, n in answered) >= 120 and len(answered) == 4
    assert demo.partner_id is None and demo.status == "closed"
    for partner in all_partners():
        top_two = [need.topic for need in queries.ranking(demo, partner.id)[:2]]
        assert set(top_two) == STORY[partner.code], partner.code


def test_the_demo_has_a_comparative_analysis_and_an_approved_plan_per_partner(demo):
    assert db.session.scalar(select(func.count()).select_from(SelfAssessment)) == 4 * 7
    plans = db.session.scalars(select(TrainingPlan)).all()
    assert sorted(p.partner.code for p in plans) == sorted(STORY)
    for plan in plans:
        assert plan.latest.is_approved and len(plan.latest.items) >= 3
        assert {item.topic.code for item in plan.latest.items[:2]} == STORY[plan.partner.code]


def test_the_demo_plans_are_partly_covered_by_the_demo_runs(demo):
    for plan in db.session.scalars(select(TrainingPlan)):
        items = coverage.plan_coverage(plan).items
        assert any(item.runs_held for item in items), plan.title
        assert any(not item.runs_scheduled for item in items), plan.title
    bioibal = db.session.scalar(select(TrainingPlan).join(Partner).where(Partner.code == "BIOIBAL"))
    intl = next(item for item in coverage.plan_coverage(bioibal).items if item.topic == "INTL")
    assert (intl.runs_scheduled, intl.runs_held) == (1, 0)


def test_the_demo_report_names_every_partner_and_its_top_topic(demo):
    report = comparative_report(demo, utcnow().date())
    text = pdf_text(render_comparative_report(report))
    for partner in report.partners:
        assert partner.name in text
        assert f"Top training need: {partner.ranked[0].topic} – {partner.ranked[0].topic_name}" in text


@needs_qpdf
def test_the_demo_report_passes_qpdf(demo, runner, tmp_path):
    path = tmp_path / "demo-report.pdf"
    result = runner.invoke(args=["needs", "pdf", "--survey", SURVEY_NAME, "--out", str(path)])
    assert result.exit_code == 0, result.output
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
