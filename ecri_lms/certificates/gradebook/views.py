"""The run's gradebook page and its CSV, for the run's trainers and coordinators in scope."""

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from ...infra.exports import csv_response
from ...scheduling.services import get_run_for_manager
from . import services

bp = Blueprint("gradebook", __name__)


def _book(run_id: int) -> services.Gradebook:
    run = get_run_for_manager(current_user, run_id)
    return services.gradebook(
        current_user, run, sort=request.args.get("sort", "name"), descending=request.args.get("dir") == "desc"
    )


@bp.get("/runs/<int:run_id>/gradebook")
@login_required
def run_gradebook(run_id: int):
    return render_template("gradebook/run.html", book=_book(run_id))


@bp.get("/runs/<int:run_id>/gradebook.csv")
@login_required
def run_gradebook_csv(run_id: int):
    book = _book(run_id)
    headers, rows = services.csv_table(book)
    return csv_response(f"gradebook-run-{book.run.id}", headers, rows)
