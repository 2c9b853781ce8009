"""`flask quiz …`: GIFT import and export of a course's question bank, and the quizzes of content courses."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ..accounts.permissions import SYSTEM
from ..catalogue.models import Course
from ..infra.errors import DomainError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import ngettext
from . import services

quiz_cli = AppGroup("quiz", help="Question banks and quizzes.")


def _course(code: str) -> Course:
    course = db.session.scalar(select(Course).where(Course.code == code))
    if course is None:
        raise click.ClickException(_("No course with the code '%(code)s'.", code=code))
    return course


@quiz_cli.command("import-gift")
@click.argument("course_code")
@click.argument("gift_file", type=click.File("rb"))
def import_gift(course_code: str, gift_file):
    """Import the questions of a GIFT file into a course's bank (exits 1 if a question could not be read)."""
    course = _course(course_code)
    try:
        text = services.decode_gift(gift_file.read())
        report = services.import_gift(SYSTEM, course, text, source_file=click.format_filename(gift_file.name))
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"{course.code}: {report.summary()}.")
    for question in report.created:
        click.echo(
            _(
                "  created: %(category)s / %(name)s (line %(line)s)",
                category=question.category.label,
                name=question.name,
                line=question.source_line,
            )
        )
    for error in report.errors:
        click.echo(_("  line %(line)s: %(message)s", line=error.line, message=error.message), err=True)
    if report.errors:
        raise SystemExit(1)


@quiz_cli.command("export-gift")
@click.argument("course_code")
@click.option(
    "--out",
    "out_file",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write to this file instead of standard output.",
)
def export_gift(course_code: str, out_file):
    """Write a course's active questions as GIFT (that imports back to the same questions)."""
    exported = services.export_gift(SYSTEM, _course(course_code))
    out_file.write(exported.text)
    for question, reason in exported.skipped:
        click.echo(_("not exported: '%(name)s': %(reason)s", name=question.name, reason=reason), err=True)


@quiz_cli.command("sync-content")
@click.option("--content-dir", default=None, help="Defaults to the CONTENT_DIR setting.")
def sync_content(content_dir: str | None):
    """Load the quizzes of every content course in the database from its GIFT files (exits 1 on problems)."""
    directory = content_dir or current_app.config["CONTENT_DIR"]
    try:
        report = services.sync_content_quizzes(directory)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    loaded = ngettext(
        "Quizzes of %(num)d content course loaded:",
        "Quizzes of %(num)d content courses loaded:",
        len(report.courses),
    )
    counts = ", ".join(
        (
            ngettext("%(num)d quiz", "%(num)d quizzes", report.quizzes),
            ngettext("%(num)d problem", "%(num)d problems", len(report.problems)),
        )
    )
    click.echo(f"{loaded} {counts}.")
    for file, line, message in report.problems:
        click.echo(f"  {file}{f':{line}' if line else ''}: {message}", err=True)
    if report.problems:
        raise SystemExit(1)


def register(app: Flask) -> None:
    app.cli.add_command(quiz_cli)
