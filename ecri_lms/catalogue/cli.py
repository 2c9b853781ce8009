"""`flask content sync`: load the curriculum files into the database."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import ngettext
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
        click.echo(
            _(
                "%(dir)s: %(courses)d courses, %(topics)d topics, no errors.",
                dir=content_dir,
                courses=len(tree.courses),
                topics=len(tree.taxonomy.topics),
            )
        )
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
        click.echo(
            ngettext(
                "Nothing changed: %(num)d course unchanged in %(dir)s.",
                "Nothing changed: %(num)d courses unchanged in %(dir)s.",
                len(report.unchanged),
                dir=content_dir,
            )
        )
        return
    click.echo(_("Synced %(dir)s: %(summary)s.", dir=content_dir, summary=report.summary()))
    for name, label in (("created", _("created")), ("updated", _("updated")), ("archived", _("archived"))):
        codes = getattr(report, name)
        if codes:
            click.echo(_("  %(what)s: %(codes)s", what=label, codes=", ".join(codes)))


def register(app: Flask) -> None:
    app.cli.add_command(content_cli)
