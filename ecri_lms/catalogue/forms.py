"""Catalogue forms: courses and lessons written in the app, and materials."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..infra.form_fields import LocaleDecimalField
from ..infra.i18n import lazy_gettext as _l
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
        _l("Code"),
        validators=[
            DataRequired(),
            Length(max=32),
            Regexp(
                r"^[A-Za-z][A-Za-z0-9_-]{1,31}$",
                message=_l("2–32 letters, digits, '-' or '_', starting with a letter."),
            ),
        ],
        description=_l("Stable and unique, e.g. HBIO-W1. It cannot be changed later."),
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[DataRequired(), Length(max=1000)],
        description=_l("One or two sentences for the catalogue."),
    )
    description = TextAreaField(_l("Description (Markdown)"), validators=[Optional(), Length(max=20000)])
    level = SelectField(_l("Level"), choices=list(LEVEL_LABELS.items()), validators=[DataRequired()])
    audience = MultiCheckboxField(
        _l("Audience"),
        choices=list(AUDIENCE_LABELS.items()),
        validators=[at_least_one(_l("Choose at least one audience."))],
    )
    formats = MultiCheckboxField(
        _l("Delivery formats"),
        choices=list(FORMAT_LABELS.items()),
        validators=[at_least_one(_l("Choose at least one format."))],
    )
    main_topic = SelectField(_l("Main topic"), validators=[DataRequired()])
    topics = MultiCheckboxField(_l("Other topics"), validators=[Optional()])
    outcomes = TextAreaField(
        _l("Learning outcomes"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("One per line, each starting with a verb."),
    )
    # Typed the reader's way: "10,5" on a Spanish, Greek, Polish or Italian page.
    duration_hours = LocaleDecimalField(
        _l("Duration (hours)"), places=1, validators=[DataRequired(), NumberRange(min=0.5, max=1000)]
    )
    prerequisites = MultiCheckboxField(_l("Prerequisites"), validators=[Optional()])
    submit = SubmitField(_l("Save the course"))


class LessonForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    minutes = IntegerField(
        _l("Study time (minutes)"), default=20, validators=[DataRequired(), NumberRange(min=1, max=600)]
    )
    body = TextAreaField(_l("Text (Markdown)"), validators=[DataRequired(), Length(max=100000)], render_kw={"rows": 18})
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Save the lesson"))


class MaterialForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[Optional(), Length(max=200)],
        description=_l("Left empty, the file's name is used."),
    )
    attach_to = SelectField(_l("Attach to"), validators=[DataRequired()])
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Upload"))


class VersionForm(FlaskForm):
    file = FileField(_l("New version"), validators=[FileRequired(_l("Choose a file."))])
    note = StringField(_l("What changed"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Upload the new version"))
