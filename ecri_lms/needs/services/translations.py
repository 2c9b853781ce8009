"""A survey's texts in the respondents' languages: its name and its items (the topics it asks about).

The partner coordinator who may change the survey enters them, a form per language; a respondent reads
them in their language, and the original wherever no translation is given. Answers are stored against
the topic whatever the language they were given in, so every language counts in the same ranking.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from ...accounts.audit.services import record
from ...catalogue.models import Topic
from ...infra.errors import ValidationError
from ...infra.extensions import db
from ...infra.i18n import DEFAULT_LANGUAGE, LANGUAGES, gettext
from ..models import Survey, SurveyItemTranslation, SurveyTranslation
from .access import get_survey_for, require_survey_owner

MAX_NAME_LENGTH = 200
MAX_ITEM_LENGTH = 300
# The languages a survey is translated into: every language the product speaks but the original's.
TRANSLATED_LANGUAGES = tuple(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class SurveyTexts:
    """What a respondent reads: the survey's name and each item's text (topic id → text) in one language."""

    language: str
    name: str
    items: dict[int, str] = field(default_factory=dict)

    def item(self, topic: Topic) -> str:
        return self.items.get(topic.id, topic.name)


@dataclass(frozen=True)
class Translation:
    """A survey's translation into one language as stored: the name and the items given (topic code → text)."""

    language: str
    name: str = ""
    items: dict[str, str] = field(default_factory=dict)

    def count(self, survey: Survey) -> int:
        """How many of the survey's items are translated."""
        return sum(1 for topic in survey.topics if self.items.get(topic.code))


def survey_texts(survey: Survey, language: str) -> SurveyTexts:
    """The survey in `language`: the translated name and items, the originals where none is given."""
    if language not in TRANSLATED_LANGUAGES:
        return SurveyTexts(language, survey.name)
    name = db.session.scalar(
        select(SurveyTranslation.name).where(
            SurveyTranslation.survey_id == survey.id, SurveyTranslation.language == language
        )
    )
    items = dict(
        db.session.execute(
            select(SurveyItemTranslation.topic_id, SurveyItemTranslation.text).where(
                SurveyItemTranslation.survey_id == survey.id, SurveyItemTranslation.language == language
            )
        ).all()
    )
    return SurveyTexts(language, name or survey.name, items)


def translations(survey: Survey) -> dict[str, Translation]:
    """Every translated language of the survey (an untranslated one has an empty `Translation`)."""
    names = dict(
        db.session.execute(
            select(SurveyTranslation.language, SurveyTranslation.name).where(SurveyTranslation.survey_id == survey.id)
        ).all()
    )
    codes = {topic.id: topic.code for topic in survey.topics}
    items: dict[str, dict[str, str]] = {}
    for language, topic_id, text in db.session.execute(
        select(SurveyItemTranslation.language, SurveyItemTranslation.topic_id, SurveyItemTranslation.text).where(
            SurveyItemTranslation.survey_id == survey.id
        )
    ):
        if topic_id in codes:
            items.setdefault(language, {})[codes[topic_id]] = text
    return {
        language: Translation(language, names.get(language, ""), items.get(language, {}))
        for language in TRANSLATED_LANGUAGES
    }


def _cleaned(text: str | None, limit: int, what: str) -> str:
    cleaned = " ".join((text or "").split())
    if len(cleaned) > limit:
        raise ValidationError(
            gettext("%(what)s: at most %(num)d characters.", what=what, num=limit),
        )
    return cleaned


def save_translation(actor, survey: Survey, language: str, name: str, items: Mapping[str, str]) -> Translation:
    """Replace the survey's translation into `language`: its name and items (topic code → text); an empty
    text removes that translation, so respondents read the original there."""
    get_survey_for(actor, survey.id)  # another partner's survey is "not found", as everywhere in needs
    require_survey_owner(actor, survey)
    if language not in TRANSLATED_LANGUAGES:
        raise ValidationError(gettext("Choose one of the languages a survey is translated into."))
    topics = {topic.code: topic for topic in survey.topics}
    unknown = sorted(set(items) - set(topics))
    if unknown:
        raise ValidationError(
            gettext("Topics not part of this survey: %(codes)s.", codes=", ".join(unknown)),
        )
    name = _cleaned(name, MAX_NAME_LENGTH, gettext("Name"))
    texts = {code: _cleaned(text, MAX_ITEM_LENGTH, code) for code, text in items.items()}
    db.session.execute(
        delete(SurveyTranslation).where(
            SurveyTranslation.survey_id == survey.id, SurveyTranslation.language == language
        )
    )
    db.session.execute(
        delete(SurveyItemTranslation).where(
            SurveyItemTranslation.survey_id == survey.id, SurveyItemTranslation.language == language
        )
    )
    if name:
        db.session.add(SurveyTranslation(survey_id=survey.id, language=language, name=name))
    db.session.add_all(
        SurveyItemTranslation(survey_id=survey.id, topic_id=topics[code].id, language=language, text=text)
        for code, text in texts.items()
        if text
    )
    db.session.flush()
    translated = {code: text for code, text in texts.items() if text}
    record(
        actor,
        "needs.survey.translate",
        "needs_survey",
        survey.id,
        partner_id=survey.partner_id,
        summary=f"Translated survey {survey.name!r} into {language} ({len(translated)} items)",
    )
    return Translation(language, name, translated)
