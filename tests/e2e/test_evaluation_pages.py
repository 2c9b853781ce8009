"""A trainee evaluates a run that has just ended; a coordinator reads the results and sees the plan it serves."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from ecri_lms.accounts.models import User, UserRole
from ecri_lms.accounts.permissions import Role
from ecri_lms.evaluations.services import EvaluationAnswers, submit
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling.models import CourseRun, Registration, TrainingSession
from ecri_lms.scheduling.services.sessions import refresh_schedule
from tests.e2e.checks import check_page
from tests.e2e.conftest import demo_email, login

pytestmark = pytest.mark.e2e


def _run_that_just_ended(trainee: User) -> CourseRun:
    """A run of the trainee's partner, of the course its demo plan counts on, whose only session was two days ago;
    two classmates have evaluated it already, so that a third answer brings the comments out."""
    held = db.session.scalar(
        select(CourseRun).where(CourseRun.partner_id == trainee.partner_id, CourseRun.status == "completed")
    )
    run = CourseRun(
        course_id=held.course_id,
        partner_id=trainee.partner_id,
        capacity=12,
        status="published",
        audience="consortium",
        delivery_format="online",
        settings={},
        published_at=utcnow(),
    )
    start = (utcnow() - timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    run.sessions.append(
        TrainingSession(
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            format="online",
            timezone=held.partner.timezone,
            meeting_url="https://meet.example.org/e2e",
        )
    )
    db.session.add(run)
    db.session.flush()
    refresh_schedule(run)
    classmates = _classmates(trainee)
    for position, user in enumerate([trainee, *classmates], start=1):
        db.session.add(
            Registration(run_id=run.id, user_id=user.id, status="confirmed", position=position, confirmed_at=utcnow())
        )
    db.session.flush()
    topics = {topic.code: 3 for topic in run.course.topics}
    for user in classmates:
        submit(user, run, EvaluationAnswers(4, 4, 4, "A classmate's remark.", dict(topics), dict(topics)))
    db.session.commit()
    return run


def _classmates(trainee: User) -> list[User]:
    """Two other trainees of the same partner."""
    return list(
        db.session.scalars(
            select(User)
            .join(UserRole)
            .where(User.partner_id == trainee.partner_id, User.id != trainee.id, UserRole.role == Role.TRAINEE)
            .order_by(User.id)
            .limit(2)
        )
    )


def test_a_trainee_evaluates_a_run_and_the_coordinator_reads_the_results(page, live_app):
    with live_app.app_context():
        trainee = db.session.scalar(select(User).where(User.email == demo_email("trainee.biopmed")))
        run_id = _run_that_just_ended(trainee).id

    login(page, demo_email("trainee.biopmed"))
    panel = page.get_by_role("region", name="Evaluations to give")
    expect(panel).to_be_visible()
    check_page(page, "trainee-home-with-an-evaluation")
    panel.get_by_role("link", name=re.compile("^Evaluate ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Evaluate "))
    check_page(page, "evaluation-form")

    page.get_by_role("button", name="Send my evaluation").click()
    usefulness = page.get_by_label("How useful was this run for your work?")
    expect(usefulness).to_have_attribute("aria-invalid", "true")
    check_page(page, "evaluation-form-with-errors")
    for select_box in page.locator("select").all():
        select_box.select_option("4")
    page.get_by_label("Anything you would like to tell the trainer or the organisers?").fill("Short and useful.")
    page.get_by_role("button", name="Send my evaluation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My evaluations")
    expect(page.get_by_text("Thank you: your evaluation is recorded.")).to_be_visible()
    check_page(page, "my-evaluations")

    page.context.clear_cookies()
    login(page, demo_email("coordinator"))
    page.goto(f"/runs/{run_id}")
    expect(page.get_by_role("region", name="Training plan")).to_contain_text("This run serves:")
    check_page(page, "run-with-plan-and-evaluation-panels")
    page.get_by_role("link", name="Trainees’ evaluations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Evaluations of "))
    expect(page.get_by_text("Short and useful.")).to_be_visible()
    check_page(page, "evaluation-results")

    page.go_back()
    page.get_by_role("region", name="Training plan").get_by_role("link").first.click()
    expect(page.get_by_role("link", name=re.compile(r"from \d{4}-\d{2}-\d{2}")).first).to_be_visible()
    check_page(page, "plan-with-runs")
