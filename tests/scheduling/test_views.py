"""The scheduling pages, driven through the test client."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling import queries, services
from ecri_lms.scheduling.models import CourseRun, Registration, TrainingSession, Venue


def athens_run_on(make, when_utc: datetime, **kw):
    run = make.run(partner="HBIO", starts_in=None, **kw)
    make.training_session(run, when_utc, hours=3, venue=make.venue("HBIO"))
    return run


def test_an_athens_session_is_shown_on_athens_time_and_one_hour_earlier_to_a_krakow_viewer(client, login_as, make):
    run = athens_run_on(make, datetime(2027, 3, 16, 8, 0, tzinfo=UTC))  # 10:00 EET
    login_as(make.trainee("LSK", timezone="Europe/Warsaw"))
    page = client.get(f"/runs/{run.id}").text
    assert "Tue 16 Mar 2027, 10:00–13:00 EET" in page
    assert "Your time: Tue 16 Mar 2027, 09:00–12:00 CET" in page


def test_an_athens_session_seen_from_far_away_shows_both_clocks(client, login_as, make):
    run = athens_run_on(make, datetime(2027, 7, 6, 7, 0, tzinfo=UTC))  # 10:00 EEST
    login_as(make.trainee("HBIO", timezone="America/Los_Angeles"))
    page = client.get(f"/runs/{run.id}").text
    assert "Tue 06 Jul 2027, 10:00–13:00 EEST" in page
    assert "Your time: Tue 06 Jul 2027, 00:00–03:00 PDT" in page
    login_as(make.trainee("HBIO", timezone="Asia/Tokyo"))
    assert "Your time: Tue 06 Jul 2027, 16:00–19:00 JST" in client.get(f"/runs/{run.id}").text


def test_a_viewer_on_the_same_clock_sees_the_time_once(client, login_as, make):
    run = athens_run_on(make, datetime(2027, 3, 16, 8, 0, tzinfo=UTC))
    login_as(make.trainee("HBIO", timezone="Europe/Athens"))
    assert "Your time" not in client.get(f"/runs/{run.id}").text


def test_registering_from_the_run_page_then_waiting_then_leaving(client, login_as, make):
    run = make.run(capacity=1)
    make.registration(run, make.trainee())
    trainee = login_as(make.trainee())
    page = client.get(f"/runs/{run.id}").text
    assert "Join the waiting list" in page and "Full" in page
    response = client.post(f"/runs/{run.id}/register", follow_redirects=True)
    assert "you are on the waiting list" in response.text
    assert "You are number 1 on the waiting list." in response.text
    response = client.post(f"/runs/{run.id}/leave", follow_redirects=True)
    assert "Your registration is cancelled." in response.text
    assert queries.registration_of(run, trainee).status == "cancelled"


def test_a_refused_registration_explains_itself_on_the_page(client, login_as, make):
    run = make.run(partner="LSK", audience="partner")
    login_as(make.trainee("HBIO"))
    assert "This run is open only to members of LifeScience Kraków." in client.get(f"/runs/{run.id}").text
    response = client.post(f"/runs/{run.id}/register", follow_redirects=True)
    assert "open only to members of LifeScience Kraków" in response.text
    assert db.session.scalar(select(Registration)) is None


def test_the_runs_list_filters_by_region_course_area_format_month_and_free_seats(client, login_as, make):
    login_as(make.trainee())
    regulatory = make.course(code="REG", title="Regulatory pathways", topics=("REG",))
    regulatory_topic = regulatory.course_topics[0].topic
    regulatory_topic.area_id = make.area("VALUE_CHAIN", "Life-science value chain").id
    db.session.commit()
    strategy = make.course(code="STRAT", title="Strategy and strategic focusing")
    full = make.run(course=strategy, partner="LSK", capacity=1, format="online", starts_in=timedelta(days=40))
    make.registration(full, make.trainee())
    open_run = make.run(course=regulatory, partner="BIOPMED", starts_in=timedelta(days=70))
    make.run(course=strategy, partner="HBIO", starts_in=timedelta(days=-60))  # past: not listed

    def titles(query=""):
        return re.findall(r'href="/runs/\d+">([^<]+)</a>', client.get("/runs" + query).text)

    assert titles() == ["Strategy and strategic focusing", "Regulatory pathways"]
    assert titles("?partner=BIOPMED") == ["Regulatory pathways"]
    assert titles(f"?course={strategy.id}") == ["Strategy and strategic focusing"]
    assert titles(f"?area={regulatory_topic.area_id}") == ["Regulatory pathways"]
    assert titles("?format=online") == ["Strategy and strategic focusing"]
    assert titles("?free=1") == ["Regulatory pathways"]
    month = open_run.starts_at.strftime("%Y-%m")
    assert "Regulatory pathways" in titles(f"?month={month}")
    assert titles("?partner=NOWHERE&format=bogus&course=x") == titles()


def test_the_runs_list_is_paginated(client, login_as, make):
    login_as(make.trainee())
    course = make.course()
    for day in range(22):
        make.run(course=course, format="online", starts_in=timedelta(days=10 + day))
    first = client.get("/runs").text
    assert "Page 1 of 2" in first
    assert len(re.findall(r'href="/runs/\d+">', client.get("/runs?page=2").text)) == 2


def test_my_sessions_my_teaching_and_the_dashboard_panels(client, login_as, make):
    trainer = make.trainer()
    run = make.run(trainers=[trainer], sessions=2)
    trainee = make.trainee()
    make.registration(run, trainee)
    login_as(trainee)
    page = client.get("/my/sessions").text
    assert page.count(run.display_title) >= 2
    home = client.get("/").text
    assert "My upcoming sessions" in home and run.display_title in home
    login_as(trainer)
    assert run.display_title in client.get("/my/teaching").text
    assert "My teaching" in client.get("/").text


def test_the_month_calendar_shows_sessions_on_the_viewers_days(client, login_as, make):
    # 23:30 UTC on 31 May is already 1 June in Athens.
    run = athens_run_on(make, datetime(2027, 5, 31, 23, 30, tzinfo=UTC))
    login_as(make.trainee("HBIO", timezone="Europe/Athens"))
    june = client.get("/calendar?month=2027-06").text
    assert "June 2027" in june and f"02:30 {run.display_title}" in june
    assert (
        run.display_title
        not in client.get("/calendar?month=2027-05").text.split("<tbody>")[1].split('class="day-number">1<')[0]
    )
    assert client.get("/calendar?month=rubbish").status_code == 200
    mine = client.get("/calendar?month=2027-06&mine=1").text
    assert run.display_title not in mine


def test_staff_plan_a_run_add_a_session_series_and_publish_it_through_the_forms(client, login_as, make):
    coordinator = login_as(make.partner_coordinator("BIOIBAL"))
    trainer = make.trainer("BIOIBAL")
    course = make.course(code="GOV", title="Governance and membership models")
    venue = make.venue("BIOIBAL", capacity=30)
    response = client.post(
        "/runs/new",
        data={
            "course": course.id,
            "partner": coordinator.partner_id,
            "capacity": 25,
            "audience": "consortium",
            "delivery_format": "in_person",
            "trainers": [trainer.id],
            "cancellation_cutoff_hours": 48,
        },
    )
    run = db.session.scalar(select(CourseRun))
    assert response.status_code == 302 and response.location.endswith(f"/runs/{run.id}/sessions/new")
    assert run.status == "draft" and run.trainers == [trainer]
    response = client.post(
        f"/runs/{run.id}/sessions/new",
        data={
            "format": "in_person",
            "venue": venue.id,
            "starts": "2027-10-28T10:00",
            "ends": "2027-10-28T13:00",
            "repeat": "weekly",
            "count": 2,
        },
        follow_redirects=True,
    )
    assert "2 sessions added." in response.text
    sessions = db.session.scalars(select(TrainingSession).order_by(TrainingSession.starts_at)).all()
    assert [s.starts_at.hour for s in sessions] == [8, 9]  # 10:00 CEST, then 10:00 CET after 31 October
    response = client.post(f"/runs/{run.id}/publish", follow_redirects=True)
    assert "The run is published" in response.text
    edit = client.get(f"/sessions/{sessions[1].id}/edit").text
    assert 'value="2027-11-04T10:00"' in edit


def test_a_conflict_is_shown_on_the_form_and_nothing_is_saved(client, login_as, make):
    login_as(make.partner_coordinator("HBIO"))
    venue = make.venue("HBIO", capacity=10)
    run = make.run(partner="HBIO", status="draft", starts_in=None, capacity=20)
    response = client.post(
        f"/runs/{run.id}/sessions/new",
        data={
            "format": "in_person",
            "venue": venue.id,
            "starts": "2027-10-21T10:00",
            "ends": "2027-10-21T09:00",
            "repeat": "none",
            "count": 1,
        },
    )
    assert "ends before it starts" in response.text
    response = client.post(
        f"/runs/{run.id}/sessions/new",
        data={
            "format": "in_person",
            "venue": venue.id,
            "starts": "2027-10-21T10:00",
            "ends": "2027-10-21T12:00",
            "repeat": "none",
            "count": 1,
        },
    )
    assert "holds 10 people but the run offers 20 seats" in response.text
    assert db.session.scalar(select(TrainingSession)) is None


def test_editing_a_run_raises_capacity_and_promotes(client, login_as, make):
    login_as(make.partner_coordinator("HBIO"))
    run = make.run(partner="HBIO", capacity=1, format="online")
    first, second = make.trainee(), make.trainee()
    services.register(first, run)
    services.register(second, run)
    db.session.commit()
    form = client.get(f"/runs/{run.id}/edit").text
    assert 'name="partner"' not in form
    response = client.post(
        f"/runs/{run.id}/edit",
        data={
            "course": run.course_id,
            "capacity": 2,
            "audience": "consortium",
            "delivery_format": "online",
            "cancellation_cutoff_hours": 24,
        },
        follow_redirects=True,
    )
    assert "Run saved." in response.text
    assert queries.registration_of(run, second).status == "confirmed"


def test_staff_add_move_and_remove_registrations(client, login_as, make):
    login_as(make.partner_coordinator("HBIO"))
    course = make.course()
    run = make.run(course=course, partner="HBIO", capacity=1)
    other = make.run(course=course, partner="HBIO", capacity=5, starts_in=timedelta(days=30))
    make.run(partner="HBIO")  # another course: not a move target
    trainee = make.trainee(email="zofia@example.org")
    waiting = make.trainee()
    response = client.post(f"/runs/{run.id}/registrations", data={"email": "Zofia@Example.org"}, follow_redirects=True)
    assert "Trainee added." in response.text
    services.register(waiting, run)
    db.session.commit()
    page = client.get(f"/runs/{run.id}/registrations").text
    assert "Waiting list, number 1" in page
    assert page.count("<option value=") == 1  # the move targets are listed once, for every row
    assert page.count('form="move-form"') == 2  # each active registration's Move button sends that list
    registration = queries.registration_of(run, trainee)
    response = client.post(f"/registrations/{registration.id}/move", data={"target": other.id}, follow_redirects=True)
    assert "Trainee moved." in response.text
    assert queries.registration_of(other, trainee).status == "confirmed"
    assert queries.registration_of(run, waiting).status == "confirmed"  # the freed seat was given on
    moved_out = queries.registration_of(run, trainee)
    assert moved_out.status == "cancelled" and moved_out.moved_to_run_id == other.id
    waiting_registration = queries.registration_of(run, waiting)
    response = client.post(
        f"/registrations/{waiting_registration.id}/remove", data={"reason": "Duplicate"}, follow_redirects=True
    )
    assert "Trainee removed" in response.text
    assert waiting_registration.status == "removed" and waiting_registration.note == "Duplicate"
    response = client.post(f"/runs/{run.id}/registrations", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert "No trainee has the e-mail address nobody@example.org." in response.text


def test_a_long_registrations_list_comes_a_page_at_a_time(client, login_as, make):
    login_as(make.partner_coordinator("HBIO"))
    run = make.run(partner="HBIO", capacity=50)
    for number in range(51):
        make.registration(run, make.trainee(name=f"Trainee {number:02d}"), "confirmed" if number < 50 else "waitlisted")
    first = client.get(f"/runs/{run.id}/registrations").text
    assert "Page 1 of 2" in first and "Trainee 49" in first and "Trainee 50" not in first
    assert "50 confirmed · 1 waiting" in first
    second = client.get(f"/runs/{run.id}/registrations?page=2").text
    assert "Trainee 50" in second and "Waiting list, number 1" in second and "Trainee 49" not in second


def test_cancelling_a_session_and_a_run_through_their_pages(client, login_as, make):
    login_as(make.partner_coordinator("HBIO"))
    run = make.run(partner="HBIO", sessions=2, format="online")
    first = run.sessions[0]
    assert "Cancel this session" in client.get(f"/sessions/{first.id}/cancel").text
    client.post(f"/sessions/{first.id}/cancel", data={"reason": "Strike"})
    assert first.is_cancelled
    page = client.get(f"/runs/{run.id}").text
    assert "Strike" in page and "Cancelled" in page
    response = client.post(f"/runs/{run.id}/cancel", data={"reason": "Too few trainees"}, follow_redirects=True)
    assert "This run is cancelled. Too few trainees" in response.text


def test_venues_are_listed_added_and_edited_within_scope(client, login_as, make):
    login_as(make.partner_coordinator("LSK"))
    make.venue("HBIO", name="Athens hall")
    lsk = make.partner("LSK")
    response = client.post(
        "/venues/new",
        data={
            "partner": lsk.id,
            "name": "Life Science Park",
            "room": "A1",
            "address": "Kraków",
            "capacity": 30,
            "active": "y",
        },
        follow_redirects=True,
    )
    assert "Venue added." in response.text
    page = client.get("/venues").text
    assert "Life Science Park, A1" in page and "Athens hall" not in page
    venue = db.session.scalar(select(Venue).where(Venue.name == "Life Science Park"))
    assert client.get(f"/venues/{venue.id}/edit").status_code == 200
    client.post(
        f"/venues/{venue.id}/edit",
        data={
            "partner": lsk.id,
            "name": "Life Science Park",
            "room": "A1",
            "address": "ul. Bobrzyńskiego, Kraków",
            "capacity": 35,
        },
    )
    assert (venue.capacity, venue.active) == (35, False)


def test_the_run_page_uses_no_inline_script_or_style(client, login_as, make):
    run = make.run()
    login_as(make.partner_coordinator("HBIO"))
    page = client.get(f"/runs/{run.id}").text
    assert "<script>" not in page and 'style="' not in page


def test_the_runs_filter_offers_the_courses_and_regions_as_they_are_now(client, login_as, make):
    login_as(make.trainee())
    course = make.course(code="OLD", title="Old course")
    assert ">OLD – Old course</option>" in client.get("/runs").text

    course.archived_at = utcnow()
    make.course(code="NEW", title="New course")
    db.session.commit()
    page = client.get("/runs").text

    assert ">NEW – New course</option>" in page and "OLD – Old course" not in page
