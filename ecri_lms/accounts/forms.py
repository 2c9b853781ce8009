"""Account forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..infra.i18n import LANGUAGES
from ..infra.timeutil import is_known_timezone, timezone_choices, zone_named
from .organisations import ORGANISATION_TYPE_LABELS
from .passwords import MIN_LENGTH
from .permissions import Role

ORGANISATION_CHOICES = [(t.value, label) for t, label in ORGANISATION_TYPE_LABELS.items()]


class LanguageField(SelectField):
    """One of the product's languages; left out of a post (a form from before languages), nothing changes."""

    def __init__(self, label, **kwargs):
        super().__init__(label, choices=list(LANGUAGES.items()), **kwargs)

    def pre_validate(self, form):
        if self.data:
            super().pre_validate(form)


def known_timezone(form, field):
    if field.data and not is_known_timezone(field.data):
        raise ValidationError("Unknown time zone: type a city such as Warsaw or a zone such as Europe/Madrid.")


class TimezoneField(StringField):
    """A zone typed with suggestions from the whole list (a datalist: searchable as one types); "New York"
    or "europe/madrid" is read as the zone it names."""

    zones = property(lambda self: timezone_choices())

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data:
            self.data = zone_named(self.data)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])
    remember = BooleanField("Keep me logged in on this device")
    submit = SubmitField("Log in")


class SignUpForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    email = EmailField("E-mail", validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)],
        description=f"At least {MIN_LENGTH} characters; not your name or e-mail.",
    )
    confirm = PasswordField(
        "Repeat the password", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )
    partner = SelectField("Your cluster", validators=[DataRequired()])
    organisation_type = SelectField("Type of organisation", choices=ORGANISATION_CHOICES, validators=[DataRequired()])
    organisation_name = StringField("Organisation name", validators=[DataRequired(), Length(max=200)])
    job_title = StringField("Job title", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Create my account")


class ForgotPasswordForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    submit = SubmitField("Send me a reset link")


class ResetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)])
    confirm = PasswordField(
        "Repeat the new password", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )
    submit = SubmitField("Set the new password")


class ProfileForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    job_title = StringField("Job title", validators=[Optional(), Length(max=200)])
    organisation_name = StringField("Organisation", validators=[Optional(), Length(max=200)])
    organisation_type = SelectField("Type of organisation", choices=ORGANISATION_CHOICES, validators=[Optional()])
    timezone = TimezoneField(
        "Time zone",
        validators=[DataRequired(), Length(max=64), known_timezone],
        description="Times are also shown in this zone: type a city or a zone, e.g. Warsaw or Europe/Warsaw.",
    )
    language = LanguageField(
        "Language",
        description="Pages, e-mails, reminders and certificates are in this language.",
    )
    submit = SubmitField("Save")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=1000)])
    password = PasswordField("New password", validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)])
    confirm = PasswordField(
        "Repeat the new password", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )
    submit = SubmitField("Change password")


class RolesForm(FlaskForm):
    roles = MultiCheckboxField("Roles", choices=[(r.value, r.label) for r in Role])
    submit = SubmitField("Save roles")


class NewPersonForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    email = EmailField("E-mail", validators=[DataRequired(), Email(), Length(max=254)])
    partner = SelectField("Partner", validators=[Optional()])
    roles = MultiCheckboxField("Roles", choices=[(r.value, r.label) for r in Role])
    password = PasswordField("Initial password", validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)])
    submit = SubmitField("Create account")


class ActiveForm(FlaskForm):
    submit = SubmitField("Apply")


class EraseForm(FlaskForm):
    confirm = BooleanField(
        "I understand: the name, e-mail address and profile are removed for good; training records stay, anonymous.",
        validators=[DataRequired()],
    )
    submit = SubmitField("Erase personal data")


class RecordForm(FlaskForm):
    """A person's record as an administrator or their partner coordinator corrects it."""

    name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    partner = SelectField("Partner", validators=[Optional()])
    organisation_name = StringField(
        "Organisation",
        validators=[Optional(), Length(max=200)],
        description="Leave empty to keep the current one (a move to another partner clears it).",
    )
    organisation_type = SelectField("Type of organisation", choices=ORGANISATION_CHOICES, validators=[Optional()])
    submit = SubmitField("Save record")
