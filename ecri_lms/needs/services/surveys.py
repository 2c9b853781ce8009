"""Defining surveys, handing out one-use respondent links, and answering through them."""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select, update

from ...accounts.audit.services import record
from ...accounts.organisations import OrganisationType, Partner
from ...catalogue.models import Topic
from ...infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.timeutil import utcnow
from ..errors import AlreadyAnswered
from ..locale_format import day
from ..models import Answer, Respondent, Survey, SurveyStatus
from .access import get_partner_for, needs_scope, require_survey_owner, survey_owner_refusal

TOKEN_BYTES = 24  # 192 bits of randomness per link
MAX_LINKS_PER_BATCH = 500
MAX_NAME_LENGTH = 200


def find_survey(name: str) -> Survey | None:
    """The survey of this name, or None: names are unique, and imports and the CLI name surveys so."""
    return db.session.scalar(select(Survey).where(Survey.name == name.strip()))


def all_topics() -> list[Topic]:
    """Every topic a survey can ask about or a plan can hold, in their set order."""
    return list(db.session.scalars(select(Topic).order_by(Topic.position, Topic.code)))


def _topics(codes: list[str] | None) -> list[Topic]:
    topics = all_topics()
    if not topics:
        raise ValidationError(_("No curriculum topics are loaded yet: run `flask content sync` first."))
    if not codes:
        return topics
    wanted = {code.strip().upper() for code in codes}
    unknown = wanted - {t.code for t in topics}
    if unknown:
        raise ValidationError(_("Unknown topic codes: %(codes)s.", codes=", ".join(sorted(unknown))))
    return [t for t in topics if t.code in wanted]


def create_survey(
    actor,
    *,
    name: str,
    partner_code: str | None = None,
    topic_codes: list[str] | None = None,
    status: SurveyStatus = SurveyStatus.DRAFT,
) -> Survey:
    """A survey of one partner's members, or consortium-wide (no partner code), over the chosen topics."""
    scope = needs_scope(actor)
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME_LENGTH:
        raise ValidationError(_("Give the survey a name of at most %(num)d characters.", num=MAX_NAME_LENGTH))
    if find_survey(name):
        raise Conflict(_("A survey named '%(name)s' already exists.", name=name))
    if partner_code:
        partner = get_partner_for(actor, partner_code)
    elif scope is not None:
        raise PermissionDenied(_("Only the consortium coordinator can create a consortium-wide survey."))
    else:
        partner = None
    survey = Survey(
        name=name,
        partner_id=partner.id if partner else None,
        status=status,
        created_by_id=getattr(actor, "id", None),
        topics=_topics(topic_codes),
    )
    db.session.add(survey)
    db.session.flush()
    record(
        actor,
        "needs.survey.create",
        "needs_survey",
        survey.id,
        partner_id=survey.partner_id,
        summary=f"Created needs survey {name!r}",
    )
    return survey


def status_choices(actor, survey: Survey) -> list[SurveyStatus]:
    """The statuses the actor may move the survey to: none for someone `set_status` would refuse."""
    return [] if survey_owner_refusal(actor, survey) else survey.next_statuses


def set_status(actor, survey: Survey, status: SurveyStatus) -> None:
    """Open, close or reopen a survey."""
    require_survey_owner(actor, survey)
    survey.change_status(status)
    db.session.flush()
    record(
        actor,
        f"needs.survey.{status}",
        "needs_survey",
        survey.id,
        partner_id=survey.partner_id,
        summary=f"Survey {survey.name!r} is now {status}",
    )


def _partner_for_rows(actor, survey: Survey, partner_code: str) -> Partner:
    """The partner whose respondents the actor adds: within scope, and the survey's own partner if it has one."""
    partner = get_partner_for(actor, partner_code)
    if survey.partner_id is not None and partner.id != survey.partner_id:
        raise ValidationError(_("This survey is for %(partner)s only.", partner=survey.partner.short_name))
    return partner


