"""`flask backup create FILE` and `flask backup restore FILE`."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

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
        f"Wrote {file}: {len(manifest['tables'])} tables, {rows} rows, {manifest['files']} files "
        f"(schema {manifest['alembic_revision']})."
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
    click.echo(f"Restored {file}: {rows} rows, {manifest['files']} files, made {manifest['created_at']}.")


def register(app: Flask) -> None:
    app.cli.add_command(backup_cli)
