"""A sender killed between claiming an e-mail and sending it: the e-mail still goes out, exactly once."""

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.outbox import queue_mail
from ecri_lms.infra.mail.sender import LEASE, send_pending
from tests.mail.smtp_sink import smtp_sink
from tests.mail.test_outbox import use_smtp
from tests.outbox import outbox_rows

ROOT = Path(__file__).resolve().parents[2]
SENDER = """
import sys
from ecri_lms import create_app
from ecri_lms.infra.mail.sender import send_pending
app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": sys.argv[1], "MAIL_SERVER": "127.0.0.1",
                             "MAIL_PORT": int(sys.argv[2]), "MAIL_USE_TLS": False})
with app.app_context():
    send_pending()
"""

pytestmark = [pytest.mark.slow, pytest.mark.committing]  # a sender process of its own reads the outbox


@contextmanager
def silent_smtp_server():
    """The port of a server that accepts connections and never says a word: a sender waits there."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def wait_for_status(status: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while outbox_rows()[0].status != status:
        assert time.monotonic() < deadline, f"the e-mail never reached {status!r}"
        time.sleep(0.05)


def test_a_sender_killed_between_claim_and_send_leaves_the_e_mail_to_be_sent_once_later(app, database_url, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")  # the commit only writes the row
    message_id = queue_mail("ana@example.org", "Your seat is confirmed", "Hello Ana").message_id
    db.session.commit()
    with silent_smtp_server() as port:
        process = subprocess.Popen([sys.executable, "-c", SENDER, database_url, str(port)], cwd=ROOT)
        try:
            wait_for_status("sending")
        finally:
            process.kill()
            process.wait(timeout=30)
    (claimed,) = outbox_rows()
    assert claimed.attempts == 1
    lease_ends = claimed.due_at
    with smtp_sink() as (sink, port):
        use_smtp(app, monkeypatch, port)
        assert send_pending() == 0  # the killed sender's lease still holds
        assert send_pending(lease_ends) == 1  # it ran out: the next sender takes the e-mail
        assert send_pending(lease_ends + LEASE) == 0
        assert sink.message_ids() == [message_id]
    (row,) = outbox_rows()
    assert (row.status, row.attempts) == ("sent", 2)
