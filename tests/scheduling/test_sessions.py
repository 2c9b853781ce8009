"""Planning sessions: wall-clock times across clock changes, and the conflicts that are refused."""

from datetime import datetime, timedelta

import pytest

from ecri_lms.infra.errors import Conflict, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import to_zone
from ecri_lms.notifications.models import Notification
from ecri_lms.scheduling import services
from ecri_lms.scheduling.services import SessionPlan


def plan(start: datetime, hours: float = 3, **kw) -> SessionPlan:
    return SessionPlan(starts_local=start, ends_local=start + timedelta(hours=hours), **kw)


def draft_run(make, partner="BIOIBAL", trainers=(), capacity=20):
    return make.run(partner=partner, status="draft", starts_in=None, trainers=trainers, capacity=capacity)


def test_a_weekly_series_in_madrid_keeps_ten_o_clock_across_both_clock_changes(make):
    coordinator = make.partner_coordinator("BIOIBAL")
    venue = make.venue("BIOIBAL")
    run = draft_run(make)
    # Thursdays from 19 March 2026: the clocks go forward on Sunday 29 March and back on 25 October.
    spring = services.add_sessions(coordinator, run, plan(datetime(2026, 3, 19, 10), venue_id=venue.id), "weekly", 3)
    autumn = services.add_sessions(coordinator, run, plan(datetime(2026, 10, 15, 10), venue_id=venue.id), "weekly", 3)
    db.session.commit()
    for training_session in spring + autumn:
        local = to_zone(training_session.starts_at, "Europe/Madrid")
        assert (local.hour, local.minute) == (10, 0)
        assert training_session.timezone == "Europe/Madrid"
    assert [s.starts_at.hour for s in spring] == [9, 9, 8]  # UTC: +01:00, then +02:00 from 29 March
    assert [s.starts_at.hour for s in autumn] == [8, 8, 9]  # UTC: +02:00, then +01:00 from 25 October
    assert [s.starts_at.date().isoformat() for s in spring] == ["2026-03-19", "2026-03-26", "2026-04-02"]
    assert [s.starts_at.date().isoformat() for s in autumn] == ["2026-10-15", "2026-10-22", "2026-10-29"]


def test_a_daily_series_keeps_its_local_time_over_the_night_the_clocks_change(make):
    coordinator = make.partner_coordinator("BIOIBAL")
    run = draft_run(make)
    added = services.add_sessions(coordinator, run, plan(datetime(2026, 3, 28, 9), format="online"), "daily", 2)
    assert [to_zone(s.starts_at, "Europe/Madrid").hour for s in added] == [9, 9]
    assert added[1].starts_at - added[0].starts_at == timedelta(hours=23)


def test_a_time_skipped_by_the_clock_change_is_refused(make):
    coordinator = make.partner_coordinator("BIOIBAL")
    run = draft_run(make)
    with pytest.raises(ValidationError, match="does not exist in Europe/Madrid"):
        services.add_sessions(coordinator, run, plan(datetime(2026, 3, 29, 2, 30), format="online"))


def test_a_time_the_clocks_pass_twice_is_refused_until_the_first_or_second_pass_is_chosen(make):
    coordinator = make.partner_coordinator("BIOIBAL")
    run = draft_run(make)
    # 25 October 2026: Madrid's clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens twice.
    night = datetime(2026, 10, 25, 2, 30)
    with pytest.raises(ValidationError, match=r"happens twice in Europe/Madrid.*CEST, UTC\+02:00.*CET, UTC\+01:00"):
        services.add_sessions(coordinator, run, plan(night, hours=0.25, format="online"))
    (first,) = services.add_sessions(coordinator, run, plan(night, hours=0.25, format="online", fold=0))
    (second,) = services.add_sessions(coordinator, run, plan(night, hours=0.25, format="online", fold=1))
    assert second.starts_at - first.starts_at == timedelta(hours=1)
    assert first.starts_at.isoformat() == "2026-10-25T00:30:00+00:00"
    assert services.plan_of_session(second).fold == 1 and services.plan_of_session(first).fold == 0


def test_a_weekly_series_landing_on_the_ambiguous_hour_asks_too(make):
    coordinator = make.partner_coordinator("BIOIBAL")
    run = draft_run(make)
    with pytest.raises(ValidationError, match="happens twice"):
        services.add_sessions(
            coordinator, run, plan(datetime(2026, 10, 18, 2, 30), hours=0.25, format="online"), "weekly", 2
        )
    assert run.sessions == []


