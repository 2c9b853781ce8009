"""Registration: seats, the waiting list in arrival order, automatic promotion, the cut-off and windows."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ecri_lms.infra.errors import Conflict, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.notifications.models import Notification
from ecri_lms.scheduling import queries, services
from ecri_lms.scheduling.models import Registration


def register(user, run):
    registration = services.register(user, run)
    db.session.commit()
    return registration


def statuses(run):
    return [(r.user.name, r.status) for r in queries.registrations_of_run(run)]


def subjects_of(user):
    return [n.subject for n in db.session.scalars(select(Notification).where(Notification.user_id == user.id))]


def test_seats_are_confirmed_until_full_then_trainees_wait_in_arrival_order(make):
    run = make.run(capacity=2)
    trainees = [make.trainee(name=f"T{i}") for i in range(5)]
    for trainee in trainees:
        register(trainee, run)
    assert statuses(run) == [
        ("T0", "confirmed"),
        ("T1", "confirmed"),
        ("T2", "waitlisted"),
        ("T3", "waitlisted"),
        ("T4", "waitlisted"),
    ]
    assert [queries.waitlist_rank(r) for r in queries.waiting_list(run)] == [1, 2, 3]
    assert "You are on the waiting list" in subjects_of(trainees[3])[0]
    assert "Your seat is confirmed" in subjects_of(trainees[0])[0]


def test_a_cancelled_seat_goes_to_the_first_on_the_waiting_list_who_is_told(make):
    run = make.run(capacity=2)
    first, second, third, fourth = (make.trainee(name=f"T{i}") for i in range(4))
    for trainee in (first, second, third, fourth):
        register(trainee, run)
    services.cancel_own_registration(second, run)
    db.session.commit()
    assert statuses(run) == [("T0", "confirmed"), ("T1", "cancelled"), ("T2", "confirmed"), ("T3", "waitlisted")]
    promoted = queries.registration_of(run, third)
    assert promoted.promoted_at is not None
    assert any(subject.startswith("A seat is yours") for subject in subjects_of(third))
    assert queries.waitlist_rank(queries.registration_of(run, fourth)) == 1


def test_raising_the_capacity_promotes_as_many_as_the_new_seats(make):
    trainer = make.trainer()
    run = make.run(capacity=1, trainers=[trainer])
    trainees = [make.trainee(name=f"T{i}") for i in range(4)]
    for trainee in trainees:
        register(trainee, run)
    plan = services.plan_of(run)
    plan.capacity = 3
    services.update_run(trainer, run, plan)
    db.session.commit()
    assert statuses(run) == [("T0", "confirmed"), ("T1", "confirmed"), ("T2", "confirmed"), ("T3", "waitlisted")]
    assert any(subject.startswith("A seat is yours") for subject in subjects_of(trainees[2]))


def test_capacity_cannot_drop_below_the_confirmed_trainees(make):
    trainer = make.trainer()
    run = make.run(capacity=3, trainers=[trainer])
    for _ in range(3):
        register(make.trainee(), run)
    plan = services.plan_of(run)
    plan.capacity = 2
    with pytest.raises(ValidationError, match="3 trainees have a confirmed seat"):
        services.update_run(trainer, run, plan)


def test_leaving_the_waiting_list_keeps_the_order_of_the_others(make):
    run = make.run(capacity=1)
    trainees = [make.trainee(name=f"T{i}") for i in range(4)]
    for trainee in trainees:
        register(trainee, run)
    services.cancel_own_registration(trainees[2], run)
    db.session.commit()
    assert [r.user.name for r in queries.waiting_list(run)] == ["T1", "T3"]
    assert statuses(run)[0] == ("T0", "confirmed")


def test_registering_twice_is_refused_and_coming_back_after_cancelling_joins_the_end(make):
    run = make.run(capacity=1)
    early, late = make.trainee(name="Early"), make.trainee(name="Late")
    register(early, run)
    with pytest.raises(Conflict, match="already registered"):
        services.register(early, run)
    db.session.rollback()
    register(late, run)
    with pytest.raises(Conflict, match="already on the waiting list"):
        services.register(late, run)
    db.session.rollback()
    services.cancel_own_registration(late, run)
    db.session.commit()
    again = register(late, run)
    assert again.status == "waitlisted" and again.position == 3
    assert db.session.scalar(select(Registration).where(Registration.user_id == late.id)).id == again.id


def test_confirmed_trainees_cannot_cancel_after_the_cut_off(make):
    run = make.run(starts_in=timedelta(hours=10), cancellation_cutoff_hours=24)
    trainee = make.trainee()
    register(trainee, run)
    with pytest.raises(ValidationError, match="Cancellations closed on"):
        services.cancel_own_registration(trainee, run)


def test_confirmed_trainees_can_cancel_before_the_cut_off(make):
    run = make.run(starts_in=timedelta(hours=30), cancellation_cutoff_hours=24)
    trainee = make.trainee()
    register(trainee, run)
    assert services.cancel_own_registration(trainee, run).status == "cancelled"


def test_a_fixed_cancellation_deadline_wins_over_hours(make):
    run = make.run(
        starts_in=timedelta(days=10),
        cancellation_cutoff_hours=None,
        cancellation_deadline=utcnow() - timedelta(hours=1),
    )
    trainee = make.trainee()
    register(trainee, run)
    with pytest.raises(ValidationError, match="Cancellations closed"):
        services.cancel_own_registration(trainee, run)


def test_the_waiting_list_may_be_left_after_the_cut_off(make):
    run = make.run(capacity=1, starts_in=timedelta(hours=10), cancellation_cutoff_hours=24)
    register(make.trainee(), run)
    waiting = make.trainee()
    register(waiting, run)
    assert services.cancel_own_registration(waiting, run).status == "cancelled"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"registration_opens_at": utcnow() + timedelta(days=2)}, "Registration opens on"),
        ({"registration_closes_at": utcnow() - timedelta(minutes=1)}, "Registration closed on"),
        ({"status": "draft"}, "not open for registration yet"),
        ({"status": "cancelled"}, "has been cancelled"),
    ],
)
def test_registration_is_refused_outside_its_window(make, fields, message):
    run = make.run(**fields)
    with pytest.raises(ValidationError, match=message):
        services.register(make.trainee(), run)


def test_registration_is_open_inside_its_window(make):
    run = make.run(
        registration_opens_at=utcnow() - timedelta(days=1), registration_closes_at=utcnow() + timedelta(days=1)
    )
    assert register(make.trainee(), run).status == "confirmed"


def test_registration_closes_when_the_run_starts(make):
    run = make.run(starts_in=timedelta(hours=-1), hours=3)
    with pytest.raises(ValidationError, match="closed when the run started"):
        services.register(make.trainee(), run)


def test_a_partner_only_run_refuses_other_partners_trainees_with_a_clear_message(make):
    run = make.run(partner="LSK", audience="partner")
    with pytest.raises(ValidationError, match="open only to members of LifeScience Kraków"):
        services.register(make.trainee(partner="HBIO"), run)
    assert register(make.trainee(partner="LSK"), run).status == "confirmed"


def test_a_consortium_run_takes_trainees_of_every_partner(make):
    run = make.run(partner="LSK", audience="consortium")
    for code in ("BIOIBAL", "HBIO", "LSK", "BIOPMED"):
        assert register(make.trainee(partner=code), run).status == "confirmed"


def test_only_trainees_register(make):
    with pytest.raises(PermissionDenied):
        services.register(make.trainer(), make.run())


def test_a_run_published_in_the_same_transaction_takes_registrations(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(status="draft")
    services.publish_run(coordinator, run)
    assert services.register(make.trainee(), run).status == "confirmed"
