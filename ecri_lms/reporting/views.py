"""Pages of the reports: dashboards, drill-down lists, exports, trainee records and the audit log."""

from dataclasses import replace

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.permissions import Cap, has_capability
from ..infra.dashboard import register_panel
from ..infra.errors import PermissionDenied, ValidationError
from ..infra.exports import Sheet, csv_response, stream_query, xlsx_response
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.links import url_with_query
from ..infra.navigation import register_nav
from ..infra.pagination import paginate, requested_page
from ..infra.timeutil import format_in_zone, utcnow
from .access import may_view_record, partner_for, partners_for, report_scope, sees_consortium, selection_for
from .audit_log import AuditFilters, audit_headers, audit_partners, audit_query, export_row
from .dashboard import build_dashboard, definition_headers, figure_definitions
from .forms import AuditFilterForm, report_filter_form
from .lists import PARTNER_AT_RISK, ROW_SETS, row_set
from .panel import panel_context
from .rows import all_rows, page_of
from .summary import day_text, filter_description, summary_headers, summary_rows
from .summary_pdf import render_summary
from .trainee_record import trainee_record

bp = Blueprint("reporting", __name__, url_prefix="/reports")
FORMATS = ("csv", "xlsx")

register_nav(_l("Dashboard"), "reporting.index", 64, lambda u: has_capability(u, Cap.VIEW_REPORTS), menu=_l("Reports"))
register_nav(_l("Audit log"), "reporting.audit", 66, lambda u: has_capability(u, Cap.VIEW_AUDIT), menu=_l("Reports"))
register_nav(_l("My training record"), "reporting.my_record", 96, lambda u: has_capability(u, Cap.LEARN), menu=_l("Me"))
register_panel("reporting", 35, "reporting/_panel.html", lambda u: has_capability(u, Cap.VIEW_REPORTS), panel_context)


def _export(fmt: str, filename: str, headers, rows, sheet: str, definitions=()):
    """CSV (the definitions are a file of their own, linked beside it) or XLSX with a Definitions sheet."""
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    if fmt == "xlsx":
        more = [Sheet(_("Definitions"), definition_headers(), definitions)] if definitions else []
        return xlsx_response(filename, headers, rows, sheet, more)
    abort(404)


def _filter_form(partners):
    """The filter form and, when valid, its filters; the form then shows the period actually used."""
    form = report_filter_form(partners, request.args)
    if not form.validate():
        return form, None
    filters = form.to_filters(utcnow().date())
    form.start.data, form.end.data = filters.start, filters.end
    return form, filters


def _links(dashboard, filters) -> dict:
    """Query strings of the dashboard's links: its filters, and per partner the same narrowed to that partner."""
    query = filters.query_args()
    return {
        "query": query,
        "partner_queries": {p.code: {**query, "partner": p.code} for p in dashboard.partners},
        "period_start": day_text(filters.start),
        "period_end": day_text(filters.end),
    }


def _linkable(rows) -> set[int]:
    """Trainee ids (rows about trainees end with id and own partner) whose record the viewer may open."""
    return {row[-2] for row in rows if may_view_record(current_user, *row[-2:])}


def _refuse(form):
    messages = [f"{getattr(form, name).label.text}: {' '.join(errors)}" for name, errors in form.errors.items()]
    raise ValidationError(_("These filters cannot be used: %(problems)s", problems="; ".join(messages)))


@bp.get("/")
@login_required
def index():
    if not sees_consortium(current_user):
        scope = report_scope(current_user)
        if not scope:
            raise PermissionDenied()
        return redirect(url_with_query("reporting.partner", request.args, code=partners_for(current_user)[0].code))
    form, filters = _filter_form(partners_for(current_user))
    if filters is None:
        return render_template("reporting/dashboard.html", form=form, dashboard=None, partner=None), 400
    dashboard = build_dashboard(current_user, filters)
    return render_template(
        "reporting/dashboard.html",
        form=form,
        dashboard=dashboard,
        partner=None,
        definitions=figure_definitions(),
        **_links(dashboard, filters),
    )


@bp.get("/partners/<code>")
@login_required
def partner(code: str):
    chosen = partner_for(current_user, code)
    form, filters = _filter_form([chosen])
    if filters is None:
        return render_template("reporting/dashboard.html", form=form, dashboard=None, partner=chosen), 400
    filters = replace(filters, partner_code=chosen.code)
    dashboard = build_dashboard(current_user, filters)
    at_risk = [(ROW_SETS[key], page_of(ROW_SETS[key], dashboard.selection, 1, per_page=10)) for key in PARTNER_AT_RISK]
    runs = page_of(ROW_SETS["runs"], dashboard.selection, 1, per_page=10)
    linkable = _linkable([row for _, page in at_risk for row in page.items])
    return render_template(
        "reporting/dashboard.html",
        form=form,
        dashboard=dashboard,
        partner=chosen,
        at_risk=at_risk,
        runs=runs,
        runs_set=ROW_SETS["runs"],
        linkable=linkable,
        definitions=figure_definitions(),
        **_links(dashboard, filters),
    )


