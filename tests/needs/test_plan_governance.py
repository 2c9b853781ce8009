"""Training plans under real governance: four-eyes approval, shown and audited, diffs between versions,
ranks for every need, and only published runs counted."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.errors import Conflict, NotFound, PermissionDenied
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs.runs import items_served_by, run_facts
from ecri_lms.needs.services import imports, plans
from ecri_lms.needs.services.approval import approval_refusal
from tests.needs.builders import long_csv

SPRING = (date(2027, 3, 1), date(2027, 6, 30))


@pytest.fixture
def ranked_survey(make):
    """HBIO needs ranked FIN #1, REG #2, GOV #3; IP has too few answers to be ranked."""
    survey = make.survey()
    imports.import_answers(SYSTEM, survey, long_csv().encode())
    db.session.commit()
    return survey


def hbio_plan(author, survey=None):
    plan = plans.create_plan(
        author,
        partner_code="HBIO",
        title="HBIO plan 2027",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        survey_id=survey.id if survey else None,
    )
    plans.add_item(author, plan, plans.ItemSpec("FIN", 10, *SPRING))
    return plan


def test_a_partner_coordinator_cannot_approve_the_plan_they_drafted(make, ranked_survey):
    author = make.partner_coordinator("HBIO")
    plan = hbio_plan(author, ranked_survey)
    with pytest.raises(PermissionDenied, match="awaits approval by the consortium coordinator"):
        plans.approve(author, plan)
    with pytest.raises(PermissionDenied):
        plans.approve(make.partner_coordinator("HBIO"), plan)  # a colleague is no approver by default
    assert plan.draft is not None and plan.draft.approved_by_id is None


def test_the_consortium_coordinator_approves_and_never_their_own_version(make, ranked_survey):
    author, coordinator = make.partner_coordinator("HBIO"), make.consortium_coordinator()
    plan = hbio_plan(author, ranked_survey)
    first = plans.approve(coordinator, plan)
    assert (first.approved_by_id, first.approved_at is not None) == (coordinator.id, True)
    second = plans.start_revision(coordinator, plan)
    plans.add_item(coordinator, plan, plans.ItemSpec("GOV", 5, *SPRING))
    assert second.created_by_id == coordinator.id
    with pytest.raises(PermissionDenied, match="You drafted version 2"):
        plans.approve(coordinator, plan)
    assert approval_refusal(author, plan) is not None


def test_who_approves_is_configurable(app, make, ranked_survey, monkeypatch):
    monkeypatch.setitem(app.config, "PLAN_APPROVER_ROLES", ["partner_coordinator", "consortium_coordinator"])
    author, colleague = make.partner_coordinator("HBIO"), make.partner_coordinator("HBIO")
    plan = hbio_plan(author, ranked_survey)
    with pytest.raises(PermissionDenied, match="You drafted version 1"):
        plans.approve(author, plan)
    with pytest.raises(NotFound):
        plans.approve(make.partner_coordinator("LSK"), plan)  # another partner's plan is out of sight
    assert plans.approve(colleague, plan).approved_by_id == colleague.id


def test_an_unchanged_revision_is_not_approved(make, ranked_survey):
    author, coordinator = make.partner_coordinator("HBIO"), make.consortium_coordinator()
    plan = hbio_plan(author, ranked_survey)
    plans.approve(coordinator, plan)
    plans.start_revision(author, plan)
    with pytest.raises(Conflict, match="Version 2 is the same as version 1"):
        plans.approve(coordinator, plan)
    plans.add_item(author, plan, plans.ItemSpec("REG", 4, *SPRING))
    assert plans.approve(coordinator, plan).number == 2


def test_the_approval_is_audited_with_its_approver_version_and_time(make, ranked_survey):
    author, coordinator = make.partner_coordinator("HBIO"), make.consortium_coordinator()
    plan = hbio_plan(author, ranked_survey)
    version = plans.approve(coordinator, plan)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "needs.plan.approve"))
    assert (event.actor_id, event.target_id, event.partner_id) == (coordinator.id, plan.id, plan.partner_id)
    assert event.details == {
        "version": 1,
        "author_id": author.id,
        "approved_at": version.approved_at.isoformat(),
    }


