"""A memoised read is answered again only while nothing this session did can have changed its answer."""

from sqlalchemy import update

from ecri_lms.accounts.models import User
from ecri_lms.infra.extensions import db
from ecri_lms.infra.memo import memoised


class Read:
    """A stand-in read that says how often it ran."""

    def __init__(self, read):
        self.read, self.runs = read, 0

    def __call__(self):
        self.runs += 1
        return self.read()


def test_a_read_asked_twice_in_a_transaction_runs_once(make):
    user = make.trainee(name="Ana")
    read = Read(lambda: user.name)

    assert [memoised(("name", user.id), read), memoised(("name", user.id), read)] == ["Ana", "Ana"]
    assert read.runs == 1


def test_pending_and_flushed_changes_are_never_hidden(make):
    user = make.trainee(name="Ana")
    read = Read(lambda: db.session.get(User, user.id).name)
    memoised(("name", user.id), read)

    user.name = "Bea"
    assert memoised(("name", user.id), read) == "Bea"  # not flushed yet: asked afresh
    db.session.flush()
    assert memoised(("name", user.id), read) == "Bea"
    assert read.runs == 3


def test_a_writing_statement_drops_the_answers(make):
    user = make.trainee(name="Ana")
    read = Read(lambda: db.session.scalar(db.select(User.name).where(User.id == user.id)))
    memoised(("name", user.id), read)

    db.session.execute(update(User).where(User.id == user.id).values(name="Bea"))

    assert memoised(("name", user.id), read) == "Bea"


def test_answers_end_with_the_transaction_and_with_the_request(app, make):
    user = make.trainee(name="Ana")
    read = Read(lambda: user.name)
    memoised(("name", user.id), read)
    db.session.commit()
    memoised(("name", user.id), read)
    db.session.rollback()
    memoised(("name", user.id), read)
    memoised(("name", user.id), read)
    assert read.runs == 3

    app.test_client().get("/courses")  # a request that only reads, in this test's session and transaction
    memoised(("name", user.id), read)
    assert read.runs == 4