@bp.get("/summary.<fmt>")
@login_required
def summary_export(fmt: str):
    form, filters = _filter_form(partners_for(current_user))
    if filters is None:
        _refuse(form)
    dashboard = build_dashboard(current_user, filters)
    if fmt == "pdf":
        pdf = render_summary(
            dashboard,
            filter_description(dashboard, form.chosen_labels()),
            _("Generated %(moment)s UTC.", moment=format_in_zone(utcnow(), "UTC", with_zone=False)),
        )
        return Response(
            pdf, mimetype="application/pdf", headers={"Content-Disposition": 'attachment; filename="ecri-summary.pdf"'}
        )
    return _export(
        fmt, "ecri-summary", summary_headers(dashboard), summary_rows(dashboard), _("Summary"), figure_definitions()
    )


@bp.get("/definitions.csv")
@login_required
def definitions_export():
    """What each dashboard figure counts: its own file beside every CSV, since CSV has no place for notes."""
    report_scope(current_user)  # refuses anyone who may not see reports
    return csv_response("ecri-figure-definitions", definition_headers(), figure_definitions())


@bp.get("/charts/<key>.<fmt>")
@login_required
def chart_export(key: str, fmt: str):
    form, filters = _filter_form(partners_for(current_user))
    if filters is None:
        _refuse(form)
    chart = next((c for c in build_dashboard(current_user, filters).charts if c.key == key), None)
    if chart is None:
        abort(404)
    return _export(
        fmt,
        f"ecri-{key}",
        ["", *(str(name) for name in chart.series)],
        [(label, *values) for label, values in chart.groups],
        str(chart.title)[:31],
        figure_definitions(),
    )


@bp.get("/rows/<key>")
@login_required
def rows(key: str):
    rowset = row_set(key)
    form, filters = _filter_form(partners_for(current_user))
    if filters is None:
        return render_template("reporting/rows.html", form=form, rowset=rowset, page=None), 400
    selection = selection_for(current_user, filters)
    page = page_of(rowset, selection, requested_page())
    linkable = _linkable(page.items) if rowset.about_trainees else set()
    return render_template(
        "reporting/rows.html", form=form, rowset=rowset, page=page, query=filters.query_args(), linkable=linkable
    )


@bp.get("/rows/<key>.<fmt>")
@login_required
def rows_export(key: str, fmt: str):
    rowset = row_set(key)
    form, filters = _filter_form(partners_for(current_user))
    if filters is None:
        _refuse(form)
    return _export(
        fmt,
        f"ecri-{key}",
        rowset.headers,
        all_rows(rowset, selection_for(current_user, filters)),
        str(rowset.title)[:31],
        figure_definitions(key),
    )


@bp.get("/me")
@login_required
def my_record():
    return redirect(url_for("reporting.trainee", user_id=current_user.id))


@bp.get("/trainees/<int:user_id>")
@login_required
def trainee(user_id: int):
    return render_template("reporting/trainee.html", record=trainee_record(current_user, user_id))


@bp.get("/trainees/<int:user_id>/<table>.<fmt>")
@login_required
def trainee_export(user_id: int, table: str, fmt: str):
    record = trainee_record(current_user, user_id)
    found = record.table(table)
    if found is None:
        abort(404)
    return _export(fmt, f"training-record-{user_id}-{table}", found.headers, found.rows, str(found.title)[:31])


def _audit_form():
    form = AuditFilterForm(formdata=request.args)
    form.partner.choices = [("", _("All partners"))] + [(p.code, p.short_name) for p in audit_partners(current_user)]
    if not form.validate():
        return form, None
    return form, AuditFilters(
        action=(form.action.data or "").strip(),
        target_type=(form.target_type.data or "").strip(),
        partner_code=form.partner.data or "",
        start=form.start.data,
        end=form.end.data,
    )


@bp.get("/audit")
@login_required
def audit():
    form, filters = _audit_form()
    if filters is None:
        return render_template("reporting/audit.html", form=form, page=None), 400
    page = paginate(audit_query(current_user, filters), per_page=50)
    return render_template("reporting/audit.html", form=form, page=page, query=filters.query_args())


@bp.get("/audit.<fmt>")
@login_required
def audit_export(fmt: str):
    form, filters = _audit_form()
    if filters is None:
        _refuse(form)
    codes = {p.id: p.code for p in audit_partners(current_user)}
    events = stream_query(audit_query(current_user, filters), scalars=True)
    return _export(fmt, "ecri-audit-log", audit_headers(), (export_row(e, codes) for e in events), _("Audit log"))
