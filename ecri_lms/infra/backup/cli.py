"""`flask backup create FILE` and `flask backup restore FILE`."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from ..i18n import gettext as _
from .archive import BackupError
from .services import create_backup, restore_backup

backup_cli = AppGroup("backup", help="Back up the database and uploaded files, or restore a backup.")


@backup_cli.command("create")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def create(file: Path):
    """Write a consistent archive of every table and uploaded file (safe while the app runs)."""
    try:
        manifest = create_backup(file)
    except (BackupError, OSError) as error:
        raise click.ClickException(str(error)) from None
    rows = sum(manifest["tables"].values())
    click.echo(
        _(
            "Wrote %(file)s: %(tables)d tables, %(rows)d rows, %(files)d files (schema %(revision)s).",
            file=file,
            tables=len(manifest["tables"]),
            rows=rows,
            files=manifest["files"],
            revision=manifest["alembic_revision"],
        )
    )


@backup_cli.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def restore(file: Path):
    """Restore an archive into an empty installation at the same schema revision."""
    try:
        manifest = restore_backup(file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    rows = sum(manifest["tables"].values())
    click.echo(
        _(
            "Restored %(file)s: %(rows)d rows, %(files)d files, made %(made)s.",
            file=file,
            rows=rows,
            files=manifest["files"],
            made=manifest["created_at"],
        )
    )


def register(app: Flask) -> None:
    app.cli.add_command(backup_cli)
