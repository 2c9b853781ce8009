"""Needs use cases against the database: surveys, links, imports, self-assessment, plans."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs import queries
from ecri_lms.needs.errors import AlreadyAnswered, ImportRefused
from ecri_lms.needs.models import Answer, PlanItem, Respondent, SelfAssessment, SurveyStatus
from ecri_lms.needs.services import assessment, imports, plans, surveys
from tests.needs.test_files import LONG_HEADER, long_csv, wide_csv


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def answers_of(survey, partner="HBIO", external_id="R1") -> dict:
    respondent = db.session.scalar(
        select(Respondent).where(
            Respondent.survey_id == survey.id,
            Respondent.external_id == external_id,
            Respondent.partner.has(code=partner),
        )
    )
    return {a.topic.code: (a.importance, a.competence) for a in respondent.answers}


# --- Surveys and respondent links ---


def test_a_coordinator_creates_a_survey_over_all_topics_by_default(make):
    make.curriculum_topics()
    survey = surveys.create_survey(make.consortium_coordinator(), name="  Needs   2027 ")
    assert survey.name == "Needs 2027" and survey.status == "draft" and survey.partner_id is None
    assert len(survey.topic_codes) == 13


def test_survey_names_are_unique(make):
    make.survey(name="Needs 2027")
    with pytest.raises(Conflict, match="already exists"):
        surveys.create_survey(make.consortium_coordinator(), name="Needs 2027")


def test_a_partner_coordinator_creates_surveys_for_their_own_partner_only(make):
    make.curriculum_topics()
    coordinator = make.partner_coordinator("LSK")
    survey = surveys.create_survey(coordinator, name="LSK needs", partner_code="LSK", topic_codes=["REG", "MKT"])
    assert survey.partner.code == "LSK" and survey.topic_codes == ["REG", "MKT"]
    with pytest.raises(PermissionDenied, match="consortium-wide"):
        surveys.create_survey(coordinator, name="Everyone")
    with pytest.raises(NotFound):
        surveys.create_survey(coordinator, name="HBIO needs", partner_code="HBIO")


def test_a_survey_cannot_be_created_before_topics_are_loaded(make):
    with pytest.raises(ValidationError, match="content sync"):
        surveys.create_survey(make.consortium_coordinator(), name="Too early")


def test_status_follows_draft_open_closed_and_may_reopen(make):
    survey = make.survey(status="draft")
    coordinator = make.consortium_coordinator()
    with pytest.raises(Conflict):
        surveys.set_status(coordinator, survey, SurveyStatus.CLOSED)
    for status in (SurveyStatus.OPEN, SurveyStatus.CLOSED, SurveyStatus.OPEN):
        surveys.set_status(coordinator, survey, status)
    assert survey.status == "open"
    with pytest.raises(PermissionDenied):
        surveys.set_status(make.partner_coordinator("HBIO"), survey, SurveyStatus.CLOSED)


def test_links_carry_at_least_128_random_bits_and_only_their_hash_is_stored(make):
    survey = make.survey()
    batch = surveys.create_links(
        make.consortium_coordinator(), survey, partner_code="LSK", organisation_type="sme", count=3
    )
    tokens = [token for _, token in batch]
    assert len(set(tokens)) == 3
    assert all(len(token) * 6 >= 128 for token in tokens)  # URL-safe base64: 6 bits per character
    stored = db.session.scalars(select(Respondent.token_hash)).all()
    assert not set(tokens) & set(stored) and len(stored) == 3
    assert {r.partner.code for r, _ in batch} == {"LSK"}


def test_a_link_answers_once_and_the_second_time_is_refused_clearly(make):
    survey = make.survey(topics=("FIN", "IP"))
    ((_, token),) = surveys.create_links(
        make.consortium_coordinator(), survey, partner_code="HBIO", organisation_type="research", count=1
    )
    db.session.commit()
    respondent = surveys.submit_answers(token, {"FIN": (5, 2), "IP": (None, None)})
    db.session.commit()
    assert respondent.answered_at is not None
    assert {a.topic.code: (a.importance, a.competence) for a in respondent.answers} == {"FIN": (5, 2)}
    with pytest.raises(AlreadyAnswered, match="already been used"):
        surveys.submit_answers(token, {"FIN": (1, 1)})
    db.session.rollback()
    assert count(Answer) == 1


def test_answers_are_refused_unless_the_survey_is_open(make):
    survey = make.survey(status="draft")
    ((_, token),) = surveys.create_links(
        make.consortium_coordinator(), survey, partner_code="HBIO", organisation_type="sme", count=1
    )
    with pytest.raises(Conflict, match="not open"):
        surveys.submit_answers(token, {"FIN": (5, 2)})


def test_an_unknown_link_and_a_topic_outside_the_survey_are_refused(make):
    survey = make.survey(topics=("FIN",))
    ((_, token),) = surveys.create_links(
        make.consortium_coordinator(), survey, partner_code="HBIO", organisation_type="sme", count=1
    )
    with pytest.raises(NotFound):
        surveys.submit_answers("not-a-token", {})
    with pytest.raises(ValidationError, match="not part of this survey"):
        surveys.submit_answers(token, {"GOV": (3, 3)})


def test_a_partner_coordinator_makes_links_for_their_partner_only(make):
    survey = make.survey()
    with pytest.raises(NotFound):
        surveys.create_links(
            make.partner_coordinator("HBIO"), survey, partner_code="LSK", organisation_type="sme", count=1
        )
    lsk_survey = make.survey(name="LSK only", partner="LSK")
    with pytest.raises(ValidationError, match="LifeScience Kraków only"):
        surveys.create_links(
            make.consortium_coordinator(), lsk_survey, partner_code="HBIO", organisation_type="sme", count=1
        )


# --- Imports ---


def test_import_is_all_or_nothing_with_every_bad_line_listed(make):
    survey = make.survey()
    bad = long_csv() + "R9,NOWHERE,sme,FIN,4,2\nR9,HBIO,sme,MADEUP,4,2\n"
    with pytest.raises(ImportRefused) as refused:
        imports.import_answers(make.consortium_coordinator(), survey, bad.encode())
    assert [str(e) for e in refused.value.errors] == [
        "line 22: unknown partner code 'NOWHERE'",
        "line 23: unknown topic code 'MADEUP'",
    ]
    assert "Nothing was changed" in refused.value.message
    assert count(Respondent) == 0 and count(Answer) == 0  # refused before writing, not rolled back after


def test_imported_answers_give_the_hand_computed_ranking(make):
    survey = make.survey()
    result = imports.import_answers(make.consortium_coordinator(), survey, wide_csv().encode())
    assert (result.added, result.replaced, result.answers) == (6, 0, 20)
    needs = queries.ranking(survey, make.partner("HBIO").id)
    assert [(n.topic, n.mwds, n.rank) for n in needs[:4]] == [
        ("FIN", Decimal("8.4000"), 1),
        ("REG", Decimal("6.9444"), 2),
        ("GOV", Decimal("3.0000"), 3),
        ("IP", Decimal("20.0000"), None),
    ]


def test_reimporting_the_same_respondents_replaces_their_answers(make):
    survey = make.survey()
    coordinator = make.consortium_coordinator()
    imports.import_answers(coordinator, survey, f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,2\nR1,HBIO,sme,GOV,3,3\n".encode())
    db.session.commit()
    result = imports.import_answers(coordinator, survey, f"{LONG_HEADER}\nR1,HBIO,research,FIN,5,1\n".encode())
    db.session.commit()
    assert (result.added, result.replaced) == (0, 1)
    assert count(Respondent) == 1 and answers_of(survey) == {"FIN": (5, 1)}
    assert db.session.scalar(select(Respondent.organisation_type)) == "research"


def test_the_same_respondent_id_of_another_partner_is_another_respondent(make):
    survey = make.survey()
    coordinator = make.consortium_coordinator()
    imports.import_answers(coordinator, survey, f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,2\n".encode())
    imports.import_answers(coordinator, survey, f"{LONG_HEADER}\nR1,LSK,sme,FIN,2,2\n".encode())
    assert count(Respondent) == 2
    assert answers_of(survey, "HBIO") == {"FIN": (4, 2)} and answers_of(survey, "LSK") == {"FIN": (2, 2)}


def test_a_partner_coordinator_importing_another_partners_rows_gets_line_errors(make):
    survey = make.survey()
    text = f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,2\nR2,LSK,sme,FIN,4,2\n"
    with pytest.raises(ImportRefused) as refused:
        imports.import_answers(make.partner_coordinator("HBIO"), survey, text.encode())
    assert [str(e) for e in refused.value.errors] == [
        "line 3: partner LSK is outside your scope (you may import for HBIO only)"
    ]


def test_an_xlsx_file_imports_like_a_csv(make):
    survey = make.survey()
    workbook = Workbook()
    workbook.active.append(["respondent_id", "partner", "organisation_type", "topic", "importance", "competence"])
    workbook.active.append(["R1", "BIOPMED", "sme", "INTL", 5, 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    imports.import_answers(make.consortium_coordinator(), survey, buffer.getvalue())
    assert answers_of(survey, "BIOPMED") == {"INTL": (5, 1)}


def test_a_closed_survey_refuses_imports(make):
    survey = make.survey(status="closed")
    with pytest.raises(Conflict, match="closed"):
        imports.import_answers(make.consortium_coordinator(), survey, long_csv().encode())


def test_the_command_line_import_creates_an_open_consortium_wide_survey(make):
    make.curriculum_topics()
    make.partners()
    survey, result = imports.import_answers_by_name(SYSTEM, "Imported 2017", long_csv().encode())
    assert survey.partner_id is None and survey.status == "open" and result.added == 6


def test_self_assessment_import_replaces_scores_and_refuses_bad_files_whole(make):
    make.curriculum_topics()
    coordinator = make.consortium_coordinator()
    assert imports.import_self_assessment(coordinator, b"partner,area,score,note\nLSK,value_chain,2,MDR\n") == 1
    imports.import_self_assessment(
        coordinator, b"partner,area,score,note\nLSK,value_chain,3,Better\nHBIO,financing,2,\n"
    )
    db.session.commit()
    with pytest.raises(ImportRefused):
        imports.import_self_assessment(coordinator, b"partner,area,score\nLSK,financing,4\nLSK,nowhere,4\n")
    db.session.rollback()
    scores = {(s.partner.code, s.area.code): (s.score, s.note) for s in db.session.scalars(select(SelfAssessment))}
    assert scores == {("LSK", "value_chain"): (3, "Better"), ("HBIO", "financing"): (2, "")}


def test_self_assessment_is_saved_for_the_coordinators_partner_and_cleared_per_area(make):
    make.curriculum_topics()
    coordinator = make.partner_coordinator("HBIO")
    hbio = make.partner("HBIO")
    assessment.save_self_assessment(coordinator, hbio, {"financing": (2, " Grants only "), "value_chain": (3, "")})
    assessment.save_self_assessment(coordinator, hbio, {"value_chain": (None, "")})
    assert {code: (s.score, s.note) for (_, code), s in assessment.self_assessments().items()} == {
        "financing": (2, "Grants only")
    }
    with pytest.raises(PermissionDenied):
        assessment.save_self_assessment(coordinator, make.partner("LSK"), {"financing": (4, "")})


# --- Training plans ---


@pytest.fixture
def ranked_survey(make):
    """HBIO respondents whose top needs are FIN, then REG, then GOV (the hand data set)."""
    survey = make.survey()
    imports.import_answers(SYSTEM, survey, long_csv().encode())
    db.session.commit()
    return survey


def new_plan(actor, survey=None, partner="HBIO"):
    return plans.create_plan(
        actor,
        partner_code=partner,
        title="HBIO plan 2027",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        survey_id=survey.id if survey else None,
    )


def test_a_plan_is_built_from_the_top_ranked_needs_with_the_tagged_courses(make, ranked_survey):
    fin_course = make.tagged_course("FIN01", "FIN")
    make.tagged_course("OLD", "FIN", archived=True)
    coordinator = make.partner_coordinator("HBIO")
    plan = new_plan(coordinator, ranked_survey)
    items = plans.add_items_from_needs(coordinator, plan, count=2, target_trainees=12, target_org_types=["sme"])
    assert [(i.topic.code, i.need_rank, i.need_mwds) for i in items] == [
        ("FIN", 1, Decimal("8.4000")),
        ("REG", 2, Decimal("6.9444")),
    ]
    assert items[0].courses == [fin_course] and items[1].courses == []
    assert (items[0].target_start, items[0].target_end) == (date(2027, 1, 1), date(2027, 12, 31))
    more = plans.add_items_from_needs(coordinator, plan, count=5, target_trainees=5, target_org_types=["sme"])
    assert [i.topic.code for i in more] == ["GOV"]  # IP has too few answers to be a ranked need


def test_approval_freezes_the_version_and_a_revision_starts_a_new_draft(make, ranked_survey):
    coordinator, approver = make.partner_coordinator("HBIO"), make.consortium_coordinator()
    plan = new_plan(coordinator, ranked_survey)
    with pytest.raises(Conflict, match="empty"):
        plans.approve(approver, plan)
    plans.add_item(coordinator, plan, plans.ItemSpec("FIN", 10, date(2027, 3, 1), date(2027, 6, 30)))
    first = plans.approve(approver, plan)
    db.session.commit()
    assert first.is_approved and first.approved_at is not None
    with pytest.raises(Conflict, match="frozen"):
        plans.add_item(coordinator, plan, plans.ItemSpec("GOV", 10, date(2027, 3, 1), date(2027, 6, 30)))
    with pytest.raises(Conflict, match="frozen"):
        plans.remove_item(coordinator, plan, first.items[0].id)
    second = plans.start_revision(coordinator, plan)
    plans.add_item(coordinator, plan, plans.ItemSpec("GOV", 8, date(2027, 3, 1), date(2027, 6, 30)))
    plans.remove_item(coordinator, plan, second.items[0].id)
    db.session.commit()
    db.session.expire_all()
    assert [i.topic.code for i in plan.version(1).items] == ["FIN"]
    assert [i.topic.code for i in plan.version(2).items] == ["GOV"] and plan.version(2).based_on_id == first.id
    with pytest.raises(Conflict, match="already a draft"):
        plans.start_revision(coordinator, plan)
    assert count(PlanItem) == 2


def test_plan_items_are_checked(make, ranked_survey):
    coordinator = make.partner_coordinator("HBIO")
    other = make.tagged_course("GOV01", "GOV")
    plan = new_plan(coordinator, ranked_survey)
    spec = plans.ItemSpec("FIN", 10, date(2027, 3, 1), date(2027, 6, 30))
    plans.add_item(coordinator, plan, spec)
    with pytest.raises(Conflict, match="already in this plan"):
        plans.add_item(coordinator, plan, spec)
    with pytest.raises(ValidationError, match="tagged with REG"):
        plans.add_item(
            coordinator, plan, plans.ItemSpec("REG", 10, date(2027, 3, 1), date(2027, 6, 30), course_ids=[other.id])
        )
    with pytest.raises(ValidationError, match="end on or after"):
        plans.add_item(coordinator, plan, plans.ItemSpec("REG", 10, date(2027, 6, 1), date(2027, 3, 1)))
    with pytest.raises(ValidationError, match="organisation type"):
        plans.add_item(
            coordinator,
            plan,
            plans.ItemSpec("REG", 10, date(2027, 3, 1), date(2027, 6, 1), target_org_types=["startup"]),
        )


def test_one_plan_per_partner_and_period_and_only_in_scope(make, ranked_survey):
    coordinator = make.partner_coordinator("HBIO")
    new_plan(coordinator, ranked_survey)
    with pytest.raises(Conflict, match="already has a plan"):
        new_plan(coordinator, ranked_survey)
    with pytest.raises(NotFound):
        new_plan(coordinator, ranked_survey, partner="LSK")
    lsk_survey = make.survey(name="LSK only", partner="LSK")
    with pytest.raises(NotFound):
        plans.create_plan(
            make.consortium_coordinator(),
            partner_code="HBIO",
            title="x",
            period_start=date(2028, 1, 1),
            period_end=date(2028, 2, 1),
            survey_id=lsk_survey.id + 1000,
        )
    with pytest.raises(ValidationError, match="another partner"):
        plans.create_plan(
            make.consortium_coordinator(),
            partner_code="HBIO",
            title="x",
            period_start=date(2028, 1, 1),
            period_end=date(2028, 2, 1),
            survey_id=lsk_survey.id,
        )


@pytest.mark.committing  # the other request is another connection
def test_a_link_used_meanwhile_by_another_request_is_refused(make):
    survey = make.survey(topics=("FIN",))
    ((_, token),) = surveys.create_links(SYSTEM, survey, partner_code="HBIO", organisation_type="sme", count=1)
    db.session.commit()
    surveys.respondent_for_token(token)  # this request has read the link while it was unused …
    with db.engine.begin() as other_request:  # … when another request answers with it and commits
        other_request.execute(Respondent.__table__.update().values(answered_at=utcnow()))
    with pytest.raises(AlreadyAnswered):
        surveys.submit_answers(token, {"FIN": (5, 1)})
    db.session.rollback()
    assert count(Answer) == 0
