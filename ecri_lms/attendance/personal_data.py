"""Attendance's part of a person's data download: their marks, session by session, and every change to them."""

from sqlalchemy import select

from ..infra.extensions import db
from .models import AttendanceChange, AttendanceMark


def export(user) -> dict:
    marks = db.session.scalars(
        select(AttendanceMark)
        .where(AttendanceMark.user_id == user.id)
        .order_by(AttendanceMark.marked_at, AttendanceMark.id)
    ).all()
    changes = db.session.scalars(
        select(AttendanceChange)
        .where(AttendanceChange.user_id == user.id)
        .order_by(AttendanceChange.changed_at, AttendanceChange.id)
    ).all()
    return {
        "marks": [
            {
                "run": mark.training_session.run_id,
                "session_starts_at": mark.training_session.starts_at.isoformat(),
                "status": mark.status,
                "remark": mark.remark,
                "marked_at": mark.marked_at.isoformat(),
            }
            for mark in marks
        ],
        "changes": [
            {
                "session": change.training_session_id,
                "from": change.from_status,
                "to": change.to_status,
                "from_remark": change.from_remark,
                "to_remark": change.to_remark,
                "changed_at": change.changed_at.isoformat(),
            }
            for change in changes
        ],
    }
