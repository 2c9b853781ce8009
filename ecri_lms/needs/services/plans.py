"""Training plans: built by a coordinator from the ranked needs, approved, then frozen; revised in new versions."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ...accounts.audit.services import record
from ...accounts.organisations import OrganisationType
from ...catalogue.models import Course, Topic
from ...infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.timeutil import utcnow
from ..analysis import TopicNeed, top_topics
from ..models import PlanItem, PlanVersion, Survey, TrainingPlan
from ..plan_diff import VersionDiff, diff_versions
from ..queries import courses_by_topic, ranking
from .access import get_partner_for, get_survey_for
from .approval import approver_refusal, state_refusal
from .surveys import all_topics

MAX_TITLE_LENGTH = 200
MAX_FROM_NEEDS = 13


def _check_period(start: date, end: date, refusal: str) -> None:
    if start is None or end is None or end < start:
        raise ValidationError(refusal)


def create_plan(
    actor, *, partner_code: str, title: str, period_start: date, period_end: date, survey_id: int | None = None
) -> TrainingPlan:
    """A partner's plan for a period, starting as an empty draft (version 1)."""
    partner = get_partner_for(actor, partner_code)
    title = " ".join(title.split())
    if not title or len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(_("Give the plan a title of at most %(num)d characters.", num=MAX_TITLE_LENGTH))
    _check_period(period_start, period_end, _("The plan's period must end on or after the day it starts."))
    survey = get_survey_for(actor, survey_id) if survey_id else None
    if survey is not None and survey.partner_id not in (None, partner.id):
        raise ValidationError(_("That survey is another partner's."))
    if db.session.scalar(
        select(TrainingPlan).where(
            TrainingPlan.partner_id == partner.id,
            TrainingPlan.period_start == period_start,
            TrainingPlan.period_end == period_end,
        )
    ):
        raise Conflict(
            _("%(partner)s already has a plan for this period: revise it instead.", partner=partner.short_name)
        )
    plan = TrainingPlan(
        partner_id=partner.id,
        title=title,
        period_start=period_start,
        period_end=period_end,
        survey_id=survey.id if survey else None,
        created_by_id=getattr(actor, "id", None),
    )
    plan.versions.append(PlanVersion(number=1, created_by_id=getattr(actor, "id", None)))
    db.session.add(plan)
    db.session.flush()
    record(
        actor,
        "needs.plan.create",
        "needs_training_plan",
        plan.id,
        partner_id=partner.id,
        summary=f"Created training plan {title!r}",
    )
    return plan


def editable_version(plan: TrainingPlan) -> PlanVersion:
    """The draft being edited; refuses when every version is approved (start a revision first)."""
    draft = plan.draft
    if draft is None:
        plan.latest.ensure_editable()
    return draft


def suggested_courses(topic: Topic) -> list[Course]:
    """Catalogue courses tagged with the topic."""
    return courses_by_topic([topic.id]).get(topic.id, [])


@dataclass
class ItemSpec:
    """What a coordinator says about a need in the plan."""

    topic_code: str
    target_trainees: int
    target_start: date
    target_end: date
    target_org_types: list[str] = field(default_factory=lambda: [OrganisationType.SME.value])
    course_ids: list[int] | None = None  # None: every course suggested for the topic
    note: str = ""


def _topic(code: str) -> Topic:
    topic = db.session.scalar(select(Topic).where(Topic.code == code.strip().upper()))
    if topic is None:
        raise ValidationError(_("Unknown topic '%(code)s'.", code=code))
    return topic


def _courses(topic: Topic, course_ids: list[int] | None) -> list[Course]:
    suggested = suggested_courses(topic)
    if course_ids is None:
        return suggested
    by_id = {course.id: course for course in suggested}
    if any(course_id not in by_id for course_id in course_ids):
        raise ValidationError(_("Choose courses tagged with %(topic)s.", topic=topic.code))
    return [by_id[course_id] for course_id in course_ids]


def _checked_org_types(values: list[str]) -> list[str]:
    known = [t.value for t in OrganisationType]
    if not values or any(value not in known for value in values):
        raise ValidationError(_("Choose at least one target organisation type."))
    return [value for value in known if value in values]


def topics_to_add(plan: TrainingPlan) -> list[Topic]:
    """The topics `add_item` accepts for the plan: those its current version does not hold yet."""
    version = plan.draft or plan.latest
    held = {item.topic_id for item in version.items} if version is not None else set()
    return [topic for topic in all_topics() if topic.id not in held]


def add_item(actor, plan: TrainingPlan, spec: ItemSpec, need: TopicNeed | None = None) -> PlanItem:
    """Add a need to the plan's draft, with its courses, target trainees, organisation types and period."""
    get_partner_for(actor, plan.partner.code)
    version = editable_version(plan)
    topic = _topic(spec.topic_code)
    if any(item.topic_id == topic.id for item in version.items):
        raise Conflict(_("%(topic)s is already in this plan.", topic=topic.code))
    if not 1 <= spec.target_trainees <= 10000:
        raise ValidationError(_("The target number of trainees must be between 1 and 10,000."))
    _check_period(spec.target_start, spec.target_end, _("The target period must end on or after the day it starts."))
    need = need or ranked_need(partner_needs(actor, plan), topic.code)
    item = PlanItem(
        topic=topic,
        position=len(version.items),
        target_trainees=spec.target_trainees,
        target_org_types=_checked_org_types(spec.target_org_types),
        target_start=spec.target_start,
        target_end=spec.target_end,
        courses=_courses(topic, spec.course_ids),
        note=spec.note.strip(),
        need_rank=need.rank if need else None,
        need_mwds=need.mwds if need else None,
    )
    version.items.append(item)
    db.session.flush()
    return item


