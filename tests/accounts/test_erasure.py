"""GDPR erasure: no trace of the person is left in any table; their future places go to the next in line;
what funders count stays."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import JSON, String, Text, select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.personal_data import erased_email, erased_name
from ecri_lms.accounts.services import ProfileChange, update_profile
from ecri_lms.assessment.models import Attempt
from ecri_lms.attendance.models import AttendanceMark
from ecri_lms.certificates.models import Certificate, Completion
from ecri_lms.certificates.services.issuing import issue_manually
from ecri_lms.evaluations.models import Evaluation
from ecri_lms.infra.extensions import db
from ecri_lms.notifications.models import Notification
from ecri_lms.notifications.services import notify
from ecri_lms.privacy.services import erase_personal_data
from ecri_lms.scheduling.models import Registration
from ecri_lms.scheduling.services.registrations import add_registration, remove_registration
from tests.accounts.erasure_world import EMAIL, LOCAL_PART, NAME, build_erasure_world

TRACES = (NAME, EMAIL, LOCAL_PART)


def traces_of(needles) -> list[str]:
    """Every text value, in every row of every table, that holds one of the needles (in any case)."""
    found = []
    for table in db.metadata.sorted_tables:
        columns = [column for column in table.columns if isinstance(column.type, String | Text | JSON)]
        for row in db.session.execute(select(*columns)) if columns else ():
            for column, value in zip(columns, row, strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(needle.casefold() in text.casefold() for needle in needles):
                    found.append(f"{table.name}.{column.name}: {text[:120]}")
    return found


@pytest.fixture
def world(make):
    return build_erasure_world(make)


def erase(world):
    erase_personal_data(world.admin, world.person)
    db.session.commit()
    db.session.expire_all()


def test_after_erasure_no_table_holds_the_persons_name_or_address(world):
    assert len(traces_of(TRACES)) > 20  # the scan finds them before

    erase(world)

    assert traces_of(TRACES) == []


def registration_status(run, user) -> str:
    return db.session.scalar(
        select(Registration.status).where(Registration.run_id == run.id, Registration.user_id == user.id)
    )


def test_erasure_releases_future_seats_and_waiting_places_and_the_next_in_line_is_told(world):
    first, *others = world.waiting
    assert registration_status(world.full_run, first) == "waitlisted"

    erase(world)

    released = [world.full_run, world.open_run, *world.waiting_runs, world.moved_run]
    assert [registration_status(run, world.person) for run in released] == ["removed"] * 5
    assert registration_status(world.full_run, first) == "confirmed"
    assert [registration_status(world.full_run, trainee) for trainee in others] == ["waitlisted"] * 3
    told = db.session.scalars(select(Notification.subject).where(Notification.user_id == first.id)).all()
    assert any(subject.startswith("A seat is yours") for subject in told)
    assert db.session.scalars(select(Notification).where(Notification.user_id == world.person.id)).all() == []
    releases = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "registration.release")).all()
    assert sorted(event.target_id for event in releases) == sorted(
        db.session.scalar(
            select(Registration.id).where(Registration.run_id == run.id, Registration.user_id == world.person.id)
        )
        for run in released
    )


def test_erasure_keeps_the_training_records_funders_count(world):
    person_id = world.person.id

    erase(world)

    assert registration_status(world.past_run, world.person) == "confirmed"
    assert db.session.get(Attempt, world.attempt.id).score == pytest.approx(0.8)
    assert db.session.scalar(select(AttendanceMark.status).where(AttendanceMark.user_id == person_id)) == "present"
    assert db.session.scalar(select(Completion).where(Completion.user_id == person_id)) is not None
    assert db.session.scalar(select(Evaluation.usefulness).where(Evaluation.user_id == person_id)) == 4
    certificate = db.session.get(Certificate, world.certificate.id)
    assert certificate.is_current and certificate.trainee_name == erased_name(person_id)
    assert db.session.get(Certificate, world.taught_certificate.id).trainers == [erased_name(person_id)]


def test_the_audit_log_keeps_its_events_and_names_the_pseudonym(world):
    person_id = world.person.id
    before = db.session.scalar(select(AuditEvent.summary).where(AuditEvent.action == "registration.add"))
    assert EMAIL in before

    erase(world)

    summaries = db.session.scalars(select(AuditEvent.summary).where(AuditEvent.subject_user_id == person_id)).all()
    assert before.replace(EMAIL, erased_email(person_id)) in summaries
    assert f"Certificate issued by hand to {erased_name(person_id)}" in summaries


@pytest.fixture
def ana_li(make):
    """Ana Li, and others whose names contain hers: Ana Lima, Ana Li Wang."""
    coordinator = make.partner_coordinator("HBIO")
    ana = make.user("trainee", "partner_coordinator", name="Ana Li", email="ana.li@example.org")
    lima, wang = make.trainee(name="Ana Lima"), make.trainee(name="Ana Li Wang")
    run = make.run()
    for trainee in (ana, lima, wang):
        make.registration(run, trainee)
    issue_manually(coordinator, run, ana, "Paper exam.")
    issue_manually(ana, run, lima, "Paper exam.")
    issue_manually(ana, run, wang, "Paper exam.")
    notify(coordinator, "Calls", "Ana Li, Ana Lima and Ana Li Wang called.")
    db.session.commit()
    return ana


def test_names_that_contain_the_erased_name_are_left_alone(make, ana_li):
    erase_personal_data(make.admin(), ana_li)
    db.session.commit()

    summaries = set(db.session.scalars(select(AuditEvent.summary).where(AuditEvent.action == "certificate.issue")))
    assert summaries == {
        f"Certificate issued by hand to {erased_name(ana_li.id)}",
        "Certificate issued by hand to Ana Lima",
        "Certificate issued by hand to Ana Li Wang",
    }
    assert db.session.scalar(select(Notification.body).where(Notification.subject == "Calls")) == (
        f"{erased_name(ana_li.id)}, Ana Lima and Ana Li Wang called."
    )
    assert sorted(db.session.scalars(select(Certificate.trainee_name))) == sorted(
        [erased_name(ana_li.id), "Ana Lima", "Ana Li Wang"]
    )


def test_a_namesakes_records_keep_the_name_they_share(make, ana_li):
    namesake = make.trainee(name="Ana Li", email="another.ana@example.org")
    run = make.run()
    make.registration(run, namesake)
    issue_manually(make.partner_coordinator("HBIO"), run, namesake, "Paper exam.")
    db.session.commit()

    erase_personal_data(make.admin(), ana_li)
    db.session.commit()

    about_namesake = db.session.scalars(
        select(AuditEvent.summary).where(AuditEvent.subject_user_id == namesake.id)
    ).all()
    assert about_namesake == ["Certificate issued by hand to Ana Li"]
    about_ana = db.session.scalars(
        select(AuditEvent.summary).where(
            AuditEvent.subject_user_id == ana_li.id, AuditEvent.action == "certificate.issue"
        )
    ).all()
    assert about_ana == [f"Certificate issued by hand to {erased_name(ana_li.id)}"]


def test_a_seat_on_a_run_under_way_stays_and_a_place_on_its_waiting_list_goes(make):
    person = make.trainee()
    under_way = make.run(starts_in=timedelta(days=-1), sessions=3)
    full_under_way = make.run(starts_in=timedelta(days=-1), sessions=3, capacity=1)
    make.registration(under_way, person)
    make.registration(full_under_way, make.trainee())
    make.registration(full_under_way, person, status="waitlisted")

    erase_personal_data(make.admin(), person)
    db.session.commit()

    assert registration_status(under_way, person) == "confirmed"
    assert registration_status(full_under_way, person) == "removed"


def test_an_erased_account_is_told_nothing_more(make):
    person = make.trainee()
    erase_personal_data(make.admin(), person)
    db.session.commit()

    assert notify(person, "Session changed", "Hello.") is None
    db.session.commit()
    assert db.session.scalars(select(Notification).where(Notification.user_id == person.id)).all() == []


def test_a_name_the_person_changed_from_is_erased_too(make):
    person = make.trainee(name="Oriane Vasquez-Thale")
    add_registration(make.partner_coordinator(), make.run(), person.email)
    remove_registration(
        make.partner_coordinator(), db.session.scalar(select(Registration)), "Oriane Vasquez-Thale moved away."
    )
    update_profile(person, person, ProfileChange(name="Oriane Thale", timezone="UTC"))
    db.session.commit()

    erase_personal_data(make.admin(), person)
    db.session.commit()

    assert traces_of(["Vasquez"]) == []
