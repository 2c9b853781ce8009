"""Catalogue forms: courses and lessons written in the app, and materials."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .models import AUDIENCE_LABELS, FORMAT_LABELS, LEVEL_LABELS


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def at_least_one(message: str):
    """Like DataRequired for a group of checkboxes, without marking every box as required."""

    def check(form, field):
        if not field.data:
            raise ValidationError(message)

    return check


class CourseForm(FlaskForm):
    code = StringField(
        "Code",
        validators=[
            DataRequired(),
            Length(max=32),
            Regexp(
                r"^[A-Za-z][A-Za-z0-9_-]{1,31}$", message="2–32 letters, digits, '-' or '_', starting with a letter."
            ),
        ],
        description="Stable and unique, e.g. HBIO-W1. It cannot be changed later.",
    )
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(
        "Summary", validators=[DataRequired(), Length(max=1000)], description="One or two sentences for the catalogue."
    )
    description = TextAreaField("Description (Markdown)", validators=[Optional(), Length(max=20000)])
    level = SelectField("Level", choices=list(LEVEL_LABELS.items()), validators=[DataRequired()])
    audience = MultiCheckboxField(
        "Audience", choices=list(AUDIENCE_LABELS.items()), validators=[at_least_one("Choose at least one audience.")]
    )
    formats = MultiCheckboxField(
        "Delivery formats",
        choices=list(FORMAT_LABELS.items()),
        validators=[at_least_one("Choose at least one format.")],
    )
    main_topic = SelectField("Main topic", validators=[DataRequired()])
    topics = MultiCheckboxField("Other topics", validators=[Optional()])
    outcomes = TextAreaField(
        "Learning outcomes",
        validators=[DataRequired(), Length(max=5000)],
        description="One per line, each starting with a verb.",
    )
    duration_hours = DecimalField(
        "Duration (hours)", places=1, validators=[DataRequired(), NumberRange(min=0.5, max=1000)]
    )
    prerequisites = MultiCheckboxField("Prerequisites", validators=[Optional()])
    submit = SubmitField("Save the course")


class LessonForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    minutes = IntegerField("Study time (minutes)", default=20, validators=[DataRequired(), NumberRange(min=1, max=600)])
    body = TextAreaField("Text (Markdown)", validators=[DataRequired(), Length(max=100000)], render_kw={"rows": 18})
    preview = SubmitField("Preview")
    submit = SubmitField("Save the lesson")


class MaterialForm(FlaskForm):
    title = StringField(
        "Title", validators=[Optional(), Length(max=200)], description="Left empty, the file's name is used."
    )
    attach_to = SelectField("Attach to", validators=[DataRequired()])
    file = FileField("File", validators=[FileRequired("Choose a file.")])
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    submit = SubmitField("Upload")


class VersionForm(FlaskForm):
    file = FileField("New version", validators=[FileRequired("Choose a file.")])
    note = StringField("What changed", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Upload the new version")
