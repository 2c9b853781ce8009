"""What other areas read of certificates: completion states for the gradebook, completions for plan coverage."""

from ecri_lms.certificates.queries import completion_states, completions_of_run
from ecri_lms.certificates.services import evaluate, issue_manually, revoke
from ecri_lms.infra.extensions import db
from ecri_lms.needs.completion_facts import CompletionFact, completion_facts
from tests.certificates.conftest import view_all_lessons


def test_completion_states_label_each_trainee(held, make):
    revoked, waiting = make.trainee("LSK"), make.trainee("LSK")
    for trainee in (revoked, waiting):
        make.registration(held.run, trainee)
    view_all_lessons(make, held.trainee, held.course)
    evaluate(held.trainee, held.run)
    revoke(held.coordinator, issue_manually(held.coordinator, held.run, revoked, "By hand"), "Withdrawn")
    db.session.commit()
    assert completion_states(held.run, [held.trainee.id, revoked.id, waiting.id]) == {
        held.trainee.id: "Completed",
        revoked.id: "Certificate revoked",
        waiting.id: "In progress",
    }
    assert completion_states(held.run, []) == {}
    assert [c.user_id for c in completions_of_run(held.run.id)] == [held.trainee.id]


def test_plan_coverage_reads_completions_with_organisation_types(held, make):
    other = make.trainee("LSK", org_type="research", organisation="Jagiellonian University")
    make.registration(held.run, other)
    for trainee in (held.trainee, other):
        view_all_lessons(make, trainee, held.course)
        evaluate(trainee, held.run)
    db.session.commit()
    facts = completion_facts([held.run.id])
    assert sorted(facts, key=lambda f: f.user_id) == [
        CompletionFact(held.run.id, held.trainee.id, "sme"),
        CompletionFact(held.run.id, other.id, "research"),
    ]
    assert completion_facts([]) == []
