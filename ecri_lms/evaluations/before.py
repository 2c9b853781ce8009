"""What a trainee's partner said about its competence before training: the baseline of the plan the run serves.

Survey answers are anonymous, so a trainee's own earlier answer cannot be found: the evaluation shows,
beside each topic, the mean competence the partner's respondents gave in the survey the run's training
plan was ranked from; never merely the newest survey, so a pilot answered by a few replaces no baseline.
A run that serves no plan with a baseline survey shows nothing; small groups are withheld.
"""

from dataclasses import dataclass

from ..needs.analysis import TopicNeed
from ..needs.disclosure import shown_ranking
from ..needs.models import Survey
from ..needs.runs import items_served_by
from ..scheduling.models import CourseRun


@dataclass(frozen=True)
class Before:
    survey: Survey
    needs: dict[str, TopicNeed]  # by topic code


def baseline_of(run: CourseRun) -> Survey | None:
    """The survey the first plan in force that this run serves was ranked from."""
    plans = (item.version.plan for item in items_served_by(run))
    return next((plan.survey for plan in plans if plan.survey is not None), None)


def competence_before(partner_id: int | None, run: CourseRun) -> Before | None:
    """The partner's shown figures per topic in the run's baseline survey, or None when there are none."""
    survey = baseline_of(run) if partner_id is not None else None
    if survey is None:
        return None
    shown = shown_ranking(survey, partner_id)
    return Before(survey, {need.topic: need for need in shown if need.n and not need.withheld})
