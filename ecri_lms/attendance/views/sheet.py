"""A session's attendance sheet for its trainers: marking, history, check-in window, CSV and sign-in sheet."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...infra.exports import csv_response
from ...infra.i18n import gettext as _
from ...infra.i18n import ngettext
from ...infra.links import absolute_url
from ...infra.timeutil import utcnow
from ...infra.web import commit_or_flash, flash_form_errors
from .. import checkin, documents, services
from ..forms import OpenCheckInForm, PlainForm, sheet_entries, status_options
from .blueprint import bp


def _sheet_url(training_session):
    return url_for("attendance.sheet", training_session_id=training_session.id)


@bp.get("/sessions/<int:training_session_id>/sheet")
@login_required
def sheet(training_session_id: int):
    training_session = services.get_training_session_for_manager(current_user, training_session_id)
    window = checkin.window_of(training_session.id)
    now = utcnow()
    open_window = window if window is not None and window.is_open(now) else None
    return render_template(
        "attendance/sheet.html",
        training_session=training_session,
        run=training_session.run,
        lines=services.sheet_rows(training_session),
        not_expected=services.not_expected_user_ids(training_session),
        history=services.history_of(training_session.id),
        status_options=status_options(),
        window=open_window,
        form=PlainForm(),
        open_form=OpenCheckInForm(),
        heading=documents.session_heading(training_session),
        when=documents.session_when(training_session),
        check_in_url=absolute_url("attendance.check_in_link", code=open_window.code) if open_window else None,
    )


@bp.post("/sessions/<int:training_session_id>/sheet")
@login_required
def save_sheet(training_session_id: int):
    training_session = services.get_training_session_for_manager(current_user, training_session_id)
    if PlainForm().validate_on_submit():
        user_ids = services.sheet_user_ids(training_session.run_id)
        outcome = commit_or_flash(
            lambda: services.save_sheet(current_user, training_session, sheet_entries(request.form, user_ids))
        )
        if outcome.ok:
            flash(
                ngettext(
                    "Attendance sheet saved: %(num)d change.", "Attendance sheet saved: %(num)d changes.", outcome.value
                ),
                "success",
            )
    return redirect(_sheet_url(training_session))


@bp.post("/sessions/<int:training_session_id>/sheet/all-present")
@login_required
def mark_all_present(training_session_id: int):
    training_session = services.get_training_session_for_manager(current_user, training_session_id)
    if PlainForm().validate_on_submit():
        outcome = commit_or_flash(lambda: services.mark_all_present(current_user, training_session))
        if outcome.ok:
            flash(
                ngettext(
                    "%(num)d unmarked trainee marked present.",
                    "%(num)d unmarked trainees marked present.",
                    outcome.value,
                ),
                "success",
            )
    return redirect(_sheet_url(training_session))


@bp.post("/sessions/<int:training_session_id>/check-in/open")
@login_required
def open_check_in(training_session_id: int):
    training_session = services.get_training_session_for_manager(current_user, training_session_id)
    form = OpenCheckInForm()
    if form.validate_on_submit():
        commit_or_flash(
            lambda: checkin.open_check_in(current_user, training_session, form.minutes.data),
            _("Check-in is open: show the code or the QR code to the trainees."),
        )
    else:
        flash_form_errors(form)
    return redirect(_sheet_url(training_session))


@bp.post("/sessions/<int:training_session_id>/check-in/close")
@login_required
def close_check_in(training_session_id: int):
    training_session = services.get_training_session_for_manager(current_user, training_session_id)
    if PlainForm().validate_on_submit():
        commit_or_flash(lambda: checkin.close_check_in(current_user, training_session), _("Check-in is closed."))
    return redirect(_sheet_url(training_session))


@bp.get("/sessions/<int:training_session_id>/check-in/qr.svg")
@login_required
def check_in_qr(training_session_id: int):
    training_session = services.get_training_session_for_manager(current_user, training_session_id)
    window = checkin.window_of(training_session.id)
    if window is None or not window.is_open(utcnow()):
        return Response(_("Check-in is not open for this session."), status=404, mimetype="text/plain")
    svg = documents.qr_svg(absolute_url("attendance.check_in_link", code=window.code))
    return Response(svg, mimetype="image/svg+xml")


@bp.get("/sessions/<int:training_session_id>/sheet.csv")
@login_required
def sheet_csv(training_session_id: int):
    training_session = services.get_training_session_for_manager(current_user, training_session_id)
    lines = services.sheet_of(training_session)
    names = services.marker_names(lines)
    return csv_response(
        f"attendance-sheet-session-{training_session.id}",
        documents.csv_headers(),
        documents.sheet_csv_rows(lines, names),
    )


@bp.get("/sessions/<int:training_session_id>/sign-in-sheet.pdf")
@login_required
def sign_in_sheet(training_session_id: int):
    training_session = services.get_training_session_for_manager(current_user, training_session_id)
    return Response(
        documents.sign_in_sheet_pdf(training_session),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="sign-in-session-{training_session.id}.pdf"'},
    )