def test_an_ordinary_time_needs_no_choice_and_shows_none(make):
    coordinator = make.partner_coordinator("BIOIBAL")
    run = draft_run(make)
    (added,) = services.add_sessions(coordinator, run, plan(datetime(2026, 10, 26, 10), format="online"))
    assert services.plan_of_session(added).fold is None


def test_an_online_session_uses_the_organisers_zone_and_an_in_person_one_the_venues(make):
    coordinator = make.consortium_coordinator()
    athens_room = make.venue("HBIO")
    run = draft_run(make, partner="LSK")
    (online,) = services.add_sessions(coordinator, run, plan(datetime(2027, 5, 10, 10), format="online"))
    (in_athens,) = services.add_sessions(coordinator, run, plan(datetime(2027, 5, 11, 10), venue_id=athens_room.id))
    assert online.timezone == "Europe/Warsaw" and to_zone(online.starts_at, "Europe/Warsaw").hour == 10
    assert in_athens.timezone == "Europe/Athens" and to_zone(in_athens.starts_at, "Europe/Athens").hour == 10
    assert in_athens.starts_at.hour == 7  # 10:00 EEST is 07:00 UTC


def test_a_session_ending_before_it_starts_is_refused(make):
    run = draft_run(make)
    with pytest.raises(ValidationError, match="ends before it starts"):
        services.add_sessions(
            make.consortium_coordinator(),
            run,
            SessionPlan(datetime(2027, 5, 10, 12), datetime(2027, 5, 10, 11), format="online"),
        )


def test_a_session_longer_than_twelve_hours_is_refused(make):
    run = draft_run(make)
    coordinator = make.consortium_coordinator()
    with pytest.raises(ValidationError, match="at most 12 hours"):
        services.add_sessions(coordinator, run, plan(datetime(2027, 5, 10, 8), 12.5, format="online"))
    assert services.add_sessions(coordinator, run, plan(datetime(2027, 5, 10, 8), 12, format="online"))


def test_a_room_cannot_be_booked_twice_at_the_same_time(make):
    coordinator = make.consortium_coordinator()
    room = make.venue("HBIO", name="PRAXI Network", room="Seminar room")
    first, second = draft_run(make, "HBIO"), draft_run(make, "HBIO")
    services.add_sessions(coordinator, first, plan(datetime(2027, 5, 10, 10), venue_id=room.id))
    with pytest.raises(Conflict, match="PRAXI Network, Seminar room is already booked .*10:00–13:00 EEST"):
        services.add_sessions(coordinator, second, plan(datetime(2027, 5, 10, 12), venue_id=room.id))
    other_room = make.venue("HBIO", name="PRAXI Network", room="Board room")
    assert services.add_sessions(coordinator, second, plan(datetime(2027, 5, 10, 12), venue_id=other_room.id))
    assert services.add_sessions(coordinator, second, plan(datetime(2027, 5, 10, 13), venue_id=room.id))


def test_a_cancelled_session_frees_its_room(make):
    coordinator = make.consortium_coordinator()
    room = make.venue("HBIO")
    first, second = draft_run(make, "HBIO"), draft_run(make, "HBIO")
    (booked,) = services.add_sessions(coordinator, first, plan(datetime(2027, 5, 10, 10), venue_id=room.id))
    services.cancel_session(coordinator, booked)
    assert services.add_sessions(coordinator, second, plan(datetime(2027, 5, 10, 10), venue_id=room.id))


def test_a_trainer_cannot_teach_two_overlapping_sessions_across_runs(make):
    coordinator = make.consortium_coordinator()
    trainer = make.trainer("HBIO", name="Eleni Makri")
    athens, krakow = draft_run(make, "HBIO", trainers=[trainer]), draft_run(make, "LSK", trainers=[trainer])
    services.add_sessions(coordinator, athens, plan(datetime(2027, 5, 10, 10), format="online"))
    # 09:30 in Kraków is 10:30 in Athens: the same trainer would be in two places.
    with pytest.raises(Conflict, match="Eleni Makri already teaches"):
        services.add_sessions(coordinator, krakow, plan(datetime(2027, 5, 10, 9, 30), format="online"))
    assert services.add_sessions(coordinator, krakow, plan(datetime(2027, 5, 10, 12), format="online"))


def test_adding_a_busy_trainer_to_a_run_is_refused(make):
    coordinator = make.consortium_coordinator()
    trainer = make.trainer("HBIO", name="Eleni Makri")
    busy = draft_run(make, "HBIO", trainers=[trainer])
    services.add_sessions(coordinator, busy, plan(datetime(2027, 5, 10, 10), format="online"))
    other = draft_run(make, "HBIO")
    services.add_sessions(coordinator, other, plan(datetime(2027, 5, 10, 11), format="online"))
    run_plan = services.plan_of(other)
    run_plan.trainer_ids = (trainer.id,)
    with pytest.raises(Conflict, match="Eleni Makri already teaches"):
        services.update_run(coordinator, other, run_plan)


