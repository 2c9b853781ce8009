"""Evaluations in a person's data download: what they said about the runs they attended."""

from sqlalchemy import select

from ..infra.extensions import db
from .models import Evaluation


def export(user) -> dict:
    evaluations = db.session.scalars(
        select(Evaluation).where(Evaluation.user_id == user.id).order_by(Evaluation.submitted_at)
    ).all()
    return {
        "evaluations": [
            {
                "run": e.run_id,
                "usefulness": e.usefulness,
                "trainer": e.trainer,
                "organisation": e.organisation,
                "comment": e.comment,
                "submitted_at": e.submitted_at.isoformat(),
                "topics": {rating.topic.code: rating.competence for rating in e.ratings},
            }
            for e in evaluations
        ]
    }
