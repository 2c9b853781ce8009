"""The states of runs, sessions and registrations move only along their lifecycles."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ecri_lms.infra.errors import DomainError, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling import queries, services
from ecri_lms.scheduling.models import Registration, RegistrationStatus, RunStatus


def test_only_a_draft_run_is_published(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO")
    with pytest.raises(ValidationError, match="Only a draft run can be published"):
        services.publish_run(coordinator, run)
    assert run.status == RunStatus.PUBLISHED


def test_only_a_published_run_is_closed_as_completed(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO", status=RunStatus.DRAFT, starts_in=-timedelta(days=3))
    with pytest.raises(ValidationError, match="Only a published run can be closed"):
        services.complete_run(coordinator, run)
    assert run.is_draft and run.completed_at is None


@pytest.mark.parametrize("status", [RunStatus.CANCELLED, RunStatus.COMPLETED])
def test_a_cancelled_or_completed_run_cannot_be_cancelled(make, status):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO", status=status)
    with pytest.raises(ValidationError, match=f"This run is {status}: it can no longer be changed"):
        services.cancel_run(coordinator, run, "Again")
    assert run.status == status and run.cancellation_reason == ""


def test_a_cancelled_session_cannot_be_cancelled_again(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO", sessions=2)
    training_session = run.sessions[0]
    services.cancel_session(coordinator, training_session, "Trainer ill")
    with pytest.raises(ValidationError, match="already cancelled"):
        services.cancel_session(coordinator, training_session, "Twice")
    assert training_session.sequence == 1 and training_session.cancellation_reason == "Trainer ill"


def test_a_registration_taken_off_the_run_cannot_be_removed_again(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO")
    registration = services.register(make.trainee(), run)
    services.remove_registration(coordinator, registration, "No show")
    with pytest.raises(ValidationError, match="no longer active"):
        services.remove_registration(coordinator, registration, "Twice")
    assert registration.status == RegistrationStatus.REMOVED and registration.note == "No show"


def test_a_confirmed_seat_is_not_promoted_and_an_active_place_is_not_given_twice(make):
    run = make.run(capacity=1)
    seated = services.register(make.trainee(), run)
    with pytest.raises(DomainError, match="Only a place on the waiting list"):
        seated.promote(utcnow())
    with pytest.raises(DomainError, match="already active"):
        seated.place(99, utcnow(), seat_free=True)
    seated.cancel(utcnow())
    with pytest.raises(DomainError, match="no longer active"):
        seated.cancel(utcnow())
    assert seated.status == RegistrationStatus.CANCELLED and seated.position == 1


def test_confirmed_on_finds_only_the_confirmed_registrations_of_that_run(make):
    run, other = make.run(capacity=1), make.run(capacity=5)
    seated, waiting = make.trainee(), make.trainee()
    services.register(seated, run)
    services.register(waiting, run)
    services.register(waiting, other)
    db.session.flush()
    confirmed = db.session.scalars(select(Registration.user_id).where(Registration.confirmed_on(run.id))).all()
    assert confirmed == [seated.id]
    assert db.session.scalar(select(func.count()).where(Registration.confirmed_on(other.id))) == 1
    assert [r.user_id for r in queries.confirmed_registrations(run)] == [seated.id]


def test_templates_compare_states_with_the_enums(app, make):
    run = make.run(capacity=1)
    registration = services.register(make.trainee(), run)
    template = app.jinja_env.from_string(
        "{{ registration.status == RegistrationStatus.CONFIRMED }} {{ run.status == RunStatus.DRAFT }}"
    )
    assert template.render(registration=registration, run=run) == "True False"
