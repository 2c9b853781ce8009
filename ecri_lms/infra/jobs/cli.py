"""`flask jobs worker`: run queued jobs (needs REDIS_URL)."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from ..i18n import gettext as _
from .queue import QUEUE_NAME, redis_connection

jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool):
    """Run an RQ worker inside this app's context."""
    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException(_("REDIS_URL is not set: without Redis, jobs run inline and no worker is needed."))
    from rq import Queue, SimpleWorker

    queue = Queue(QUEUE_NAME, connection=redis_connection())
    SimpleWorker([queue], connection=queue.connection).work(burst=burst)


def register(app: Flask) -> None:
    app.cli.add_command(jobs_cli)
