"""A local SMTP server that keeps what it receives (aiosmtpd, in a thread of the test process)."""

import threading
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.e2e.server import free_port


class Sink:
    """Collects every message the server accepts, in order."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self._lock:
            self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self._lock:
            return [message["Message-ID"] for message in self.messages]


@contextmanager
def smtp_sink():
    """(sink, port) of a plain SMTP server on 127.0.0.1 (no STARTTLS, no login), for the block."""
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()
