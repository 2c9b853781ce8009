"""Read models of the needs area: the ratings of a survey, rankings per scope, courses per topic."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from ..catalogue.models import Course, CourseTopic, Topic
from ..extensions import db
from .analysis import Rating, TopicNeed, analyse
from .models import Answer, Respondent, Survey


@dataclass(frozen=True)
class ScopedRating:
    """A rating with who gave it, so one database read serves every partner's ranking."""

    partner_id: int
    organisation_type: str
    rating: Rating


def survey_ratings(survey: Survey, organisation_type: str | None = None) -> list[ScopedRating]:
    query = (select(Respondent.id, Respondent.partner_id, Respondent.organisation_type, Topic.code,
                    Answer.importance, Answer.competence)
             .join(Answer, Answer.respondent_id == Respondent.id).join(Topic, Topic.id == Answer.topic_id)
             .where(Respondent.survey_id == survey.id))
    if organisation_type:
        query = query.where(Respondent.organisation_type == organisation_type)
    return [ScopedRating(partner_id, org_type, Rating(rid, code, importance, competence))
            for rid, partner_id, org_type, code, importance, competence in db.session.execute(query)]


def rank(survey: Survey, ratings: list[ScopedRating], partner_id: int | None = None,
         rank_all: bool = False) -> list[TopicNeed]:
    """The survey's topics ranked over the ratings of one partner (or all of them)."""
    chosen = (r.rating for r in ratings if partner_id is None or r.partner_id == partner_id)
    return analyse(chosen, survey.topic_codes, rank_all=rank_all)


def ranking(survey: Survey, partner_id: int | None = None, organisation_type: str | None = None,
            rank_all: bool = False) -> list[TopicNeed]:
    """One scope's ranking straight from the database."""
    return rank(survey, survey_ratings(survey, organisation_type), partner_id, rank_all)


def topics_by_code() -> dict[str, Topic]:
    return {topic.code: topic for topic in db.session.scalars(select(Topic))}


def courses_by_topic(topic_ids) -> dict[int, list[Course]]:
    """Catalogue courses (not archived) tagged with each topic: the courses suggested for that need."""
    found: dict[int, list[Course]] = defaultdict(list)
    rows = db.session.execute(
        select(CourseTopic.topic_id, Course).join(Course, Course.id == CourseTopic.course_id)
        .where(CourseTopic.topic_id.in_(list(topic_ids)), Course.archived_at.is_(None))
        .order_by(Course.code))
    for topic_id, course in rows:
        found[topic_id].append(course)
    return found
