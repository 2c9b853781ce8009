"""Partner forms."""

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import URL, DataRequired, Length, Optional, Regexp

from ..forms import LanguageField, TimezoneField, known_timezone


class PartnerForm(FlaskForm):
    code = StringField(
        "Code",
        validators=[DataRequired(), Length(max=16), Regexp(r"^[A-Za-z0-9]+$", message="Letters and digits only.")],
    )
    name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    short_name = StringField("Short name", validators=[DataRequired(), Length(max=80)])
    region = StringField("Region", validators=[DataRequired(), Length(max=120)])
    country = StringField("Country", validators=[DataRequired(), Length(max=80)])
    country_code = StringField(
        "Country code (ISO 3166, two letters)", validators=[DataRequired(), Length(min=2, max=2)]
    )
    timezone = TimezoneField("Time zone (IANA)", validators=[DataRequired(), Length(max=64), known_timezone])
    language = LanguageField(
        "Language of the region",
        description="What the partner's people read until they choose their own language.",
    )
    website = StringField("Website", validators=[Optional(), URL(), Length(max=200)])
    submit = SubmitField("Add partner")
