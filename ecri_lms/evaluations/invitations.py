"""Inviting a run's trainees to evaluate it once its last session has ended (run by `flask evaluations invite`).

Each run is invited once; a run whose evaluation has already closed is left alone.
"""

from sqlalchemy import select

from ..accounts.languages import language_of
from ..infra.extensions import db
from ..infra.i18n import _, in_language
from ..infra.links import absolute_url
from ..infra.timeutil import format_in_zone, utcnow
from ..notifications.services import notify
from ..scheduling.models import CourseRun, Registration, RunStatus
from .models import EvaluationInvitation
from .services import EVALUATION_WINDOW, deadline


def runs_to_invite(now=None) -> list[CourseRun]:
    now = now or utcnow()
    invited = select(EvaluationInvitation.run_id)
    return list(
        db.session.scalars(
            select(CourseRun)
            .where(
                CourseRun.status != RunStatus.CANCELLED,
                CourseRun.ends_at <= now,
                CourseRun.ends_at > now - EVALUATION_WINDOW,
                CourseRun.id.not_in(invited),
            )
            .order_by(CourseRun.ends_at, CourseRun.id)
        )
    )


def invite_trainees(run: CourseRun) -> int:
    """Notify the run's confirmed trainees that their evaluation is open; returns how many were told."""
    trainees = [
        registration.user
        for registration in db.session.scalars(select(Registration).where(Registration.confirmed_on(run.id)))
    ]
    link = absolute_url("evaluations.evaluate", run_id=run.id)
    for trainee in trainees:
        with in_language(language_of(trainee)):
            closes = format_in_zone(deadline(run), trainee.display_timezone)
            notify(
                trainee,
                _("How was %(run)s?", run=run.display_title),
                _(
                    "Your run %(run)s has ended. Tell us in two minutes how useful it was and how competent "
                    "you feel now in its topics. The evaluation closes on %(moment)s.",
                    run=run.display_title,
                    moment=closes,
                ),
                link,
            )
    db.session.add(EvaluationInvitation(run_id=run.id))
    db.session.flush()
    return len(trainees)


def invite_due(now=None) -> tuple[int, int]:
    """Invite the trainees of every run that has ended and was not invited yet: (runs, trainees)."""
    runs = runs_to_invite(now)
    return len(runs), sum(invite_trainees(run) for run in runs)