def test_the_plan_page_shows_the_approver_and_offers_approval_only_to_an_approver(
    client, login_as, make, ranked_survey
):
    author = make.partner_coordinator("HBIO", name="Eleni Author")
    coordinator = make.consortium_coordinator(name="Catalina Approver")
    plan = hbio_plan(author, ranked_survey)
    db.session.commit()
    login_as(author)
    page = client.get(f"/needs/plans/{plan.id}").text
    assert "Drafted by Eleni Author" in page
    assert "Approve version 1" not in page and "awaits approval by the consortium coordinator" in page
    assert client.post(f"/needs/plans/{plan.id}/approve", follow_redirects=True).status_code == 200
    db.session.expire_all()
    assert plan.draft is not None
    login_as(coordinator)
    assert "Approve version 1" in client.get(f"/needs/plans/{plan.id}").text
    client.post(f"/needs/plans/{plan.id}/approve")
    db.session.expire_all()
    page = client.get(f"/needs/plans/{plan.id}").text
    assert "Approved by Catalina Approver on" in page


def test_the_diff_lists_needs_added_removed_and_changed_with_their_fields(client, login_as, make, ranked_survey):
    fin_course = make.tagged_course("FIN01", "FIN")
    coordinator = make.consortium_coordinator()
    author = make.partner_coordinator("HBIO")
    plan = hbio_plan(author, ranked_survey)
    plans.add_item(author, plan, plans.ItemSpec("REG", 6, *SPRING, note="For regulatory officers"))
    plans.approve(coordinator, plan)
    draft = plans.start_revision(author, plan)
    fin, reg = draft.items
    plans.set_item_courses(author, plan, fin.id, [])
    fin.target_trainees = 14
    plans.remove_item(author, plan, reg.id)
    plans.add_item(author, plan, plans.ItemSpec("GOV", 3, date(2027, 9, 1), date(2027, 10, 31)))
    db.session.commit()

    diff = plans.compare_versions(plan, 1, 2)
    assert [item.topic for item in diff.added] == ["GOV"]
    assert diff.added[0].fields["Target period"] == "2027-09-01 – 2027-10-31"
    assert [(item.topic, item.fields["Note"]) for item in diff.removed] == [("REG", "For regulatory officers")]
    assert [(c.label, c.before, c.after) for c in diff.changed[0].changes] == [
        ("Courses", fin_course.code, "none"),
        ("Target trainees", "10", "14"),
    ]
    assert plans.compare_versions(plan, 2, 2).is_empty

    login_as(coordinator)
    page = client.get(f"/needs/plans/{plan.id}/compare?from=1&to=2").text
    assert "Needs added (1)" in page and "Needs removed (1)" in page and "For regulatory officers" in page
    assert "Target trainees" in page and "14" in page
    assert client.get(f"/needs/plans/{plan.id}/compare?from=1&to=9").status_code == 404
    assert client.get(f"/needs/plans/{plan.id}/compare?from=x").status_code == 400


def test_a_need_added_by_hand_shows_its_rank_and_an_unranked_one_says_why(client, login_as, make, ranked_survey):
    author = make.partner_coordinator("HBIO")
    plan = hbio_plan(author, ranked_survey)
    gov = plans.add_item(author, plan, plans.ItemSpec("GOV", 5, *SPRING))
    ip = plans.add_item(author, plan, plans.ItemSpec("IP", 5, *SPRING))
    assert (gov.need_rank, str(gov.need_mwds)) == (3, "3.0000")
    assert ip.need_rank is None
    assert plans.unranked_reason(plan, plans.partner_needs(author, plan), ip) == "too few answers to rank"
    db.session.commit()
    login_as(author)
    page = client.get(f"/needs/plans/{plan.id}").text
    assert "#1 (MWDS" in page and "#3 (MWDS 3.0000)" in page and "too few answers to rank" in page


def test_a_plan_without_a_survey_says_so_for_its_needs(make):
    make.curriculum_topics()
    author = make.partner_coordinator("HBIO")
    plan = hbio_plan(author)
    assert plans.unranked_reason(plan, [], plan.draft.items[0]) == "no survey behind this plan"


def test_only_published_runs_count_toward_coverage(make, ranked_survey):
    course = make.tagged_course("FIN01", "FIN")
    today = utcnow().date()
    plan = plans.create_plan(
        SYSTEM,
        partner_code="HBIO",
        title="HBIO now",
        period_start=today - timedelta(days=30),
        period_end=today + timedelta(days=200),
        survey_id=ranked_survey.id,
    )
    plans.add_items_from_needs(SYSTEM, plan, count=1, target_trainees=2, target_org_types=["sme"])
    plans.approve(SYSTEM, plan)
    published = make.run(course, "HBIO", starts_in=timedelta(days=20))
    draft = make.run(course, "HBIO", status="draft", starts_in=timedelta(days=30))
    facts = run_facts(plan.partner_id, [course.id], plan.period_start, plan.period_end)
    assert [fact.run_id for fact in facts] == [published.id]
    assert items_served_by(draft) == [] and len(items_served_by(published)) == 1
