"""Forms of the needs area; survey answers and self-assessment grids are built per topic or area."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..accounts.forms import ORGANISATION_CHOICES, MultiCheckboxField
from .files import MAX_NOTE_LENGTH
from .models import SurveyStatus
from .services.surveys import MAX_LINKS_PER_BATCH

NO_ANSWER = ("", "No answer")
IMPORTANCE_CHOICES = [NO_ANSWER, ("1", "1 – not important"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5 – essential")]
COMPETENCE_CHOICES = [NO_ANSWER, ("1", "1 – none"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5 – expert")]
SCORE_CHOICES = [("", "Not scored"), ("1", "1 – weak"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5 – excellent")]


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


class SurveyForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired(), Length(max=200)], description="Unique, e.g. 'LSK SME needs survey 2027'."
    )
    partner = SelectField("For", validators=[Optional()])
    topics = MultiCheckboxField("Topics asked about", validators=[DataRequired("Choose at least one topic.")])
    submit = SubmitField("Create the survey")


class StatusForm(FlaskForm):
    status = SelectField(choices=[(s.value, s.value) for s in SurveyStatus], validators=[DataRequired()])


class LinksForm(FlaskForm):
    partner = SelectField("Partner", validators=[DataRequired()])
    organisation_type = SelectField("Organisation type", choices=ORGANISATION_CHOICES, validators=[DataRequired()])
    count = IntegerField("How many links", default=10, validators=[DataRequired(), NumberRange(1, MAX_LINKS_PER_BATCH)])
    submit = SubmitField("Create links and download them (CSV)")


class UploadForm(FlaskForm):
    file = FileField("File (CSV or XLSX)", validators=[FileRequired("Choose a file.")])
    submit = SubmitField("Import")


def answer_form(topics) -> FlaskForm:
    """A form with an importance and a competence choice per topic, named imp_<CODE> and comp_<CODE>."""

    class AnswerForm(FlaskForm):
        submit = SubmitField("Send my answers")

    for topic in topics:
        setattr(
            AnswerForm,
            f"imp_{topic.code}",
            SelectField(
                f"How important is “{topic.name}” to your organisation?", choices=IMPORTANCE_CHOICES, default=""
            ),
        )
        setattr(
            AnswerForm,
            f"comp_{topic.code}",
            SelectField(
                f"How competent is your organisation in “{topic.name}” today?", choices=COMPETENCE_CHOICES, default=""
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
        submit = SubmitField("Save the self-assessment")

    for area in areas:
        entry = current.get(area.code)
        setattr(
            SelfAssessmentForm,
            f"score_{area.code}",
            SelectField(f"Score for {area.name}", choices=SCORE_CHOICES, default=str(entry.score) if entry else ""),
        )
        setattr(
            SelfAssessmentForm,
            f"note_{area.code}",
            TextAreaField(
                f"Note on {area.name}",
                default=entry.note if entry else "",
                validators=[Optional(), Length(max=MAX_NOTE_LENGTH)],
            ),
        )
    return SelfAssessmentForm()


def scores_of(form, areas) -> dict[str, tuple[int | None, str]]:
    return {a.code: (_scale(form[f"score_{a.code}"].data), form[f"note_{a.code}"].data or "") for a in areas}


class PlanForm(FlaskForm):
    partner = SelectField("Partner", validators=[DataRequired()])
    title = StringField(
        "Title", validators=[DataRequired(), Length(max=200)], description="e.g. 'LSK training plan 2027'."
    )
    period_start = DateField("Period from", validators=[DataRequired()])
    period_end = DateField("Period to", validators=[DataRequired()])
    survey = SelectField("Built from the needs of", validators=[Optional()])
    submit = SubmitField("Create the plan")


class PlanItemForm(FlaskForm):
    topic = SelectField("Need (topic)", validators=[DataRequired()])
    target_trainees = IntegerField(
        "Target number of trainees", default=10, validators=[DataRequired(), NumberRange(1, 10000)]
    )
    target_org_types = MultiCheckboxField(
        "Target organisation types",
        choices=ORGANISATION_CHOICES,
        default=["sme"],
        validators=[DataRequired("Choose at least one.")],
    )
    target_start = DateField("Target period from", validators=[DataRequired()])
    target_end = DateField("Target period to", validators=[DataRequired()])
    note = StringField("Note", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Add to the plan")


class FromNeedsForm(FlaskForm):
    count = IntegerField("How many of the top-ranked needs", default=3, validators=[DataRequired(), NumberRange(1, 13)])
    target_trainees = IntegerField(
        "Target trainees per need", default=10, validators=[DataRequired(), NumberRange(1, 10000)]
    )
    target_org_types = MultiCheckboxField(
        "Target organisation types",
        choices=ORGANISATION_CHOICES,
        default=["sme"],
        validators=[DataRequired("Choose at least one.")],
    )
    submit = SubmitField("Add the top needs")


def item_courses_form(item, suggested) -> FlaskForm:
    """Which of the courses tagged with the item's topic the plan relies on."""

    class ItemCoursesForm(FlaskForm):
        courses = MultiCheckboxField(
            f"Courses for {item.topic.code}", coerce=int, choices=[(c.id, f"{c.code} – {c.title}") for c in suggested]
        )
        submit = SubmitField("Save the courses")

    form = ItemCoursesForm(prefix=f"item{item.id}")
    if not form.is_submitted():
        form.courses.data = [c.id for c in item.courses]
    return form
