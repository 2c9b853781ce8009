"""Read models of the needs area: the ratings of a survey, rankings per scope, courses per topic."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import exists, func, select

from ..catalogue.models import Course, CourseTopic, Topic
from ..infra.caching.results import cached_result, table_names
from ..infra.extensions import db
from .analysis import TopicNeed, Totals, analyse_totals
from .models import Answer, Respondent, Survey


@dataclass(frozen=True)
class SurveyTotals:
    """A survey's answers summed per partner and topic, and its respondents per partner: what every
    ranking of the survey is computed from, whatever the number of answers."""

    totals: dict[tuple[int, str], Totals]  # (partner id, topic code) → totals
    respondents: dict[int, int]  # partner id → respondents with at least one answer
    survey_id: int | None = None
    organisation_type: str = ""  # the respondents' type the totals are limited to ('' for all)

    def of(self, partner_id: int | None = None) -> dict[str, Totals]:
        """Per topic, for one partner, or summed over all of them."""
        found: dict[str, Totals] = defaultdict(Totals)
        for (partner, code), totals in self.totals.items():
            if partner_id is None or partner == partner_id:
                found[code] += totals
        return found

    def respondent_count(self, partner_id: int | None = None) -> int:
        if partner_id is None:
            return sum(self.respondents.values())
        return self.respondents.get(partner_id, 0)


SURVEY_TABLES = table_names([Answer, Respondent, Topic])


def survey_totals(survey: Survey, organisation_type: str | None = None) -> SurveyTotals:
    """The survey's totals, computed once per change of its answers (cached)."""
    return cached_result(
        "needs.survey_totals",
        SURVEY_TABLES,
        (survey.id, organisation_type or ""),
        lambda: _survey_totals(survey, organisation_type),
    )


def _survey_totals(survey: Survey, organisation_type: str | None) -> SurveyTotals:
    """Two aggregate queries; a respondent belongs to one partner, so respondents add up across partners."""
    scope = [Respondent.survey_id == survey.id]
    if organisation_type:
        scope.append(Respondent.organisation_type == organisation_type)
    sums = db.session.execute(
        select(
            Respondent.partner_id, Topic.code, func.count(), func.sum(Answer.importance), func.sum(Answer.competence)
        )
        .join(Answer, Answer.respondent_id == Respondent.id)
        .join(Topic, Topic.id == Answer.topic_id)
        .where(*scope, Answer.importance.is_not(None), Answer.competence.is_not(None))
        .group_by(Respondent.partner_id, Topic.code)
    )
    answered = exists().where(Answer.respondent_id == Respondent.id)
    respondents = db.session.execute(
        select(Respondent.partner_id, func.count()).where(*scope, answered).group_by(Respondent.partner_id)
    )
    return SurveyTotals(
        {
            (partner_id, code): Totals(n, int(importance), int(competence))
            for partner_id, code, n, importance, competence in sums
        },
        {partner_id: count for partner_id, count in respondents},
        survey.id,
        organisation_type or "",
    )


def rank(
    survey: Survey, totals: SurveyTotals, partner_id: int | None = None, rank_all: bool = False
) -> list[TopicNeed]:
    """The survey's topics ranked over the answers of one partner (or all of them); cached like the totals
    when they are the survey's (the comparative report and the pages rank each scope several times)."""

    def compute() -> list[TopicNeed]:
        return analyse_totals(totals.of(partner_id), survey.topic_codes, rank_all=rank_all)

    if totals.survey_id != survey.id:
        return compute()
    return cached_result(
        "needs.rank",
        SURVEY_TABLES,
        (survey.id, totals.organisation_type, tuple(survey.topic_codes), partner_id, rank_all),
        compute,
    )


def ranking(
    survey: Survey, partner_id: int | None = None, organisation_type: str | None = None, rank_all: bool = False
) -> list[TopicNeed]:
    """One scope's ranking straight from the database."""
    return rank(survey, survey_totals(survey, organisation_type), partner_id, rank_all)


def topics_by_code() -> dict[str, Topic]:
    return {topic.code: topic for topic in db.session.scalars(select(Topic))}


def courses_by_topic(topic_ids) -> dict[int, list[Course]]:
    """Catalogue courses (not archived) tagged with each topic: the courses suggested for that need."""
    found: dict[int, list[Course]] = defaultdict(list)
    rows = db.session.execute(
        select(CourseTopic.topic_id, Course)
        .join(Course, Course.id == CourseTopic.course_id)
        .where(CourseTopic.topic_id.in_(list(topic_ids)), Course.archived_at.is_(None))
        .order_by(Course.code)
    )
    for topic_id, course in rows:
        found[topic_id].append(course)
    return found