def draft_item(plan: TrainingPlan, item_id: int) -> PlanItem:
    """An item of the plan's draft (refused when there is no draft, not found when not in it)."""
    item = next((i for i in editable_version(plan).items if i.id == item_id), None)
    if item is None:
        raise NotFound(_("No such item in this draft."))
    return item


def set_item_courses(actor, plan: TrainingPlan, item_id: int, course_ids: list[int]) -> PlanItem:
    """Choose which of the courses tagged with the item's topic the plan relies on."""
    get_partner_for(actor, plan.partner.code)
    item = draft_item(plan, item_id)
    item.courses = _courses(item.topic, course_ids)
    db.session.flush()
    return item


def remove_item(actor, plan: TrainingPlan, item_id: int) -> None:
    """Take a need out of the draft."""
    get_partner_for(actor, plan.partner.code)
    version = editable_version(plan)
    version.items.remove(draft_item(plan, item_id))
    for position, remaining in enumerate(version.items):
        remaining.position = position
    db.session.flush()


def partner_needs(actor, plan: TrainingPlan) -> list[TopicNeed]:
    """The ranked needs of the plan's partner in the plan's survey (empty without a survey)."""
    if plan.survey_id is None:
        return []
    survey: Survey = get_survey_for(actor, plan.survey_id)
    return ranking(survey, plan.partner_id)


def ranked_need(needs: list[TopicNeed], topic_code: str) -> TopicNeed | None:
    """The topic's need if the survey ranks it, so a need added by hand shows its rank as one taken from it."""
    return next((need for need in needs if need.topic == topic_code and need.rank is not None), None)


def unranked_reason(plan: TrainingPlan, needs: list[TopicNeed], item: PlanItem) -> str | None:
    """Why an item of the plan has no rank (None when it has one): no survey, too few answers, not asked."""
    if item.need_rank is not None:
        return None
    if plan.survey_id is None:
        return _("no survey behind this plan")
    need = next((need for need in needs if need.topic == item.topic.code), None)
    if need is None:
        return _("not asked in the survey")
    if need.rank is not None:
        return _("#%(rank)d in the survey now", rank=need.rank)
    return _("too few answers to rank")


def add_items_from_needs(
    actor, plan: TrainingPlan, *, count: int, target_trainees: int, target_org_types: list[str]
) -> list[PlanItem]:
    """Add the partner's `count` top-ranked needs not yet in the draft, over the plan's whole period."""
    if not 1 <= count <= MAX_FROM_NEEDS:
        raise ValidationError(_("Take between 1 and %(num)d needs.", num=MAX_FROM_NEEDS))
    needs = partner_needs(actor, plan)
    if not needs:
        raise ValidationError(_("This plan has no survey with ranked needs to build from."))
    present = {item.topic.code for item in editable_version(plan).items}
    chosen = [need for need in top_topics(needs, len(needs)) if need.topic not in present][:count]
    return [
        add_item(
            actor,
            plan,
            ItemSpec(need.topic, target_trainees, plan.period_start, plan.period_end, target_org_types),
            need,
        )
        for need in chosen
    ]


def approve(actor, plan: TrainingPlan) -> PlanVersion:
    """Approve the draft, by someone other than its author: from now on that version never changes."""
    get_partner_for(actor, plan.partner.code)
    version = editable_version(plan)
    conflict = state_refusal(plan)
    if conflict is not None:
        raise Conflict(conflict)
    refusal = approver_refusal(actor, plan)
    if refusal is not None:
        raise PermissionDenied(refusal)
    version.approve(getattr(actor, "id", None))
    db.session.flush()
    record(
        actor,
        "needs.plan.approve",
        "needs_training_plan",
        plan.id,
        partner_id=plan.partner_id,
        summary=f"Approved version {version.number} of {plan.title!r}",
        version=version.number,
        author_id=version.created_by_id,
        approved_at=version.approved_at.isoformat(),
    )
    return version


def compare_versions(plan: TrainingPlan, before: int, after: int) -> VersionDiff:
    """What version `after` of the plan changes with respect to version `before`."""
    old, new = plan.version(before), plan.version(after)
    if old is None or new is None:
        raise NotFound(_("No such version of this plan."))
    return diff_versions(old, new)


def _copy(item: PlanItem) -> PlanItem:
    return PlanItem(
        topic_id=item.topic_id,
        position=item.position,
        target_trainees=item.target_trainees,
        target_org_types=list(item.target_org_types),
        target_start=item.target_start,
        target_end=item.target_end,
        need_rank=item.need_rank,
        need_mwds=item.need_mwds,
        note=item.note,
        courses=list(item.courses),
    )


def start_revision(actor, plan: TrainingPlan) -> PlanVersion:
    """A new draft copied from the last approved version (the approved one stays as it was)."""
    get_partner_for(actor, plan.partner.code)
    if plan.draft is not None:
        raise Conflict(_("Version %(number)d is already a draft: edit it.", number=plan.draft.number))
    base = plan.last_approved
    version = PlanVersion(
        number=plan.latest.number + 1,
        based_on_id=base.id,
        created_at=utcnow(),
        created_by_id=getattr(actor, "id", None),
        items=[_copy(item) for item in base.items],
    )
    plan.versions.append(version)
    db.session.flush()
    record(
        actor,
        "needs.plan.revise",
        "needs_training_plan",
        plan.id,
        partner_id=plan.partner_id,
        summary=f"Started version {version.number} of {plan.title!r}",
    )
    return version
