"""Which figures of a survey may be shown: the small-group rule (`small_groups`) over partners × organisation types.

Every scope the needs page, its CSV, the command line and the comparative report can show is a cell
of one table per topic: a partner (or every partner) × an organisation type (or every type), sized by
the answers that gave both ratings. The consortium is the sum of its partners and of its types, a
partner the sum of its types, a type the sum of its partners; withholding is decided on that whole
table at once, so no filter combination gives a hidden cell back.
"""

from collections import defaultdict

from sqlalchemy import func, select

from ..accounts.organisations import OrganisationType
from ..catalogue.models import Topic
from ..infra.caching.results import cached_result
from ..infra.extensions import db
from .analysis import TopicNeed, analyse_totals
from .models import Answer, Respondent, Survey
from .queries import SURVEY_TABLES, SurveyTotals, survey_totals
from .small_groups import Sum, min_group_size, withheld

Group = tuple[int | None, str | None]  # (partner id, or None for every partner; type, or None for every type)


def answer_counts(survey: Survey) -> dict[str, dict[Group, int]]:
    """Per topic, the answers with both ratings of each partner × organisation type, and their sums."""
    rows = db.session.execute(
        select(Topic.code, Respondent.partner_id, Respondent.organisation_type, func.count())
        .join(Answer, Answer.respondent_id == Respondent.id)
        .join(Topic, Topic.id == Answer.topic_id)
        .where(Respondent.survey_id == survey.id, Answer.importance.is_not(None), Answer.competence.is_not(None))
        .group_by(Topic.code, Respondent.partner_id, Respondent.organisation_type)
    )
    counts: dict[str, dict[Group, int]] = defaultdict(lambda: defaultdict(int))
    for code, partner_id, org_type, n in rows:
        for group in ((partner_id, org_type), (partner_id, None), (None, org_type), (None, None)):
            counts[code][group] += n
    return {code: dict(groups) for code, groups in counts.items()}


def table_sums(partner_ids) -> list[Sum]:
    """How the cells of one topic's table add up."""
    types = [t.value for t in OrganisationType]
    sums = [Sum((p, None), tuple((p, t) for t in types)) for p in partner_ids]
    sums += [Sum((None, t), tuple((p, t) for p in partner_ids)) for t in types]
    sums.append(Sum((None, None), tuple((p, None) for p in partner_ids)))
    sums.append(Sum((None, None), tuple((None, t) for t in types)))
    return sums


def withheld_groups(survey: Survey) -> dict[str, frozenset[Group]]:
    """Per topic, the cells whose figures are not shown (cached until the survey's answers change)."""
    threshold = min_group_size()

    def compute() -> dict[str, frozenset[Group]]:
        found = {}
        for code, sizes in answer_counts(survey).items():
            partner_ids = sorted({p for p, _ in sizes if p is not None})
            found[code] = withheld(sizes, table_sums(partner_ids), threshold)
        return found

    return cached_result("needs.withheld_groups", SURVEY_TABLES, (survey.id, threshold), compute)


def withheld_topics(survey: Survey, partner_id: int | None, organisation_type: str | None) -> frozenset[str]:
    """The topics whose figures are hidden in this scope."""
    group = (partner_id, organisation_type or None)
    return frozenset(code for code, hidden in withheld_groups(survey).items() if group in hidden)


def shown_rank(
    survey: Survey, totals: SurveyTotals, partner_id: int | None = None, rank_all: bool = False
) -> list[TopicNeed]:
    """The scope's ranking as it may be shown or exported: withheld topics keep only their number of answers."""
    hidden = withheld_topics(survey, partner_id, totals.organisation_type)
    return analyse_totals(totals.of(partner_id), survey.topic_codes, rank_all=rank_all, withheld=hidden)


def shown_ranking(
    survey: Survey, partner_id: int | None = None, organisation_type: str | None = None, rank_all: bool = False
) -> list[TopicNeed]:
    """`shown_rank` straight from the database."""
    return shown_rank(survey, survey_totals(survey, organisation_type), partner_id, rank_all)
