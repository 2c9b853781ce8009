"""`flask demo load`: fill an empty database with a believable consortium."""

import random
import time

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from ..accounts.models import User
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.mail.outbox import discard_unsent_to_domain
from .people import DEMO_DOMAIN, DEMO_PASSWORD
from .scale import NATIONAL, grow, refresh_statistics, scale_email
from .steps import DEMO_STEPS

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when accounts already exist.")
@click.option("--seed", default=2017, show_default=True, help="Random seed, for a repeatable data set.")
@click.option(
    "--scale",
    type=click.Choice(["consortium", "national"]),
    default="consortium",
    show_default=True,
    help="national: add tens of thousands of trainees and years of history (bulk inserts).",
)
@click.option(
    "--scale-factor",
    type=click.FloatRange(min=0, min_open=True),
    default=1.0,
    show_default=True,
    help="Multiply the national volumes (e.g. 0.01 for a quick try).",
)
def load(if_empty: bool, seed: int, scale: str, scale_factor: float):
    """Load the demo consortium into an empty database."""
    if db.session.scalar(select(func.count()).select_from(User)):
        if if_empty:
            click.echo(_("Demo data not loaded: the database already has accounts."))
            return
        raise click.ClickException(_("The database already has accounts: demo data goes into an empty database."))
    rng = random.Random(seed)
    context: dict = {}
    for step in DEMO_STEPS:
        step(rng, context)
        db.session.flush()
    discard_unsent_to_domain(DEMO_DOMAIN)  # the demo's people are invented: nobody is told about their runs
    db.session.commit()
    if scale == "national":
        started = time.monotonic()
        click.echo(_("Adding the national programme:"))
        grow(rng, NATIONAL.scaled(scale_factor))
        db.session.commit()
        refresh_statistics()
        click.echo(
            _(
                "National data added in %(seconds)d s (generated accounts: %(trainee)s, … %(trainer)s, …).",
                seconds=round(time.monotonic() - started),
                trainee=scale_email("trainee", 0),
                trainer=scale_email("trainer", 0),
            )
        )
    click.echo(_("Demo data loaded. Every demo account's password is: %(password)s", password=DEMO_PASSWORD))
    for email in ("admin", "coordinator", "pc.bioibal", "pc.hbio", "trainer.hbio", "trainee.lsk"):
        click.echo(f"  {email}@{DEMO_DOMAIN}")


def register(app: Flask) -> None:
    app.cli.add_command(demo_cli)
