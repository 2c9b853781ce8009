"""`flask content sync`: load the curriculum files into the database."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from ..infra.extensions import db
from .content import ContentInvalid, load_tree, sync_content

content_cli = AppGroup("content", help="The curriculum files (CONTENT_DIR).")


def _content_dir(directory: str | None) -> Path:
    return Path(directory or current_app.config["CONTENT_DIR"])


def _fail(invalid: ContentInvalid) -> None:
    for error in invalid.errors:
        click.echo(f"  {error}", err=True)
    raise click.ClickException(invalid.message)


@content_cli.command("sync")
@click.option("--dir", "directory", default=None, help="Content directory (default: CONTENT_DIR).")
@click.option("--check", is_flag=True, help="Only validate the files; write nothing.")
def sync(directory: str | None, check: bool):
    """Validate every file, then create, update and archive courses in one transaction."""
    content_dir = _content_dir(directory)
    if check:
        try:
            tree = load_tree(content_dir)
        except ContentInvalid as invalid:
            _fail(invalid)
        click.echo(f"{content_dir}: {len(tree.courses)} courses, {len(tree.taxonomy.topics)} topics, no errors.")
        return
    try:
        report = sync_content(content_dir)
    except ContentInvalid as invalid:
        db.session.rollback()
        _fail(invalid)
    db.session.commit()
    _echo_report(content_dir, report)


def _echo_report(content_dir: Path, report) -> None:
    if not report.changed:
        click.echo(f"Nothing changed: {len(report.unchanged)} courses unchanged in {content_dir}.")
        return
    click.echo(f"Synced {content_dir}: {report.summary()}.")
    for label in ("created", "updated", "archived"):
        codes = getattr(report, label)
        if codes:
            click.echo(f"  {label}: {', '.join(codes)}")


def register(app: Flask) -> None:
    app.cli.add_command(content_cli)
