"""Account forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..infra.i18n import LANGUAGES
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.timeutil import is_known_timezone, timezone_choices, zone_named
from .organisations import ORGANISATION_TYPE_LABELS
from .passwords import MIN_LENGTH
from .permissions import Role

ORGANISATION_CHOICES = [(t.value, label) for t, label in ORGANISATION_TYPE_LABELS.items()]


def role_choices(roles=tuple(Role)) -> list[tuple[str, object]]:
    """Roles to pick from, each worded in the reader's language when the form is shown."""
    return [(role.value, Role.WORDING[role.value]) for role in roles]


class LanguageField(SelectField):
    """One of the product's languages; left out of a post (a form from before languages), nothing changes."""

    def __init__(self, label, **kwargs):
        super().__init__(label, choices=list(LANGUAGES.items()), **kwargs)

    def pre_validate(self, form):
        if self.data:
            super().pre_validate(form)


def known_timezone(form, field):
    if field.data and not is_known_timezone(field.data):
        raise ValidationError(_("Unknown time zone: type a city such as Warsaw or a zone such as Europe/Madrid."))


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
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1000)])
    remember = BooleanField(_l("Keep me logged in on this device"))
    submit = SubmitField(_l("Log in"))


class SignUpForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)],
        description=_l("At least %(num)d characters; not your name or e-mail.", num=MIN_LENGTH),
    )
    confirm = PasswordField(
        _l("Repeat the password"), validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))]
    )
    partner = SelectField(_l("Your cluster"), validators=[DataRequired()])
    organisation_type = SelectField(
        _l("Type of organisation"), choices=ORGANISATION_CHOICES, validators=[DataRequired()]
    )
    organisation_name = StringField(_l("Organisation name"), validators=[DataRequired(), Length(max=200)])
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Create my account"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    submit = SubmitField(_l("Send me a reset link"))


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)])
    confirm = PasswordField(
        _l("Repeat the new password"), validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))]
    )
    submit = SubmitField(_l("Set the new password"))


class ProfileForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=200)])
    organisation_name = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])
    organisation_type = SelectField(_l("Type of organisation"), choices=ORGANISATION_CHOICES, validators=[Optional()])
    timezone = TimezoneField(
        _l("Time zone"),
        validators=[DataRequired(), Length(max=64), known_timezone],
        description=_l("Times are also shown in this zone: type a city or a zone, e.g. Warsaw or Europe/Warsaw."),
    )
    language = LanguageField(
        _l("Language"),
        description=_l("Pages, e-mails, reminders and certificates are in this language."),
    )
    submit = SubmitField(_l("Save"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=1000)])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)])
    confirm = PasswordField(
        _l("Repeat the new password"), validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))]
    )
    submit = SubmitField(_l("Change password"))


class RolesForm(FlaskForm):
    roles = MultiCheckboxField(_l("Roles"), choices=role_choices())
    submit = SubmitField(_l("Save roles"))


class NewPersonForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    partner = SelectField(_l("Partner"), validators=[Optional()])
    roles = MultiCheckboxField(_l("Roles"), choices=role_choices())
    password = PasswordField(_l("Initial password"), validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)])
    submit = SubmitField(_l("Create account"))


class ActiveForm(FlaskForm):
    submit = SubmitField(_l("Apply"))


class EraseForm(FlaskForm):
    confirm = BooleanField(
        _l(
            "I understand: the name, e-mail address and profile are removed for good; training records stay, anonymous."
        ),
        validators=[DataRequired()],
    )
    submit = SubmitField(_l("Erase personal data"))


class RecordForm(FlaskForm):
    """A person's record as an administrator or their partner coordinator corrects it."""

    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    partner = SelectField(_l("Partner"), validators=[Optional()])
    organisation_name = StringField(
        _l("Organisation"),
        validators=[Optional(), Length(max=200)],
        description=_l("Leave empty to keep the current one (a move to another partner clears it)."),
    )
    organisation_type = SelectField(_l("Type of organisation"), choices=ORGANISATION_CHOICES, validators=[Optional()])
    submit = SubmitField(_l("Save record"))
