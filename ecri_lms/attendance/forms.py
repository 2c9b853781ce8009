"""Attendance forms. The attendance sheet's rows are read from the posted fields by `sheet_entries`."""

from functools import lru_cache

from flask_babel import get_translations
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import BooleanField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange

from ..infra.i18n import LANGUAGES
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from .checkin import MAX_MINUTES, MIN_MINUTES
from .models import STATUSES, Status
from .services import Entry

EXCUSED_LABELS = [
    ("excluded", _l("Left out of the rate")),
    ("absent", _l("Count as absent")),
    ("attended", _l("Count as attended")),
]


class PlainForm(FlaskForm):
    """A button-only form: CSRF protection for the attendance sheet's actions."""


class CheckInForm(FlaskForm):
    code = StringField(
        _l("Check-in code"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("The six characters your trainer shows, e.g. K7M2QX."),
    )
    submit = SubmitField(_l("Check in"))


class OpenCheckInForm(FlaskForm):
    minutes = IntegerField(
        _l("Open for (minutes)"), default=30, validators=[DataRequired(), NumberRange(MIN_MINUTES, MAX_MINUTES)]
    )
    submit = SubmitField(_l("Open check-in"))


class RuleForm(FlaskForm):
    late_counts = BooleanField(_l("Late counts as attended"))
    excused_counts_as = SelectField(_l("Excused sessions"), choices=EXCUSED_LABELS)
    only_after_confirmation = BooleanField(
        _l("Only sessions after the trainee's confirmation count"),
        description=_l(
            "Sessions held before a trainee registered or was promoted from the waiting list are "
            "“not expected” of them: they count only if the trainee attended."
        ),
    )
    submit = SubmitField(_l("Save the rule"))


def sheet_entries(form_data, user_ids) -> list[Entry]:
    """The attendance sheet rows posted for these trainees; an unknown status is left for the service to refuse."""
    entries = []
    for user_id in user_ids:
        status = form_data.get(f"status-{user_id}", "")
        remark = form_data.get(f"remark-{user_id}", "")
        entries.append(Entry(user_id, status or None, remark))
    return entries


def _status_options(selected: str | None) -> Markup:
    """The <option>s of an attendance sheet row's status list, `selected` (None: "Not marked") chosen."""
    choices = [("", _("Not marked"))] + [(status.value, status.label) for status in Status]
    return Markup("").join(
        Markup('<option value="{}"{}>{}</option>').format(
            value, Markup(" selected") if value == (selected or "") else "", label
        )
        for value, label in choices
    )


@lru_cache(maxsize=len(LANGUAGES))
def _status_options_in(translations) -> dict[str | None, Markup]:
    """Built with `translations`, the catalogue of the moment, which the key names (a catalogue
    installed later, as a test does, gets lists of its own)."""
    return {selected: _status_options(selected) for selected in (None, *STATUSES)}


def status_options() -> dict[str | None, Markup]:
    """Every row of an attendance sheet repeats the same list: built once per language for each status a row
    can have, in the reader's language."""
    return _status_options_in(get_translations())
