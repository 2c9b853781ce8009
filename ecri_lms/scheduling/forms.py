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

from .models import Audience, DeliveryFormat
from .timeplan import MAX_REPEAT

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
FORMAT_CHOICES = [(f.value, f.label) for f in DeliveryFormat]
AUDIENCE_CHOICES = [
    (Audience.CONSORTIUM.value, "Anyone in the consortium"),
    (Audience.PARTNER.value, "Only the organising partner's people"),
]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _local(label: str, required: bool = False, description: str = "") -> DateTimeLocalField:
    validators = [DataRequired()] if required else [Optional()]
    return DateTimeLocalField(label, validators=validators, format=LOCAL_FORMATS, description=description)


class RunForm(FlaskForm):
    course = SelectField("Course", coerce=int, validators=[DataRequired()])
    partner = SelectField("Organising partner", coerce=int, validators=[DataRequired()])
    title = StringField(
        "Title", validators=[Optional(), Length(max=200)], description="Leave empty to use the course title."
    )
    description = TextAreaField("Description for trainees", validators=[Optional(), Length(max=5000)])
    capacity = IntegerField("Seats", validators=[DataRequired(), NumberRange(min=1, max=10000)])
    audience = SelectField("Who may register", choices=AUDIENCE_CHOICES)
    delivery_format = SelectField(
        "Format", choices=FORMAT_CHOICES, description="Worked out from the sessions once they are added."
    )
    trainers = MultiCheckboxField("Trainers", coerce=int)
    registration_opens = _local(
        "Registration opens",
        description="In the organising partner's time zone; empty: as soon as the run is published.",
    )
    registration_closes = _local("Registration closes", description="Empty: when the run starts.")
    cancellation_cutoff_hours = IntegerField(
        "Trainees may cancel until this many hours before the start",
        default=24,
        validators=[Optional(), NumberRange(min=0, max=1440)],
        description="Or leave empty and give a date below.",
    )
    cancellation_deadline = _local("Trainees may cancel until", description="In the organising partner's time zone.")
    submit = SubmitField("Save")


class SessionForm(FlaskForm):
    title = StringField("Title", validators=[Optional(), Length(max=200)], description="For example “Day 1”.")
    format = SelectField("Format", choices=FORMAT_CHOICES)
    venue = SelectField(
        "Venue",
        coerce=lambda value: int(value) if value else None,
        validators=[Optional()],
        description="For in-person and hybrid sessions.",
    )
    meeting_url = StringField(
        "Online meeting link",
        validators=[Optional(), URL(), Length(max=500)],
        description="For online and hybrid sessions; shown only to registered trainees.",
    )
    starts = _local(
        "Starts", required=True, description="On the clock of the venue's region (online: of the organising partner)."
    )
    ends = _local("Ends", required=True)
    repeat = SelectField("Repeat", choices=[("none", "Once"), ("daily", "Every day"), ("weekly", "Every week")])
    clock_change = SelectField(
        "If the time falls in the hour the clocks go back",
        choices=[
            ("", "Ask me"),
            ("0", "The first pass (still summer time)"),
            ("1", "The second pass (winter time)"),
        ],
        validators=[Optional()],
        description="That hour happens twice on one night a year: say which one you mean.",
    )
    count = IntegerField("Number of sessions", default=1, validators=[Optional(), NumberRange(min=1, max=MAX_REPEAT)])
    submit = SubmitField("Save session")


class ReasonForm(FlaskForm):
    reason = TextAreaField("Reason (sent to the trainees)", validators=[Optional(), Length(max=1000)])
    submit = SubmitField("Cancel it")


class AddRegistrationForm(FlaskForm):
    email = EmailField("Trainee's e-mail", validators=[DataRequired(), Email(), Length(max=254)])
    submit = SubmitField("Add")


class MoveRegistrationForm(FlaskForm):
    target = SelectField("Move to", coerce=int, validators=[DataRequired()])
    submit = SubmitField("Move")


class RemoveRegistrationForm(FlaskForm):
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Remove")


class VenueForm(FlaskForm):
    partner = SelectField("Partner", coerce=int, validators=[DataRequired()])
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    room = StringField("Room", validators=[Optional(), Length(max=120)])
    address = StringField("Address", validators=[DataRequired(), Length(max=300)])
    capacity = IntegerField("Capacity (people)", validators=[DataRequired(), NumberRange(min=1, max=10000)])
    active = BooleanField("In use", default=True)
    submit = SubmitField("Save venue")


class PlainForm(FlaskForm):
    """A button-only form: CSRF protection for register, cancel, publish and feed actions."""


class RunMaterialForm(FlaskForm):
    """A material for one run only (a room plan, the run's slides), beside the course's own."""

    title = StringField(
        "Title", validators=[Optional(), Length(max=200)], description="Left empty, the file's name is used."
    )
    file = FileField("File", validators=[FileRequired("Choose a file.")])
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    submit = SubmitField("Upload")
