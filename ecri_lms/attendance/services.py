"""Marking a session's attendance sheet: one trainee, many at once, or everyone unmarked as present.

Every change adds a history row and an audit event. Areas above attendance hear of committed marks
through `ecri_lms.infra.events` (certificates re-evaluate completion): nothing here announces them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased, joinedload, lazyload

from ..accounts.audit.services import record
from ..accounts.models import User
from ..accounts.organisations import Organisation
from ..catalogue.models import Course
from ..infra.errors import NotFound, ValidationError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.timeutil import utcnow
from ..scheduling.models import CourseRun, Registration, TrainingSession
from ..scheduling.permissions import require_manage_run
from .models import STATUSES, AttendanceChange, AttendanceMark, Source, Status
from .rules import rule_of

MAX_REMARK = 500
_CHANGER = aliased(User, name="changer")  # who made a change; built once, so its SQL is compiled once


@dataclass(frozen=True)
class Entry:
    """What the attendance sheet's form says about one trainee: a status (None: leave unmarked) and a remark."""

    user_id: int
    status: str | None
    remark: str = ""


def get_training_session_for_manager(actor, training_session_id: int) -> TrainingSession:
    """A session whose attendance sheet the actor may keep; 403 for non-staff, 404 outside scope.

    One query reads the session with its run; the run's trainers are read only if the permission check
    (or a page) asks for them, the course's topics and search text only if something uses them."""
    run = joinedload(TrainingSession.run)
    course = run.defaultload(CourseRun.course)
    training_session = db.session.get(
        TrainingSession,
        training_session_id,
        options=[
            course.lazyload(Course.course_topics),
            course.defer(Course.search_text),
            run.lazyload(CourseRun.trainers).lazyload(User.roles),
        ],
    )
    if training_session is None:
        raise NotFound(_("No such session."))
    require_manage_run(actor, training_session.run)
    return training_session


def _on_sheet(run_id: int):
    """The condition on a registration that puts its trainee on the run's attendance sheets: a confirmed seat."""
    return Registration.confirmed_on(run_id)


def sheet_user_ids(run_id: int) -> list[int]:
    """The run's confirmed trainees: the people on each of its sessions' attendance sheets."""
    return list(db.session.scalars(select(Registration.user_id).where(_on_sheet(run_id))))


def not_expected_user_ids(training_session: TrainingSession) -> set[int]:
    """The run's confirmed trainees the session is not expected of: it started before their seat was confirmed
    (when the run's rule leaves such sessions out). Only an attended mark of theirs counts."""
    if not rule_of(training_session.run).only_after_confirmation:
        return set()
    return set(
        db.session.scalars(
            select(Registration.user_id).where(
                _on_sheet(training_session.run_id), Registration.confirmed_at > training_session.starts_at
            )
        )
    )


def marks_of(training_session_id: int) -> dict[int, AttendanceMark]:
    """The session's marks by trainee."""
    marks = db.session.scalars(select(AttendanceMark).where(AttendanceMark.training_session_id == training_session_id))
    return {mark.user_id: mark for mark in marks}


def history_of(training_session_id: int, limit: int = 200) -> list:
    """The session's changes, newest first, as plain rows: the change's columns, with the trainee's name
    (`user_name`) and the name of whoever made it (`changed_by_name`, None for a deleted account)."""
    return list(
        db.session.execute(
            select(
                *AttendanceChange.__table__.columns,
                User.name.label("user_name"),
                _CHANGER.name.label("changed_by_name"),
            )
            .join(User, User.id == AttendanceChange.user_id)
            .outerjoin(_CHANGER, _CHANGER.id == AttendanceChange.changed_by_id)
            .where(AttendanceChange.training_session_id == training_session_id)
            .order_by(AttendanceChange.changed_at.desc(), AttendanceChange.id.desc())
            .limit(limit)
        )
    )


def _check_markable(training_session: TrainingSession) -> None:
    if training_session.is_cancelled:
        raise ValidationError(_("This session is cancelled: it has no attendance sheet."))


def _clean(status: str, remark: str) -> tuple[str, str]:
    if status not in STATUSES:
        raise ValidationError(_("Choose present, late, excused or absent."))
    remark = (remark or "").strip()
    if len(remark) > MAX_REMARK:
        raise ValidationError(_("A remark is at most %(max)d characters.", max=MAX_REMARK))
    return status, remark


