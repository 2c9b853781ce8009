"""Follow-up survey rounds: a plan's evaluations turned into a needs survey, ranked beside the plan's baseline.

Trainees rate, after a run, their competence in each of its topics and the topic's importance for their
work: the two ratings of the needs survey. A coordinator turns the evaluations of the runs that served a
plan into a closed survey round of the plan's partner (one anonymous respondent per trainee, their
organisation's type, their latest rating of each need of the plan). The round is ranked by the needs
area like any survey, shown beside the baseline on the plan's loop page, and offered as the survey of
the next plan, so that plan is prioritised from what is still missing after training.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from ..accounts.audit.services import record
from ..accounts.models import User
from ..accounts.organisations import Organisation
from ..accounts.permissions import Cap, require
from ..infra.errors import Conflict
from ..infra.extensions import db
from ..infra.i18n import _
from ..infra.timeutil import utcnow
from ..needs.analysis import RankChange, compare_rankings
from ..needs.disclosure import shown_ranking
from ..needs.models import Answer, Respondent, Survey, SurveyStatus, TrainingPlan
from ..needs.runs import item_runs
from ..needs.services.access import get_plan_for
from .models import Evaluation, FollowUpRound, TopicCompetence


@dataclass(frozen=True)
class TraineeRating:
    topic_id: int
    importance: int
    competence: int
    organisation_type: str | None


def rounds_of(plan: TrainingPlan) -> list[FollowUpRound]:
    """The plan's follow-up rounds, newest first."""
    return list(
        db.session.scalars(
            select(FollowUpRound)
            .where(FollowUpRound.plan_id == plan.id)
            .order_by(FollowUpRound.created_at.desc(), FollowUpRound.id.desc())
        )
    )


def comparison(plan: TrainingPlan, round_: FollowUpRound) -> list[RankChange]:
    """The round's ranking, each topic beside its rank and MWDS in the plan's baseline (small groups withheld)."""
    baseline = shown_ranking(plan.survey, plan.partner_id) if plan.survey else []
    return compare_rankings(baseline, shown_ranking(round_.survey, plan.partner_id))


def trainee_ratings(plan: TrainingPlan) -> dict[int, dict[int, TraineeRating]]:
    """Per trainee, per need of the plan in force: their latest rating after a run that served that need."""
    version = plan.last_approved
    found: dict[int, dict[int, TraineeRating]] = {}
    for item in version.items if version else []:
        run_ids = [run.id for run in item_runs(plan, item)]
        if not run_ids:
            continue
        rows = db.session.execute(
            select(Evaluation.user_id, TopicCompetence.importance, TopicCompetence.competence, Organisation.type)
            .join(TopicCompetence, TopicCompetence.evaluation_id == Evaluation.id)
            .join(User, User.id == Evaluation.user_id)
            .outerjoin(Organisation, Organisation.id == User.organisation_id)
            .where(
                Evaluation.run_id.in_(run_ids),
                TopicCompetence.topic_id == item.topic_id,
                TopicCompetence.importance.is_not(None),
            )
            .order_by(Evaluation.submitted_at, Evaluation.id)
        )
        for user_id, importance, competence, organisation_type in rows:
            found.setdefault(user_id, {})[item.topic_id] = TraineeRating(
                item.topic_id, importance, competence, organisation_type
            )
    return found


def _round_name(plan: TrainingPlan) -> str:
    number = db.session.scalar(select(func.count()).where(FollowUpRound.plan_id == plan.id)) + 1
    return _("%(plan)s: follow-up %(number)d", plan=plan.title[:170], number=number)


def start_follow_up(actor, plan_id: int) -> Survey:
    """Turn the evaluations of the runs that served the plan into a closed survey round of its partner."""
    plan = get_plan_for(actor, plan_id)
    require(actor, Cap.MANAGE_NEEDS, plan.partner_id)
    if plan.survey is None:
        raise Conflict(_("This plan names no baseline survey: a follow-up round is compared with it."))
    ratings = trainee_ratings(plan)
    typed = {user_id: by_topic for user_id, by_topic in ratings.items() if _organisation_type(by_topic)}
    if not typed:
        raise Conflict(
            _("No trainee of the runs that served this plan has rated its needs (importance and competence) yet.")
        )
    name = _round_name(plan)
    if db.session.scalar(select(Survey.id).where(Survey.name == name)) is not None:
        raise Conflict(_("A survey is already called “%(name)s”: rename it before starting this round.", name=name))
    topics = list(dict.fromkeys([*plan.survey.topics, *(item.topic for item in plan.last_approved.items)]))
    survey = Survey(
        name=name, partner_id=plan.partner_id, status=SurveyStatus.CLOSED, topics=topics, created_by_id=actor.id
    )
    db.session.add(survey)
    now = utcnow()
    for by_topic in typed.values():
        respondent = Respondent(
            survey=survey,
            partner_id=plan.partner_id,
            organisation_type=_organisation_type(by_topic),
            answered_at=now,
            answers=[
                Answer(topic_id=r.topic_id, importance=r.importance, competence=r.competence) for r in by_topic.values()
            ],
        )
        db.session.add(respondent)
    db.session.add(FollowUpRound(plan_id=plan.id, survey=survey))
    db.session.flush()
    record(
        actor,
        "needs.follow_up_started",
        "needs_survey",
        survey.id,
        partner_id=plan.partner_id,
        summary=f"Follow-up round “{name}” of plan “{plan.title}” from {len(typed)} trainees' evaluations",
        plan_id=plan.id,
        respondents=len(typed),
    )
    return survey


def _organisation_type(by_topic: dict[int, TraineeRating]) -> str | None:
    return next(iter(by_topic.values())).organisation_type
