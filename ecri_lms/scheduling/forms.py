"""Scheduling forms; choices are filled by the views from what the user may pick."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..infra.i18n import lazy_gettext as _l
from .models import Audience, DeliveryFormat
from .timeplan import MAX_REPEAT

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
# The formats' lazy wordings: read in the language of each request that renders the form.
FORMAT_CHOICES = [(f.value, DeliveryFormat.WORDING[f.value]) for f in DeliveryFormat]
AUDIENCE_CHOICES = [
    (Audience.CONSORTIUM.value, _l("Anyone in the consortium")),
    (Audience.PARTNER.value, _l("Only the organising partner's people")),
]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _local(label: str, required: bool = False, description: str = "") -> DateTimeLocalField:
    validators = [DataRequired()] if required else [Optional()]
    return DateTimeLocalField(label, validators=validators, format=LOCAL_FORMATS, description=description)


class RunForm(FlaskForm):
    course = SelectField(_l("Course"), coerce=int, validators=[DataRequired()])
    partner = SelectField(_l("Organising partner"), coerce=int, validators=[DataRequired()])
    title = StringField(
        _l("Title"), validators=[Optional(), Length(max=200)], description=_l("Leave empty to use the course title.")
    )
    description = TextAreaField(_l("Description for trainees"), validators=[Optional(), Length(max=5000)])
    capacity = IntegerField(_l("Seats"), validators=[DataRequired(), NumberRange(min=1, max=10000)])
    audience = SelectField(_l("Who may register"), choices=AUDIENCE_CHOICES)
    delivery_format = SelectField(
        _l("Format"), choices=FORMAT_CHOICES, description=_l("Worked out from the sessions once they are added.")
    )
    trainers = MultiCheckboxField(_l("Trainers"), coerce=int)
    registration_opens = _local(
        _l("Registration opens"),
        description=_l("In the organising partner's time zone; empty: as soon as the run is published."),
    )
    registration_closes = _local(_l("Registration closes"), description=_l("Empty: when the run starts."))
    cancellation_cutoff_hours = IntegerField(
        _l("Trainees may cancel until this many hours before the start"),
        default=24,
        validators=[Optional(), NumberRange(min=0, max=1440)],
        description=_l("Or leave empty and give a date below."),
    )
    cancellation_deadline = _local(
        _l("Trainees may cancel until"), description=_l("In the organising partner's time zone.")
    )
    submit = SubmitField(_l("Save"))


class SessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)], description=_l("For example “Day 1”."))
    format = SelectField(_l("Format"), choices=FORMAT_CHOICES)
    venue = SelectField(
        _l("Venue"),
        coerce=lambda value: int(value) if value else None,
        validators=[Optional()],
        description=_l("For in-person and hybrid sessions."),
    )
    meeting_url = StringField(
        _l("Online meeting link"),
        validators=[Optional(), URL(), Length(max=500)],
        description=_l("For online and hybrid sessions; shown only to registered trainees."),
    )
    starts = _local(
        _l("Starts"),
        required=True,
        description=_l("On the clock of the venue's region (online: of the organising partner)."),
    )
    ends = _local(_l("Ends"), required=True)
    repeat = SelectField(
        _l("Repeat"), choices=[("none", _l("Once")), ("daily", _l("Every day")), ("weekly", _l("Every week"))]
    )
    clock_change = SelectField(
        _l("If the time falls in the hour the clocks go back"),
        choices=[
            ("", _l("Ask me")),
            ("0", _l("The first pass (still summer time)")),
            ("1", _l("The second pass (winter time)")),
        ],
        validators=[Optional()],
        description=_l("That hour happens twice on one night a year: say which one you mean."),
    )
    count = IntegerField(
        _l("Number of sessions"), default=1, validators=[Optional(), NumberRange(min=1, max=MAX_REPEAT)]
    )
    submit = SubmitField(_l("Save session"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason (sent to the trainees)"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Cancel it"))


class AddRegistrationForm(FlaskForm):
    email = EmailField(_l("Trainee's e-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    submit = SubmitField(_l("Add"))


class MoveRegistrationForm(FlaskForm):
    target = SelectField(_l("Move to"), coerce=int, validators=[DataRequired()])
    submit = SubmitField(_l("Move"))


class RemoveRegistrationForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Remove"))


class VenueForm(FlaskForm):
    partner = SelectField(_l("Partner"), coerce=int, validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    room = StringField(_l("Room"), validators=[Optional(), Length(max=120)])
    address = StringField(_l("Address"), validators=[DataRequired(), Length(max=300)])
    capacity = IntegerField(_l("Capacity (people)"), validators=[DataRequired(), NumberRange(min=1, max=10000)])
    active = BooleanField(_l("In use"), default=True)
    submit = SubmitField(_l("Save venue"))


class PlainForm(FlaskForm):
    """A button-only form: CSRF protection for register, cancel, publish and feed actions."""


class RunMaterialForm(FlaskForm):
    """A material for one run only (a room plan, the run's slides), beside the course's own."""

    title = StringField(
        _l("Title"), validators=[Optional(), Length(max=200)], description=_l("Left empty, the file's name is used.")
    )
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Upload"))
