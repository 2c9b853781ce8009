"""`flask content sync`: load the curriculum files into the database; `flask content stamp-translations`."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import ngettext
from .content import ContentError, ContentInvalid, load_tree, stamp_translations, sync_content
from .content.lessons import LANGUAGE_PATTERN

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
        _echo_warnings(tree.warnings)
        return
    try:
        report = sync_content(content_dir)
    except ContentInvalid as invalid:
        db.session.rollback()
        _fail(invalid)
    db.session.commit()
    _echo_report(content_dir, report)
    _echo_warnings(report.warnings)


def _echo_warnings(warnings: list[ContentError] | tuple[ContentError, ...]) -> None:
    """Missing and stale translations: shown after the result, on stderr, never failing the command.
    Stale ones one by one (each needs a translator's look); missing ones counted per course folder and
    language, since a course translated for the catalogue only lacks every lesson."""
    if not warnings:
        return
    missing = [warning for warning in warnings if warning.message.startswith("missing")]
    click.echo(
        f"{len(warnings)} translation warnings ({len(missing)} missing, {len(warnings) - len(missing)} stale); "
        f"the content was still loaded:",
        err=True,
    )
    for warning in warnings:
        if warning not in missing:
            click.echo(f"  warning: {warning}", err=True)
    by_folder: dict[str, list[str]] = {}
    for warning in missing:
        folder, _sep, name = warning.path.partition("/translations/")
        language, _sep, file_name = name.partition("/")
        by_folder.setdefault(f"{folder}/translations/{language}", []).append(file_name)
    for folder, names in by_folder.items():
        click.echo(f"  missing: {folder}: {len(names)} not translated ({', '.join(sorted(names))})", err=True)


@content_cli.command("stamp-translations")
@click.argument("code", required=False)
@click.option("--lang", "language", default=None, help="Only this language's translations (es, el, pl, it…).")
@click.option("--dir", "directory", default=None, help="Content directory (default: CONTENT_DIR).")
def stamp(code: str | None, language: str | None, directory: str | None):
    """Record in each translation file the version of the original it now matches (translated_from).

    Run it after bringing a translation up to date: `flask content sync` then stops calling it stale."""
    if language is not None and not LANGUAGE_PATTERN.fullmatch(language):
        raise click.BadParameter(f"{language!r} is not a language code such as es or el.", param_hint="--lang")
    try:
        report = stamp_translations(_content_dir(directory), code, language)
    except ContentInvalid as invalid:
        _fail(invalid)
    for rel in report.stamped:
        click.echo(f"  stamped {rel}")
    click.echo(f"{len(report.stamped)} translation files stamped, {len(report.current)} already up to date.")


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
