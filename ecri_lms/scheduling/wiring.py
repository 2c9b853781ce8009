"""How runs plug into the catalogue: registered trainees study the course, course pages list runs,
materials can belong to a run, and the catalogue can filter by the partner offering a course."""

from flask import url_for
from sqlalchemy import select

from ..accounts.organisations import Partner
from ..catalogue.panels import register_course_panel
from ..catalogue.services import register_material_owner, register_offering, register_study_access
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..infra.timeutil import utcnow
from .models import CourseRun, Registration, RunStatus
from .permissions import can_manage_run, can_view_run
from .queries import registration_of, runs_of_course_query, with_seats


def registered_for_a_run_of(user, course) -> bool:
    """A confirmed seat in a live run of the course gives access to its lessons and materials."""
    return (
        db.session.scalar(
            select(Registration.id)
            .join(CourseRun, Registration.confirmed_on(CourseRun.id))
            .where(
                Registration.user_id == user.id,
                CourseRun.course_id == course.id,
                CourseRun.status != RunStatus.CANCELLED,
            )
            .limit(1)
        )
        is not None
    )


def has_confirmed_seat(user, run: CourseRun) -> bool:
    registration = registration_of(run, user)
    return registration is not None and registration.is_confirmed


def courses_offered_by(partner_code: str):
    """Course ids with a published run of this partner that has not ended."""
    return (
        select(CourseRun.course_id)
        .join(Partner, Partner.id == CourseRun.partner_id)
        .where(Partner.code == partner_code, CourseRun.status == RunStatus.PUBLISHED, CourseRun.ends_at >= utcnow())
    )


def course_runs_panel(user, course) -> dict:
    runs, seats = with_seats(runs_of_course_query(course.id, user))
    return {"runs": runs, "seats": seats, "trainers": sorted({t.name for run in runs for t in run.trainers})}


register_study_access("scheduling.registration", registered_for_a_run_of)
register_offering("scheduling.runs", courses_offered_by)
register_course_panel(
    "scheduling.runs",
    20,
    "scheduling/_course_runs_panel.html",
    visible=lambda user, course: True,
    context=course_runs_panel,
)
register_material_owner(
    "run",
    label=_l("Training run"),
    load=lambda run_id: db.session.get(CourseRun, run_id),
    can_view=lambda user, run: can_manage_run(user, run) or (can_view_run(user, run) and has_confirmed_seat(user, run)),
    can_manage=can_manage_run,
    describe=lambda run: f"{run.course.title} – {run.partner.short_name}",
    url=lambda run: url_for("scheduling.run_detail", run_id=run.id),
)
