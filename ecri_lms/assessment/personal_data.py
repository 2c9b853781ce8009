"""Assessment's part of a person's data download: their quiz attempts and answers."""

from sqlalchemy import select

from ..infra.extensions import db
from .models import Attempt


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    attempts = db.session.scalars(
        select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.started_at, Attempt.id)
    ).all()
    return {
        "attempts": [
            {
                "quiz": attempt.quiz.title,
                "number": attempt.number,
                "state": attempt.state,
                "score": attempt.score,
                "started_at": _iso(attempt.started_at),
                "submitted_at": _iso(attempt.submitted_at),
                "answers": [
                    {
                        "question": answer.question_id,
                        "response": answer.response,
                        "score": answer.score,
                        "grader_comment": answer.grader_comment,
                    }
                    for answer in attempt.answers
                ],
            }
            for attempt in attempts
        ]
    }
