"""The read API other areas use: runs of a course or partner, confirmed trainees, sessions, trainers."""

from datetime import timedelta

from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling import queries, services
from ecri_lms.scheduling.permissions import can_manage_registrations


def test_runs_of_a_course_are_its_coming_visible_runs(make):
    course = make.course()
    coming = make.run(course=course, starts_in=timedelta(days=5))
    later = make.run(course=course, starts_in=timedelta(days=50))
    past = make.run(course=course, starts_in=timedelta(days=-20))
    draft = make.run(course=course, status="draft", partner="LSK")
    make.run(course=course, status="cancelled")
    make.run()  # another course
    assert queries.runs_of_course(course.id) == [coming, later]
    assert queries.runs_of_course(course.id, make.trainee()) == [coming, later]
    assert queries.runs_of_course(course.id, make.partner_coordinator("LSK")) == [coming, draft, later]
    assert past in queries.runs_of_course(course.id, upcoming_only=False)


def test_runs_for_a_partner_between_two_dates_and_by_status(make):
    now = utcnow()
    soon = make.run(partner="LSK", starts_in=timedelta(days=3))
    make.run(partner="LSK", starts_in=timedelta(days=90))
    cancelled = make.run(partner="LSK", starts_in=timedelta(days=4), status="cancelled")
    make.run(partner="HBIO", starts_in=timedelta(days=3))
    lsk = make.partner("LSK").id
    assert queries.runs_for_partner(lsk, start=now, end=now + timedelta(days=30)) == [soon, cancelled]
    assert queries.runs_for_partner(lsk, start=now, end=now + timedelta(days=30), statuses=["published"]) == [soon]
    assert len(queries.runs_for_partner(None)) == 4


def test_the_confirmed_trainees_of_a_run_by_name_and_its_waiting_list(make):
    run = make.run(capacity=2)
    zofia, adam, waiting = make.trainee(name="Zofia"), make.trainee(name="Adam"), make.trainee(name="Waiting")
    for trainee in (zofia, adam, waiting):
        services.register(trainee, run)
    db.session.commit()
    assert [r.user.name for r in queries.confirmed_registrations(run)] == ["Adam", "Zofia"]
    assert [r.user.name for r in queries.waiting_list(run)] == ["Waiting"]


def test_sessions_of_a_run_with_or_without_the_cancelled_ones(make):
    run = make.run(sessions=3, format="online")
    services.cancel_session(make.consortium_coordinator(), run.sessions[1])
    assert len(queries.sessions_of(run)) == 3
    assert queries.sessions_of(run, include_cancelled=False) == [run.sessions[0], run.sessions[2]]


def test_is_trainer_of(make):
    trainer = make.trainer()
    run = make.run(trainers=[trainer])
    assert queries.is_trainer_of(trainer, run)
    assert not queries.is_trainer_of(make.trainer(), run)
    assert not queries.is_trainer_of(make.trainee(), run)


def test_a_page_of_registrations_numbers_the_waiting_list_across_pages_and_counts_the_whole_run(make):
    run = make.run(capacity=2)
    trainees = [make.trainee(name=f"Trainee {n}") for n in range(6)]
    for trainee, status in zip(
        trainees, ["confirmed", "confirmed", "waitlisted", "cancelled", "waitlisted", "waitlisted"], strict=True
    ):
        make.registration(run, trainee, status)
    second = queries.registrations_page(run, 2, per_page=2)
    assert [(row.name, row.status, row.rank, bool(row.is_active)) for row in second.page.items] == [
        ("Trainee 2", "waitlisted", 1, True),
        ("Trainee 3", "cancelled", 1, False),
    ]
    assert (second.page.page, second.page.pages, second.page.total) == (2, 3, 6)
    assert (second.seats.confirmed, second.seats.waitlisted, second.seats.left) == (2, 3, 0)
    past_the_end = queries.registrations_page(run, 9, per_page=2)
    assert past_the_end.page.page == 3
    assert [(row.name, row.rank) for row in past_the_end.page.items] == [("Trainee 4", 2), ("Trainee 5", 3)]
    empty = queries.registrations_page(make.run(capacity=3), 4, per_page=2)
    assert (empty.page.items, empty.page.page, empty.page.total, empty.seats.left) == ([], 1, 0, 3)


def test_move_targets_are_the_other_published_runs_of_the_course_whose_registrations_the_viewer_manages(make):
    course = make.course()
    trainer = make.trainer("HBIO")
    run = make.run(course=course, partner="HBIO")
    abroad_taught = make.run(course=course, partner="LSK", trainers=[trainer], starts_in=timedelta(days=20))
    abroad = make.run(course=course, partner="LSK", starts_in=timedelta(days=30))
    at_home = make.run(course=course, partner="HBIO", starts_in=timedelta(days=40))
    make.run(course=course, partner="HBIO", status="draft")
    make.run(partner="HBIO")  # another course
    viewers = [
        trainer,
        make.partner_coordinator("HBIO"),
        make.partner_coordinator("LSK"),
        make.consortium_coordinator(),
        make.trainee(),
        make.admin(),
    ]
    others = queries.other_runs_of_course(run)
    for viewer in viewers:
        assert queries.move_targets(run, viewer) == [r for r in others if can_manage_registrations(viewer, r)]
    assert queries.move_targets(run, trainer) == [abroad_taught, at_home]
    assert queries.move_targets(run, make.consortium_coordinator()) == [abroad_taught, abroad, at_home]


def test_a_run_and_the_runs_of_a_course_come_with_the_same_seats_as_seats_of(make):
    course = make.course()
    first, second = make.run(course=course, capacity=1), make.run(course=course, capacity=3)
    for trainee in (make.trainee(), make.trainee()):
        services.register(trainee, first)
    services.register(make.trainee(), second)
    db.session.commit()

    runs, seats = queries.with_seats(queries.runs_of_course_query(course.id))
    run, run_seats = queries.run_with_seats(first.id)

    assert runs == [first, second] and seats == queries.seats_of(runs)
    assert (run, run_seats) == (first, queries.Seats(1, 1, 1))
    assert queries.run_with_seats(10**6) is None


def test_the_registration_asked_again_in_a_transaction_follows_a_registration_made_in_it(make):
    run, trainee = make.run(), make.trainee()
    assert queries.registration_of(run, trainee) is None

    services.register(trainee, run)

    assert queries.registration_of(run, trainee).status == "confirmed"
