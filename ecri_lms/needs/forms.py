"""Forms of the needs area; survey answers and self-assessment grids are built per topic or area."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..accounts.forms import ORGANISATION_CHOICES, MultiCheckboxField
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from .files import MAX_NOTE_LENGTH
from .models import SurveyStatus
from .services.surveys import MAX_LINKS_PER_BATCH
from .services.translations import MAX_ITEM_LENGTH as MAX_TRANSLATED_ITEM
from .services.translations import MAX_NAME_LENGTH as MAX_TRANSLATED_NAME

NO_ANSWER = ("", _l("No answer"))
IMPORTANCE_CHOICES = [
    NO_ANSWER,
    ("1", _l("1 – not important")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _l("5 – essential")),
]
COMPETENCE_CHOICES = [NO_ANSWER, ("1", _l("1 – none")), ("2", "2"), ("3", "3"), ("4", "4"), ("5", _l("5 – expert"))]
SCORE_CHOICES = [
    ("", _l("Not scored")),
    ("1", _l("1 – weak")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _l("5 – excellent")),
]


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


class SurveyForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Unique, e.g. 'LSK SME needs survey 2027'."),
    )
    partner = SelectField(_l("For"), validators=[Optional()])
    topics = MultiCheckboxField(_l("Topics asked about"), validators=[DataRequired(_l("Choose at least one topic."))])
    submit = SubmitField(_l("Create the survey"))


class StatusForm(FlaskForm):
    status = SelectField(choices=[(s.value, s.value) for s in SurveyStatus], validators=[DataRequired()])


class LinksForm(FlaskForm):
    partner = SelectField(_l("Partner"), validators=[DataRequired()])
    organisation_type = SelectField(_l("Organisation type"), choices=ORGANISATION_CHOICES, validators=[DataRequired()])
    count = IntegerField(
        _l("How many links"), default=10, validators=[DataRequired(), NumberRange(1, MAX_LINKS_PER_BATCH)]
    )
    submit = SubmitField(_l("Create links and download them (CSV)"))


class UploadForm(FlaskForm):
    file = FileField(_l("File (CSV or XLSX)"), validators=[FileRequired(_l("Choose a file."))])
    submit = SubmitField(_l("Import"))


def answer_form(topics, texts) -> FlaskForm:
    """A form with an importance and a competence choice per topic, named imp_<CODE> and comp_<CODE>;
    each topic is worded as `texts` (the survey in the respondent's language) says."""

    class AnswerForm(FlaskForm):
        submit = SubmitField(_l("Send my answers"))

    for topic in topics:
        item = texts.item(topic)
        setattr(
            AnswerForm,
            f"imp_{topic.code}",
            SelectField(
                _("How important is “%(topic)s” to your organisation?", topic=item),
                choices=IMPORTANCE_CHOICES,
                default="",
            ),
        )
        setattr(
            AnswerForm,
            f"comp_{topic.code}",
            SelectField(
                _("How competent is your organisation in “%(topic)s” today?", topic=item),
                choices=COMPETENCE_CHOICES,
                default="",
            ),
        )
    return AnswerForm()


def _scale(value: str) -> int | None:
    return int(value) if value else None


def answers_of(form, topics) -> dict[str, tuple[int | None, int | None]]:
    return {t.code: (_scale(form[f"imp_{t.code}"].data), _scale(form[f"comp_{t.code}"].data)) for t in topics}


def self_assessment_form(areas, current: dict) -> FlaskForm:
    """A score and a note per curriculum area, filled with the partner's current entries."""

    class SelfAssessmentForm(FlaskForm):
        submit = SubmitField(_l("Save the self-assessment"))

    for area in areas:
        entry = current.get(area.code)
        setattr(
            SelfAssessmentForm,
            f"score_{area.code}",
            SelectField(
                _("Score for %(area)s", area=area.name),
                choices=SCORE_CHOICES,
                default=str(entry.score) if entry else "",
            ),
        )
        setattr(
            SelfAssessmentForm,
            f"note_{area.code}",
            TextAreaField(
                _("Note on %(area)s", area=area.name),
                default=entry.note if entry else "",
                validators=[Optional(), Length(max=MAX_NOTE_LENGTH)],
            ),
        )
    return SelfAssessmentForm()


def scores_of(form, areas) -> dict[str, tuple[int | None, str]]:
    return {a.code: (_scale(form[f"score_{a.code}"].data), form[f"note_{a.code}"].data or "") for a in areas}


class PlanForm(FlaskForm):
    partner = SelectField(_l("Partner"), validators=[DataRequired()])
    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=200)], description=_l("e.g. 'LSK training plan 2027'.")
    )
    period_start = DateField(_l("Period from"), validators=[DataRequired()])
    period_end = DateField(_l("Period to"), validators=[DataRequired()])
    survey = SelectField(_l("Built from the needs of"), validators=[Optional()])
    submit = SubmitField(_l("Create the plan"))


class PlanItemForm(FlaskForm):
    topic = SelectField(_l("Need (topic)"), validators=[DataRequired()])
    target_trainees = IntegerField(
        _l("Target number of trainees"), default=10, validators=[DataRequired(), NumberRange(1, 10000)]
    )
    target_org_types = MultiCheckboxField(
        _l("Target organisation types"),
        choices=ORGANISATION_CHOICES,
        default=["sme"],
        validators=[DataRequired(_l("Choose at least one."))],
    )
    target_start = DateField(_l("Target period from"), validators=[DataRequired()])
    target_end = DateField(_l("Target period to"), validators=[DataRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Add to the plan"))


class FromNeedsForm(FlaskForm):
    count = IntegerField(
        _l("How many of the top-ranked needs"), default=3, validators=[DataRequired(), NumberRange(1, 13)]
    )
    target_trainees = IntegerField(
        _l("Target trainees per need"), default=10, validators=[DataRequired(), NumberRange(1, 10000)]
    )
    target_org_types = MultiCheckboxField(
        _l("Target organisation types"),
        choices=ORGANISATION_CHOICES,
        default=["sme"],
        validators=[DataRequired(_l("Choose at least one."))],
    )
    submit = SubmitField(_l("Add the top needs"))


def item_courses_form(item, suggested) -> FlaskForm:
    """Which of the courses tagged with the item's topic the plan relies on."""

    class ItemCoursesForm(FlaskForm):
        courses = MultiCheckboxField(
            _("Courses for %(topic)s", topic=item.topic.code),
            coerce=int,
            choices=[(c.id, f"{c.code} – {c.title}") for c in suggested],
        )
        submit = SubmitField(_l("Save the courses"))

    form = ItemCoursesForm(prefix=f"item{item.id}")
    if not form.is_submitted():
        form.courses.data = [c.id for c in item.courses]
    return form


def translation_form(survey, language: str, current) -> FlaskForm:
    """The survey's name and each of its items in one language, filled with the stored translation
    (`current`); the original stands beside each field on the page. Empty fields leave the original."""

    class TranslationForm(FlaskForm):
        name = StringField(
            _l("Survey name"), default=current.name, validators=[Optional(), Length(max=MAX_TRANSLATED_NAME)]
        )
        submit = SubmitField(_l("Save the translation"))

    for topic in survey.topics:
        setattr(
            TranslationForm,
            f"item_{topic.code}",
            StringField(
                topic.code,
                default=current.items.get(topic.code, ""),
                validators=[Optional(), Length(max=MAX_TRANSLATED_ITEM)],
            ),
        )
    return TranslationForm(prefix=f"{language}-")


def translated_items(form, survey) -> dict[str, str]:
    return {t.code: form[f"item_{t.code}"].data or "" for t in survey.topics}