def test_a_run_cannot_offer_more_seats_than_its_room(make):
    coordinator = make.consortium_coordinator()
    small = make.venue("HBIO", capacity=12, name="Small room", room="")
    run = draft_run(make, "HBIO", capacity=20)
    with pytest.raises(ValidationError, match="Small room holds 12 people but the run offers 20 seats"):
        services.add_sessions(coordinator, run, plan(datetime(2027, 5, 10, 10), venue_id=small.id))
    run.capacity = 12
    services.add_sessions(coordinator, run, plan(datetime(2027, 5, 10, 10), venue_id=small.id))
    run_plan = services.plan_of(run)
    run_plan.capacity = 13
    with pytest.raises(ValidationError, match="holds 12 people"):
        services.update_run(coordinator, run, run_plan)


def test_in_person_sessions_need_a_venue(make):
    with pytest.raises(ValidationError, match="Choose a venue"):
        services.add_sessions(make.consortium_coordinator(), draft_run(make), plan(datetime(2027, 5, 10, 10)))


def test_changing_a_session_raises_its_sequence_and_tells_confirmed_trainees(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO", format="online")
    trainee = make.trainee()
    services.register(trainee, run)
    training_session = run.sessions[0]
    before = training_session.sequence
    new_plan = services.plan_of_session(training_session)
    new_plan.starts_local += timedelta(hours=1)
    new_plan.ends_local += timedelta(hours=1)
    services.update_session(coordinator, training_session, new_plan)
    db.session.commit()
    assert training_session.sequence == before + 1
    notes = db.session.query(Notification).filter_by(user_id=trainee.id).all()
    assert any(n.subject.startswith("Session changed") for n in notes)


def test_an_unchanged_session_keeps_its_sequence(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO", format="online")
    training_session = run.sessions[0]
    services.update_session(coordinator, training_session, services.plan_of_session(training_session))
    assert training_session.sequence == 0


def test_publishing_needs_a_session(make):
    coordinator = make.partner_coordinator("HBIO")
    run = draft_run(make, "HBIO")
    with pytest.raises(ValidationError, match="at least one session"):
        services.publish_run(coordinator, run)
    services.add_sessions(coordinator, run, plan(datetime(2027, 5, 10, 10), format="online"))
    assert services.publish_run(coordinator, run).status == "published"


def test_the_runs_dates_and_format_follow_its_sessions(make):
    coordinator = make.partner_coordinator("HBIO")
    room = make.venue("HBIO")
    run = draft_run(make, "HBIO")
    (first,) = services.add_sessions(coordinator, run, plan(datetime(2027, 5, 10, 10), venue_id=room.id))
    assert run.delivery_format == "in_person"
    (last,) = services.add_sessions(coordinator, run, plan(datetime(2027, 5, 11, 10), format="online"))
    assert (run.starts_at, run.ends_at, run.delivery_format) == (first.starts_at, last.ends_at, "hybrid")
    services.cancel_session(coordinator, last)
    assert (run.ends_at, run.delivery_format) == (first.ends_at, "in_person")


def test_cancelling_a_run_cancels_its_sessions_and_tells_everyone_registered(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO", capacity=1, sessions=2, format="online")
    seated, waiting = make.trainee(), make.trainee()
    services.register(seated, run)
    services.register(waiting, run)
    services.cancel_run(coordinator, run, "The trainer is ill.")
    db.session.commit()
    assert run.status == "cancelled"
    assert all(s.is_cancelled and s.sequence == 1 for s in run.sessions)
    for user in (seated, waiting):
        subjects = [n.subject for n in db.session.query(Notification).filter_by(user_id=user.id)]
        assert any(s.startswith("Cancelled:") for s in subjects)
    with pytest.raises(ValidationError, match="cancelled"):
        services.register(make.trainee(), run)


def test_a_run_deadline_in_the_hour_the_clocks_go_back_is_refused_with_a_way_out(make):
    coordinator = make.partner_coordinator("BIOIBAL")
    course, partner = make.course(), make.partner("BIOIBAL")
    plan = services.RunPlan(
        course_id=course.id,
        partner_id=partner.id,
        capacity=10,
        registration_closes_local=datetime(2026, 10, 25, 2, 30),
    )
    with pytest.raises(ValidationError, match="happens twice in Europe/Madrid.*outside that hour"):
        services.create_run(coordinator, plan)
