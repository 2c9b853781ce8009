"""What a trainee's partner said about its competence before training, from the needs survey.

Survey answers are anonymous, so a trainee's own earlier answer cannot be found: the evaluation
shows, beside each topic, the mean competence the partner's respondents gave in the newest survey
they answered.
"""

from dataclasses import dataclass

from sqlalchemy import or_, select

from ..infra.extensions import db
from ..needs.analysis import TopicNeed
from ..needs.models import Respondent, Survey, SurveyStatus
from ..needs.queries import ranking


@dataclass(frozen=True)
class Before:
    survey: Survey
    needs: dict[str, TopicNeed]  # by topic code


def latest_survey_of(partner_id: int) -> Survey | None:
    """The newest open or closed survey with answers (online or imported) from this partner."""
    answered = select(Respondent.survey_id).where(
        Respondent.partner_id == partner_id, Respondent.answered_at.is_not(None)
    )
    return db.session.scalar(
        select(Survey)
        .where(
            Survey.status != SurveyStatus.DRAFT,
            or_(Survey.partner_id.is_(None), Survey.partner_id == partner_id),
            Survey.id.in_(answered),
        )
        .order_by(Survey.created_at.desc(), Survey.id.desc())
        .limit(1)
    )


def competence_before(partner_id: int | None) -> Before | None:
    """The partner's survey figures per topic, or None when the partner has no answered survey."""
    survey = latest_survey_of(partner_id) if partner_id is not None else None
    if survey is None:
        return None
    return Before(survey, {need.topic: need for need in ranking(survey, partner_id) if need.n})