def token_hash(token: str) -> str:
    """What is stored of a respondent's link: its SHA-256, so the database alone opens no survey."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_links(
    actor, survey: Survey, *, partner_code: str, organisation_type: str, count: int
) -> list[tuple[Respondent, str]]:
    """A batch of one-use links for respondents of a partner and organisation type; tokens are returned once."""
    partner = _partner_for_rows(actor, survey, partner_code)
    survey.refuse_if_closed()
    try:
        org_type = OrganisationType(organisation_type).value
    except ValueError:
        raise ValidationError(_("Choose a valid organisation type.")) from None
    if not 1 <= count <= MAX_LINKS_PER_BATCH:
        raise ValidationError(_("Create between 1 and %(num)d links at a time.", num=MAX_LINKS_PER_BATCH))
    batch = []
    for _number in range(count):
        token = secrets.token_urlsafe(TOKEN_BYTES)
        respondent = Respondent(
            survey_id=survey.id, partner_id=partner.id, organisation_type=org_type, token_hash=token_hash(token)
        )
        db.session.add(respondent)
        batch.append((respondent, token))
    db.session.flush()
    record(
        actor,
        "needs.links.create",
        "needs_survey",
        survey.id,
        partner_id=partner.id,
        summary=f"Created {count} respondent links ({partner.code}, {org_type}) for {survey.name!r}",
    )
    return batch


def respondent_for_token(token: str) -> Respondent:
    """The respondent a survey link belongs to; an unknown link is 'not found', with advice to check it."""
    respondent = db.session.scalar(select(Respondent).where(Respondent.token_hash == token_hash(token)))
    if respondent is None:
        raise NotFound(_("This survey link is not valid. Check that you copied the whole link."))
    return respondent


def check_answerable(respondent: Respondent) -> None:
    """Refuse a link already used, or whose survey is not open, with a message for the respondent."""
    if respondent.answered_at is not None:
        raise AlreadyAnswered(
            _(
                "This link has already been used: the survey was answered with it on %(day)s. "
                "Each link can be used only once.",
                day=day(respondent.answered_at),
            )
        )
    if not respondent.survey.is_open:
        raise Conflict(_("This survey is not open for answers at the moment."))


def _checked_ratings(survey: Survey, ratings: Mapping[str, tuple[int | None, int | None]]) -> dict:
    codes = {topic.code: topic for topic in survey.topics}
    checked = {}
    for code, pair in ratings.items():
        if code not in codes:
            raise ValidationError(_("Topic %(code)s is not part of this survey.", code=code))
        if any(value is not None and value not in range(1, 6) for value in pair):
            raise ValidationError(_("Ratings go from 1 to 5."))
        if pair != (None, None):
            checked[codes[code]] = pair
    return checked


def submit_answers(token: str, ratings: Mapping[str, tuple[int | None, int | None]]) -> Respondent:
    """Record a respondent's ratings (topic code → importance, competence); a link answers once only."""
    respondent = respondent_for_token(token)
    check_answerable(respondent)
    checked = _checked_ratings(respondent.survey, ratings)
    # The conditional update is the guard: of two simultaneous submissions only one finds the link unused.
    claimed = db.session.execute(
        update(Respondent)
        .where(Respondent.id == respondent.id, Respondent.answered_at.is_(None))
        .values(answered_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.refresh(respondent)
        check_answerable(respondent)
    db.session.add_all(
        Answer(respondent_id=respondent.id, topic_id=topic.id, importance=i, competence=c)
        for topic, (i, c) in checked.items()
    )
    db.session.flush()
    db.session.refresh(respondent)
    return respondent


@dataclass(frozen=True)
class RespondentCount:
    partner: Partner
    organisation_type: str
    total: int
    answered: int

    @property
    def organisation_type_label(self) -> str:
        return OrganisationType(self.organisation_type).label


def respondent_counts(survey: Survey) -> list[RespondentCount]:
    """Respondents per partner and organisation type: how many links or imports, how many answered."""
    rows = db.session.execute(
        select(Respondent.partner_id, Respondent.organisation_type, func.count(), func.count(Respondent.answered_at))
        .where(Respondent.survey_id == survey.id)
        .group_by(Respondent.partner_id, Respondent.organisation_type)
    )
    partners = {p.id: p for p in db.session.scalars(select(Partner))}
    counts = [RespondentCount(partners[pid], org, total, answered) for pid, org, total, answered in rows]
    return sorted(counts, key=lambda c: (c.partner.code, c.organisation_type))
