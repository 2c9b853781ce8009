"""Calendar files: .ics downloads, the personal feed at a secret URL, partners' public feeds."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...accounts.languages import language_of, visitor_language
from ...accounts.partners.services import all_partners, get_partner_by_code
from ...infra.errors import DomainError
from ...infra.i18n import gettext as _
from ...infra.i18n import in_language
from ...infra.links import absolute_url
from ...infra.web import commit_or_flash
from .. import queries, services
from ..calendars import sessions_calendar
from ..forms import PlainForm
from .blueprint import bp
from .browse import visible_run_or_404


def _ics(data: bytes, filename: str, *, cache: str | None = None) -> Response:
    """The calendar with a strong ETag of its bytes: a subscribed application that already has this
    version gets a 304 with no body (feeds are polled far more often than they change). Private calendars
    are never stored (core/security.py); a public one may say how long it can be kept."""
    response = Response(data, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if cache:
        response.headers["Cache-Control"] = cache
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/runs/<int:run_id>/calendar.ics")
@login_required
def run_ics(run_id: int):
    run = visible_run_or_404(run_id)
    sessions = queries.sessions_of(run)
    data = sessions_calendar(sessions, name=run.display_title, may_join=services.join_checker(current_user, sessions))
    return _ics(data, f"run-{run.id}.ics")


@bp.get("/sessions/<int:session_id>/calendar.ics")
@login_required
def session_ics(session_id: int):
    training_session = queries.get_session(session_id)
    if training_session is None:
        abort(404)
    visible_run_or_404(training_session.run_id)
    data = sessions_calendar(
        [training_session],
        name=training_session.run.display_title,
        may_join=services.join_checker(current_user, [training_session]),
    )
    return _ics(data, f"session-{training_session.id}.ics")


@bp.get("/calendar/feed/<token>.ics")
def personal_feed(token: str):
    """No login: calendar applications subscribe with the secret in the URL."""
    try:
        user = services.user_for_feed_token(token)
    except DomainError:
        abort(404)
    sessions = queries.feed_sessions_for_user(user)
    with in_language(language_of(user)):  # the calendar application asks, but the words are for the owner
        data = sessions_calendar(
            sessions, name=_("My ECRI training sessions"), may_join=services.join_checker(user, sessions), feed=True
        )
    return _ics(data, "ecri-my-sessions.ics")


@bp.get("/calendar/partners/<code>.ics")
def partner_feed(code: str):
    try:
        partner = get_partner_by_code(code)
    except DomainError:
        abort(404)
    # In the language the visitor's browser asks for; calendar applications ask for none: the partner's then.
    with in_language(visitor_language() or partner.language):
        data = sessions_calendar(
            queries.feed_sessions_for_partner(partner.id),
            name=_("%(partner)s training", partner=partner.short_name),
            may_join=lambda _s: False,
            feed=True,
        )
    response = _ics(data, f"ecri-{partner.code.lower()}.ics", cache="public, max-age=600")
    response.vary.update(("Accept-Language", "Cookie"))  # a shared cache keeps one copy per language
    return response


@bp.get("/my/calendar-feed")
@login_required
def feed_settings():
    return render_template(
        "scheduling/feed.html",
        token=services.active_feed_token(current_user),
        new_url=None,
        form=PlainForm(),
        partners=all_partners(),
    )


@bp.post("/my/calendar-feed")
@login_required
def regenerate_feed():
    if not PlainForm().validate_on_submit():
        return redirect(url_for("scheduling.feed_settings"))
    outcome = commit_or_flash(lambda: services.issue_feed_token(current_user))
    if not outcome.ok:
        return redirect(url_for("scheduling.feed_settings"))
    flash(_("Your new feed link is below. Any older link has stopped working."), "success")
    return render_template(
        "scheduling/feed.html",
        token=services.active_feed_token(current_user),
        new_url=absolute_url("scheduling.personal_feed", token=outcome.value),
        form=PlainForm(),
        partners=all_partners(),
    )


@bp.post("/my/calendar-feed/revoke")
@login_required
def revoke_feed():
    if PlainForm().validate_on_submit():
        commit_or_flash(lambda: services.revoke_feed_tokens(current_user), _("Your feed link no longer works."))
    return redirect(url_for("scheduling.feed_settings"))
