"""How the outbox plugs into other areas: personal-data download and erasure, and a start-up line
that says where e-mail goes."""

from flask import Flask

from ...accounts.personal_data import register_eraser, register_exporter
from ...infra.mail.transport import describe
from . import personal_data

register_exporter("outbox", personal_data.export)
register_eraser("outbox", personal_data.erase)


def register(app: Flask) -> None:
    if not app.testing:
        app.logger.warning(describe(app))
