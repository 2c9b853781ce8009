"""`flask certificates …`: evaluate and issue for a run or every ended run, render, revoke and list certificates."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from ..accounts.permissions import SYSTEM
from ..infra.errors import DomainError
from ..infra.exports import csv_lines
from ..infra.extensions import db
from ..infra.i18n import LANGUAGES, _, ngettext
from ..infra.timeutil import utcnow
from ..scheduling.queries import get_run
from . import codes, queries, services
from .summaries import ended_runs_summary, evaluation_summary

certificates_cli = AppGroup("certificates", help="Completion and certificates.")
LIST_HEADERS = ("code", "trainee", "course", "partner", "issued", "status")


def _run(run_id: int):
    run = get_run(run_id)
    if run is None:
        raise click.ClickException(_("No run with the id %(id)d.", id=run_id))
    return run


def _certificate(typed: str):
    code = codes.normalise(typed)
    certificate = services.find_by_code(code) if code else None
    if certificate is None:
        raise click.ClickException(_("No certificate with the code “%(code)s”.", code=typed))
    return certificate


@certificates_cli.command("evaluate")
@click.option("--run", "run_id", type=int, required=True, help="The run's id.")
def evaluate(run_id: int):
    """Re-evaluate every confirmed trainee of a run (issuing certificates to those who completed)."""
    result = services.evaluate_run(SYSTEM, _run(run_id))
    db.session.commit()
    click.echo(evaluation_summary(result))


@certificates_cli.command("evaluate-ended")
def evaluate_ended():
    """Evaluate every run whose end has passed since it was last evaluated (from cron; safe to overlap)."""
    result = services.evaluate_ended_runs()
    click.echo(ended_runs_summary(result))


@certificates_cli.command("issue")
@click.option("--run", "run_id", type=int, required=True, help="The run's id.")
def issue(run_id: int):
    """Issue certificates to everyone who completed the run and has none yet."""
    run = _run(run_id)
    result = services.evaluate_run(SYSTEM, run)
    issued = services.issue_for_completions(run)
    db.session.commit()
    click.echo(
        ngettext(
            "%(num)d certificate issued for run %(run)s.",
            "%(num)d certificates issued for run %(run)s.",
            result.issued + len(issued),
            run=run.id,
        )
    )


@certificates_cli.command("render")
@click.argument("code")
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Where to write the PDF.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(list(LANGUAGES)),
    default=None,
    help="The language of the PDF (default: the holder's own).",
)
def render(code: str, out_file: Path, language: str | None):
    """Write a certificate's PDF."""
    certificate = _certificate(code)
    out_file.write_bytes(services.pdf_of(certificate, language))
    click.echo(
        _(
            "%(file)s: certificate %(code)s of %(name)s.",
            file=str(out_file),
            code=codes.display(certificate.code),
            name=certificate.trainee_name,
        )
    )


@certificates_cli.command("revoke")
@click.argument("code")
@click.option("--reason", required=True, help="Why it is revoked (kept in the audit log).")
def revoke(code: str, reason: str):
    """Revoke a current certificate."""
    certificate = _certificate(code)
    try:
        services.revoke(SYSTEM, certificate, reason)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(_("Certificate %(code)s revoked.", code=codes.display(certificate.code)))


@certificates_cli.command("list")
@click.option("--run", "run_id", type=int, default=None, help="Only this run's certificates.")
@click.option("--format", "output", type=click.Choice(["csv"]), default="csv", show_default=True)
def list_certificates(run_id: int | None, output: str):
    """Every certificate (or a run's): code, trainee, course, partner, issue date and status."""
    if run_id is not None:
        _run(run_id)
    now = utcnow()
    rows = (
        (
            codes.display(c.code),
            c.trainee_name,
            c.course_title,
            c.run.partner.code,
            c.issued_on.isoformat(),
            c.status_at(now),
        )
        for c in queries.certificate_list(run_id)
    )
    for line in csv_lines(LIST_HEADERS, rows):
        click.echo(line, nl=False)


def register(app: Flask) -> None:
    app.cli.add_command(certificates_cli)
