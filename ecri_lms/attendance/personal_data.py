"""Attendance's part of a person's data download: their marks, session by session."""

from sqlalchemy import select

from ..extensions import db
from .models import AttendanceMark


def export(user) -> dict:
    marks = db.session.scalars(select(AttendanceMark).where(AttendanceMark.user_id == user.id)
                               .order_by(AttendanceMark.marked_at, AttendanceMark.id)).all()
    return {"marks": [{"run": mark.session.run_id, "session_starts_at": mark.session.starts_at.isoformat(),
                       "status": mark.status, "remark": mark.remark, "marked_at": mark.marked_at.isoformat()}
                      for mark in marks]}