def apply_mark(
    actor,
    training_session: TrainingSession,
    user_id: int,
    status: str,
    remark: str,
    *,
    source: str,
    existing: AttendanceMark | None,
    now: datetime,
) -> AttendanceMark | None:
    """Set one mark with its history and audit event; None when nothing changes. No permission check."""
    if existing is not None and existing.status == status and existing.remark == remark:
        return None
    mark = existing or AttendanceMark(training_session_id=training_session.id, user_id=user_id)
    before = None if existing is None else {"status": existing.status, "remark": existing.remark}
    db.session.add(
        AttendanceChange(
            training_session_id=training_session.id,
            user_id=user_id,
            from_status=before and before["status"],
            to_status=status,
            from_remark=before["remark"] if before else "",
            to_remark=remark,
            changed_by_id=getattr(actor, "id", None),
            changed_at=now,
            source=source,
        )
    )
    mark.status, mark.remark, mark.source = status, remark, source
    mark.marked_by_id, mark.marked_at = getattr(actor, "id", None), now
    db.session.add(mark)
    db.session.flush()
    run = training_session.run
    record(
        actor,
        "attendance.mark",
        "attendance_mark",
        mark.id,
        partner_id=run.partner_id,
        summary=f"Session {training_session.id} of run {run.id}: user {user_id} marked {status}",
        before=before,
        after={"status": status, "remark": remark},
        session_id=training_session.id,
        subject_user_id=user_id,
        source=source,
    )
    return mark


def save_sheet(actor, training_session: TrainingSession, entries: Iterable[Entry], now: datetime | None = None) -> int:
    """Apply the attendance sheet's form; rows left unmarked stay as they are. Returns how many marks changed."""
    require_manage_run(actor, training_session.run)
    _check_markable(training_session)
    now = now or utcnow()
    registered = set(sheet_user_ids(training_session.run_id))
    marks = marks_of(training_session.id)
    changed = 0
    for entry in entries:
        if entry.user_id not in registered:
            raise ValidationError(_("Only the run's confirmed trainees are on the attendance sheet."))
        if entry.status is None:
            continue
        status, remark = _clean(entry.status, entry.remark)
        if apply_mark(
            actor,
            training_session,
            entry.user_id,
            status,
            remark,
            source=Source.SHEET.value,
            existing=marks.get(entry.user_id),
            now=now,
        ):
            changed += 1
    return changed


def mark_one(
    actor, training_session: TrainingSession, user_id: int, status: str, remark: str = "", now: datetime | None = None
) -> int:
    """Mark a single trainee (an attendance sheet's row on its own)."""
    return save_sheet(actor, training_session, [Entry(user_id, status, remark)], now)


def mark_all_present(actor, training_session: TrainingSession, now: datetime | None = None) -> int:
    """Mark everyone still unmarked as present; marks already made (an excuse given early) are kept, and
    trainees confirmed after the session started (not expected at it) are left for a mark of their own."""
    require_manage_run(actor, training_session.run)
    _check_markable(training_session)
    skipped = marks_of(training_session.id).keys() | not_expected_user_ids(training_session)
    unmarked = [user_id for user_id in sheet_user_ids(training_session.run_id) if user_id not in skipped]
    return save_sheet(actor, training_session, [Entry(user_id, Status.PRESENT.value) for user_id in unmarked], now)


@dataclass(frozen=True)
class SheetLine:
    user: User
    mark: AttendanceMark | None

    @property
    def status(self) -> str | None:
        return self.mark.status if self.mark else None


def sheet_of(training_session: TrainingSession) -> list[SheetLine]:
    """The session's attendance sheet: the run's confirmed trainees by name, each with their mark if any."""
    users = db.session.scalars(
        select(User)
        .join(Registration, Registration.user_id == User.id)
        .where(_on_sheet(training_session.run_id))
        .order_by(User.name, User.id)
        .options(lazyload(User.roles))
    )
    marks = marks_of(training_session.id)
    return [SheetLine(user, marks.get(user.id)) for user in users]


def sheet_rows(training_session: TrainingSession) -> list:
    """The attendance sheet as its page shows it, in one query: a plain row per confirmed trainee by name
    (`user_id`, `name`, `organisation`, `confirmed_at`) with their mark's `status`, `remark`, `marked_at` and
    `source` (None if unmarked)."""
    return list(
        db.session.execute(
            select(
                User.id.label("user_id"),
                User.name,
                Organisation.name.label("organisation"),
                AttendanceMark.status,
                AttendanceMark.remark,
                AttendanceMark.marked_at,
                AttendanceMark.source,
                Registration.confirmed_at,
            )
            .join(Registration, Registration.user_id == User.id)
            .outerjoin(Organisation, Organisation.id == User.organisation_id)
            .outerjoin(
                AttendanceMark,
                and_(AttendanceMark.training_session_id == training_session.id, AttendanceMark.user_id == User.id),
            )
            .where(_on_sheet(training_session.run_id))
            .order_by(User.name, User.id)
        )
    )


def marker_names(lines: list[SheetLine]) -> dict[int, str]:
    """Names of the people who made the attendance sheet's marks, by id (one query)."""
    ids = {line.mark.marked_by_id for line in lines if line.mark and line.mark.marked_by_id}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())
