"""Evaluating a run: who, when, once; the results; the level-2 provider; invitations."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ecri_lms.evaluations import services
from ecri_lms.evaluations.invitations import invite_due
from ecri_lms.evaluations.models import Evaluation
from ecri_lms.evaluations.results import run_results
from ecri_lms.infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.notifications.models import Notification
from tests.evaluations.conftest import answers


def test_a_confirmed_trainee_evaluates_an_ended_run_with_a_rating_per_topic(ended):
    trainee = ended.trainees[1]
    evaluation = services.submit(trainee, ended.run, answers(comment="  Very practical.  "))
    db.session.commit()
    assert (evaluation.usefulness, evaluation.trainer, evaluation.organisation, evaluation.comment) == (
        4,
        5,
        3,
        "Very practical.",
    )
    assert evaluation.partner_id == trainee.partner_id
    assert sorted((r.topic.code, r.competence) for r in evaluation.ratings) == [("FIN", 4), ("REG", 3)]


def test_a_trainee_cannot_evaluate_twice(ended):
    trainee = ended.trainees[0]
    services.submit(trainee, ended.run, answers())
    db.session.commit()
    with pytest.raises(Conflict, match="already evaluated"):
        services.submit(trainee, ended.run, answers(usefulness=1))
    assert db.session.scalar(select(Evaluation.usefulness)) == 4


def test_the_database_also_refuses_a_second_evaluation(ended):
    trainee = ended.trainees[0]
    services.submit(trainee, ended.run, answers())
    db.session.commit()
    db.session.add(Evaluation(run_id=ended.run.id, user_id=trainee.id, usefulness=1, trainer=1, organisation=1))
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_only_confirmed_trainees_of_the_run_may_evaluate_it(make, ended):
    other_run = make.run(ended.course, "HBIO", starts_in=timedelta(days=-5))
    outsider = make.trainee("HBIO")
    make.registration(other_run, outsider)
    for user in (outsider, ended.waitlisted, ended.trainer):
        with pytest.raises(NotFound):
            services.submit(user, ended.run, answers())


def test_the_evaluation_opens_when_the_run_ends_and_closes_after_the_window(make, ended):
    trainee = make.trainee("HBIO")
    coming = make.run(ended.course, "HBIO", starts_in=timedelta(days=2))
    make.registration(coming, trainee)
    with pytest.raises(Conflict, match="opens when"):
        services.submit(trainee, coming, answers())
    old = make.run(ended.course, "HBIO", starts_in=-services.EVALUATION_WINDOW - timedelta(days=1))
    make.registration(old, trainee)
    with pytest.raises(Conflict, match="closed"):
        services.submit(trainee, old, answers())
    assert services.trainee_state(trainee, coming) == "not_yet" and services.trainee_state(trainee, old) == "closed"


def test_a_cancelled_run_is_not_evaluated(make, ended):
    ended.run.status = "cancelled"
    db.session.commit()
    with pytest.raises(Conflict, match="cancelled"):
        services.submit(ended.trainees[0], ended.run, answers())


@pytest.mark.parametrize(
    "bad", [answers(usefulness=0), answers(trainer=6), answers(fin=7), answers(comment="x" * 2001)]
)
def test_ratings_outside_the_scale_are_refused(ended, bad):
    with pytest.raises(ValidationError):
        services.submit(ended.trainees[0], ended.run, bad)


def test_every_topic_of_the_run_must_be_rated(ended):
    missing = answers()
    del missing.competence["REG"]
    with pytest.raises(ValidationError, match="each topic"):
        services.submit(ended.trainees[0], ended.run, missing)


def test_pending_runs_are_those_ended_open_and_not_yet_evaluated(ended):
    trainee = ended.trainees[0]
    assert services.pending_runs(trainee) == [ended.run]
    assert services.pending_runs(ended.waitlisted) == []
    services.submit(trainee, ended.run, answers())
    assert services.pending_runs(trainee) == []
    assert services.trainee_state(trainee, ended.run) == "given"


def test_results_give_means_distributions_and_comments(make, ended, every_group_shown):
    services.submit(ended.trainees[0], ended.run, answers(usefulness=5, comment="Great examples."))
    services.submit(ended.trainees[1], ended.run, answers(usefulness=2, fin=2, reg=5))
    db.session.commit()
    results = run_results(ended.trainer, ended.run)
    assert (results.trainees, results.answered) == (2, 2)
    usefulness = results.level_one[0]
    assert usefulness.answers.counts == (0, 1, 0, 0, 1) and usefulness.answers.mean == Decimal("3.50")
    assert [(q.label[:3], q.answers.mean) for q in results.topics] == [
        ("FIN", Decimal("3.00")),
        ("REG", Decimal("4.00")),
    ]
    assert results.comments == ["Great examples."]


def test_results_are_for_those_who_manage_the_run(make, ended):
    services.submit(ended.trainees[0], ended.run, answers())

    assert run_results(make.partner_coordinator("HBIO"), ended.run).answered == 1
    assert run_results(make.consortium_coordinator(), ended.run).answered == 1
    with pytest.raises(NotFound):
        run_results(make.partner_coordinator("LSK"), ended.run)
    with pytest.raises(PermissionDenied):
        run_results(ended.trainees[0], ended.run)


def test_trainees_are_invited_once_when_their_run_has_ended(make, ended):
    make.run(ended.course, "HBIO", starts_in=timedelta(days=3))  # not over: nobody invited
    assert invite_due() == (1, 2)
    notes = db.session.scalars(select(Notification)).all()
    assert sorted(n.user_id for n in notes) == sorted(t.id for t in ended.trainees)
    assert all(f"/evaluations/runs/{ended.run.id}" in n.link for n in notes)
    assert invite_due() == (0, 0)


def test_runs_whose_evaluation_closed_are_not_invited(make, ended):
    make.run(ended.course, "HBIO", starts_in=-services.EVALUATION_WINDOW - timedelta(days=2))
    assert invite_due(utcnow()) == (1, 2)
