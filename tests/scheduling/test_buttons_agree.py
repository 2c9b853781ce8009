"""The run page offers a button only when the service would accept it: both ask the same rule."""

from datetime import timedelta

import pytest

from ecri_lms.infra.errors import ValidationError
from ecri_lms.scheduling import services


def test_a_waitlisted_trainee_is_not_offered_to_leave_once_the_run_started(make, client, login_as):
    run = make.run(starts_in=timedelta(hours=-1), sessions=2, capacity=1)
    trainee = make.trainee()
    make.registration(run, trainee, status="waitlisted")
    login_as(trainee)
    page = client.get(f"/runs/{run.id}").get_data(as_text=True)
    assert "Leave the waiting list" not in page
    assert "The run has started: the waiting list is closed." in page
    with pytest.raises(ValidationError):
        services.cancel_own_registration(trainee, run)


def test_a_waitlisted_trainee_is_offered_to_leave_before_the_start(make, client, login_as):
    run = make.run(capacity=1)
    trainee = make.trainee()
    make.registration(run, trainee, status="waitlisted")
    login_as(trainee)
    assert "Leave the waiting list" in client.get(f"/runs/{run.id}").get_data(as_text=True)


@pytest.mark.parametrize("starts_in, offered", [(timedelta(days=3), False), (timedelta(days=-3), True)])
def test_close_as_completed_is_offered_only_after_the_last_session(make, client, login_as, starts_in, offered):
    run = make.run(starts_in=starts_in)
    login_as(make.partner_coordinator("HBIO"))
    assert ("Close as completed" in client.get(f"/runs/{run.id}").get_data(as_text=True)) is offered
    assert (services.completion_refusal(run) is None) is offered


def test_a_trainer_of_the_run_gets_the_meeting_link_on_its_page_as_in_its_calendar(make, client, login_as):
    trainer = make.trainer()
    run = make.run(trainers=[trainer], format="online")
    run.sessions[0].meeting_url = "https://meet.example.org/hb101"
    login_as(trainer)
    assert "https://meet.example.org/hb101" in client.get(f"/runs/{run.id}").get_data(as_text=True)
    assert services.may_join(trainer, run)
    assert services.join_checker(trainer, run.sessions)(run.sessions[0])
