"""Test data of the needs area that other suites use too: survey answers small enough to rank by
hand, an approved plan built from them, and coverage providers answering with fixed facts."""

from datetime import date

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.extensions import db
from ecri_lms.needs import coverage
from ecri_lms.needs.completion_facts import CompletionFact
from ecri_lms.needs.runs import RunFact
from ecri_lms.needs.services import imports, plans

# Five respondents rate FIN and GOV; six rate REG; four rate IP; respondent 6 gives FIN importance only.
HAND_DATA = {
    #        importance         competence
    "FIN": ([5, 4, 5, 3, 4], [2, 3, 1, 3, 2]),
    "GOV": ([3, 3, 4, 2, 3], [3, 2, 2, 2, 1]),
    "REG": ([5, 4, 4, 3, 5, 4], [2, 2, 3, 3, 4, 1]),
    "IP": ([5, 5, 5, 5], [1, 1, 1, 1]),
}
LONG_HEADER = "respondent_id,partner,organisation_type,topic,importance,competence"


def long_csv() -> str:
    """HAND_DATA as a survey file of the long shape (one line per respondent and topic), all from HBIO SMEs."""
    lines = [LONG_HEADER]
    for topic, (importances, competences) in HAND_DATA.items():
        for index, (i, c) in enumerate(zip(importances, competences, strict=True)):
            lines.append(f"R{index + 1},HBIO,sme,{topic},{i},{c}")
    return "\n".join(lines) + "\n"


def approved_plan(make):
    """HBIO's approved 2027 plan of the two top needs of a survey of HAND_DATA, and a FIN course."""
    survey = make.survey()
    imports.import_answers(SYSTEM, survey, long_csv().encode())
    course = make.tagged_course("FIN01", "FIN")
    plan = plans.create_plan(
        SYSTEM,
        partner_code="HBIO",
        title="HBIO plan 2027",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        survey_id=survey.id,
    )
    plans.add_items_from_needs(SYSTEM, plan, count=2, target_trainees=2, target_org_types=["sme"])
    plans.approve(SYSTEM, plan)
    db.session.commit()
    return plan, course


def provide_fake_coverage(monkeypatch, plan, course, calls):
    """Coverage reading that the course ran once in March 2027 for the plan's partner, completed by two
    SMEs; each question for runs is appended to `calls`."""
    hbio = plan.partner_id

    def runs(partner_id, course_ids, start, end):
        calls.append((partner_id, frozenset(course_ids), start, end))
        return [RunFact(1, course.id, hbio, date(2027, 3, 1), held=True)] if partner_id == hbio else []

    def completions(run_ids):
        return [CompletionFact(1, 500, "sme"), CompletionFact(1, 501, "sme")] if 1 in run_ids else []

    monkeypatch.setattr(coverage, "run_facts", runs)
    monkeypatch.setattr(coverage, "completion_facts", completions)
