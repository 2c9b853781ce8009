"""Who may study, teach and edit a course; other areas add their own ways in (a run registration…)."""

from collections.abc import Callable

from sqlalchemy import select

from ...accounts.permissions import Cap, has_capability
from ...infra.errors import NotFound, PermissionDenied
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.memo import memoised
from ..models import Course, Enrolment

StudyAccess = Callable[[object, Course], bool]

_STUDY_ACCESS: dict[str, StudyAccess] = {}


def register_study_access(name: str, check: StudyAccess) -> None:
    """Let another area grant study access (e.g. scheduling: trainees registered for a run of the course)."""
    _STUDY_ACCESS[name] = check


def is_authenticated(user) -> bool:
    """Whether a logged-in user is asking (None and anonymous visitors are not)."""
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_course_staff(user) -> bool:
    """Trainers and coordinators teach and edit every course of the consortium's shared catalogue."""
    return has_capability(user, Cap.TEACH) or has_capability(user, Cap.EDIT_CATALOGUE)


def enrolment_of(user, course: Course) -> Enrolment | None:
    """The user's enrolment in the course, or None (always for anonymous visitors); read once per request."""
    if not is_authenticated(user) or getattr(user, "id", None) is None:
        return None
    return memoised(
        ("enrolment", user.id, course.id),
        lambda: db.session.scalar(
            select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
        ),
    )


def may_study(user, course: Course) -> bool:
    """Enrolled (or let in by another area's rule): lessons, progress and materials are theirs.

    Asked by the course page, its materials and its quiz panel: answered once per request.
    """
    if not is_authenticated(user):
        return False
    if getattr(user, "id", None) is None:
        return _may_study(user, course)
    return memoised(("may_study", user.id, course.id), lambda: _may_study(user, course))


def _may_study(user, course: Course) -> bool:
    if enrolment_of(user, course) is not None:
        return True
    return any(check(user, course) for check in _STUDY_ACCESS.values())


def may_read_lessons(user, course: Course) -> bool:
    """A course's lessons are open to whoever may study it and to all course staff, enrolled or not."""
    return may_study(user, course) or is_course_staff(user)


def may_see_course(user, course: Course) -> bool:
    """Everyone sees the live catalogue; an archived course only its staff and its trainees."""
    return course.archived_at is None or may_read_lessons(user, course)


def trainer_notes_of(user, course: Course) -> str:
    """The course's trainer notes (Markdown), for the people who teach it; trainees never read them."""
    if not is_course_staff(user):
        raise PermissionDenied(_("Trainer notes are for the course's trainers and coordinators."))
    if not course.trainer_notes:
        raise NotFound(_("This course has no trainer notes."))
    return course.trainer_notes
