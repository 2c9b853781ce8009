"""The event mechanism: committed rows reach subscribers once, merged per row; nothing else does."""

from contextlib import contextmanager

from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.infra.events import Kind, committed
from ecri_lms.infra.extensions import db


def audit(summary: str) -> AuditEvent:
    event = AuditEvent(action="test.event", target_type="test", summary=summary)
    db.session.add(event)
    db.session.flush()
    return event


@contextmanager
def listening(receiver=None):
    heard = []

    def hear(model, changes):
        heard.append((model, [(change.kind, change.values["summary"], change.changed) for change in changes]))
        if receiver:
            receiver(changes)

    with committed.connected_to(hear, sender=AuditEvent):
        yield heard


def test_the_changes_of_a_row_in_one_transaction_arrive_as_one(app):
    with listening() as heard:
        kept, gone = audit("first"), audit("gone")
        kept.summary = "second"
        db.session.flush()
        db.session.delete(gone)
        db.session.flush()
        assert heard == []
        db.session.commit()
    [(model, changes)] = heard
    assert model is AuditEvent and len(changes) == 1  # the row created then deleted never happened
    kind, summary, changed = changes[0]
    assert (kind, summary) == (Kind.CREATED, "second") and {"summary", "action"} <= changed


def test_a_change_to_an_existing_row_names_the_columns_written(app):
    event = audit("before")
    db.session.commit()
    with listening() as heard:
        event.summary = "after"
        db.session.commit()
        db.session.delete(event)
        db.session.commit()
    assert heard == [
        (AuditEvent, [(Kind.CHANGED, "after", frozenset({"summary"}))]),
        (AuditEvent, [(Kind.DELETED, "after", frozenset())]),
    ]


def test_a_failing_subscriber_is_logged_and_the_commit_stands(app, caplog):
    def fail(changes):
        raise RuntimeError("subscriber broke")

    with listening(fail):
        audit("kept")
        db.session.commit()
    assert "After-commit work" in caplog.text and "subscriber broke" in caplog.text
    assert db.session.scalar(select(AuditEvent.summary)) == "kept"


def test_what_a_subscriber_commits_is_sent_in_turn(app):
    def answer(changes):
        if any(change.values["summary"] == "question" for change in changes):
            audit("answer")
            db.session.commit()

    with listening(answer) as heard:
        audit("question")
        db.session.commit()
    assert [[summary for _, summary, _ in changes] for _, changes in heard] == [["question"], ["answer"]]
