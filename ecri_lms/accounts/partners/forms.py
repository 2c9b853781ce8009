"""Partner forms."""

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import URL, DataRequired, Length, Optional, Regexp

from ...infra.i18n import lazy_gettext as _l
from ...infra.i18n import lazy_pgettext as pgettext  # read lazily; extracted with its context, as pgettext
from ..forms import LanguageField, TimezoneField, known_timezone


class PartnerForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=16), Regexp(r"^[A-Za-z0-9]+$", message=_l("Letters and digits only."))],
    )
    name = StringField(pgettext("partner", "Full name"), validators=[DataRequired(), Length(max=200)])
    short_name = StringField(_l("Short name"), validators=[DataRequired(), Length(max=80)])
    region = StringField(_l("Region"), validators=[DataRequired(), Length(max=120)])
    country = StringField(_l("Country"), validators=[DataRequired(), Length(max=80)])
    country_code = StringField(
        _l("Country code (ISO 3166, two letters)"), validators=[DataRequired(), Length(min=2, max=2)]
    )
    timezone = TimezoneField(_l("Time zone (IANA)"), validators=[DataRequired(), Length(max=64), known_timezone])
    language = LanguageField(
        _l("Language of the region"),
        description=_l("What the partner's people read until they choose their own language."),
    )
    website = StringField(_l("Website"), validators=[Optional(), URL(), Length(max=200)])
    submit = SubmitField(_l("Add partner"))
