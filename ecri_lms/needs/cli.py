"""`flask needs …`: import answers and self-assessments, print the ranking, write the comparative report."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from ..accounts.organisations import OrganisationType
from ..accounts.partners.services import all_partners
from ..accounts.permissions import SYSTEM
from ..infra.errors import DomainError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import ngettext
from ..infra.timeutil import utcnow
from .disclosure import shown_ranking
from .errors import ImportRefused
from .formatting import ranking_csv, ranking_json
from .pdf import render_comparative_report
from .report import comparative_report
from .services import imports
from .services.surveys import find_survey

needs_cli = AppGroup("needs", help="Training needs: import results, rank needs, write the comparative report.")


def _fail(error: DomainError) -> None:
    db.session.rollback()
    if isinstance(error, ImportRefused):
        for line_error in error.errors:
            click.echo(str(line_error), err=True)
    raise click.ClickException(error.message)


def _survey(name: str):
    survey = find_survey(name)
    if survey is None:
        raise click.ClickException(_("No survey named '%(name)s'.", name=name))
    return survey


@needs_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--survey", "survey_name", required=True, help="Survey name; created consortium-wide if new.")
def import_answers(path: Path, survey_name: str):
    """Import answers from a CSV or XLSX file (long or wide shape); all or nothing."""
    try:
        survey, result = imports.import_answers_by_name(SYSTEM, survey_name, path.read_bytes())
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(
        _(
            "%(survey)s: %(added)d new respondents, %(replaced)d replaced, %(answers)d answers imported.",
            survey=survey.name,
            added=result.added,
            replaced=result.replaced,
            answers=result.answers,
        )
    )


@needs_cli.command("import-self-assessment")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_self_assessment(path: Path):
    """Import partner,area,score,note rows (CSV or XLSX); all or nothing."""
    try:
        count = imports.import_self_assessment(SYSTEM, path.read_bytes())
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(ngettext("%(num)d self-assessment score imported.", "%(num)d self-assessment scores imported.", count))


@needs_cli.command("report")
@click.option("--survey", "survey_name", required=True)
@click.option("--partner", "partner_code", default=None, help="Only this partner's respondents.")
@click.option("--org-type", type=click.Choice([t.value for t in OrganisationType]), default=None)
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--rank-all", is_flag=True, help="Rank topics with fewer than five answers too (still flagged).")
def report(survey_name: str, partner_code: str | None, org_type: str | None, output_format: str, rank_all: bool):
    """Print topic,n,importance,competence,gap,mwds,rank (four decimals, rounded half away from zero)."""
    survey = _survey(survey_name)
    partner_id = None
    if partner_code:
        partner = next((p for p in all_partners() if p.code == partner_code.strip().upper()), None)
        if partner is None:
            raise click.ClickException(_("No partner with code '%(code)s'.", code=partner_code))
        partner_id = partner.id
    needs = shown_ranking(survey, partner_id, org_type, rank_all)
    click.echo((ranking_csv if output_format == "csv" else ranking_json)(needs), nl=False)


@needs_cli.command("pdf")
@click.option("--survey", "survey_name", required=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def pdf(survey_name: str, out: Path):
    """Write the Clusters Comparative Analysis Report of a survey as a PDF."""
    survey = _survey(survey_name)
    out.write_bytes(render_comparative_report(comparative_report(survey, utcnow().date())))
    click.echo(_("Wrote %(path)s.", path=str(out)))


def register(app: Flask) -> None:
    app.cli.add_command(needs_cli)
