"""The filters of every report and of the audit log: GET forms (reading only, so no CSRF token)."""

from datetime import date

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional, ValidationError

from ..accounts.forms import ORGANISATION_CHOICES
from ..catalogue.models import Course, CurriculumArea
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.input_guards import parse_id
from ..infra.timeutil import utcnow
from ..scheduling.models import DeliveryFormat
from .filters import ReportFilters, default_period

MAX_PERIOD_DAYS = 366 * 10


class GetForm(FlaskForm):
    class Meta:
        csrf = False


def _check_period(start: date | None, end: date | None) -> None:
    if start and end:
        if end < start:
            raise ValidationError(_("The period must end on or after the day it starts."))
        if (end - start).days > MAX_PERIOD_DAYS:
            raise ValidationError(_("Choose a period of at most ten years."))


def _stripped(value):
    """A choice as typed into a URL: `?course=%20` is no choice at all, like `?course=`."""
    return value.strip() if isinstance(value, str) else value


class ReportFilterForm(GetForm):
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    partner = SelectField(_l("Partner"), validators=[Optional()], filters=[_stripped])
    course = SelectField(_l("Course"), validators=[Optional()], filters=[_stripped])
    area = SelectField(_l("Curriculum area"), validators=[Optional()], filters=[_stripped])
    org_type = SelectField(
        _l("Organisation type"),
        validators=[Optional()],
        filters=[_stripped],
        choices=[("", _l("Any type"))] + ORGANISATION_CHOICES,
    )
    format = SelectField(
        _l("Format"),
        validators=[Optional()],
        filters=[_stripped],
        choices=[("", _l("Any format"))] + [(f.value, DeliveryFormat.WORDING[f.value]) for f in DeliveryFormat],
    )
    submit = SubmitField(_l("Show"))

    def validate_end(self, field) -> None:
        """The period as it will be used: a missing end is filled from this year."""
        first, last = default_period(utcnow().date())
        _check_period(self.start.data or first, self.end.data or last)

    def chosen_labels(self) -> dict[str, str]:
        """Label → the chosen option's text, for the filters (other than period and partner) that are set."""
        return {
            str(self[name].label.text): str(dict(self[name].choices).get(self[name].data, self[name].data))
            for name in ("course", "area", "org_type", "format")
            if self[name].data
        }

    def to_filters(self, today: date) -> ReportFilters:
        first, last = default_period(today)
        return ReportFilters(
            start=self.start.data or first,
            end=self.end.data or last,
            partner_code=self.partner.data or "",
            course_id=parse_id(self.course.data),
            area_id=parse_id(self.area.data),
            organisation_type=self.org_type.data or "",
            format=self.format.data or "",
        )


def report_filter_form(partners, formdata, *, partner_choice: bool = True) -> ReportFilterForm:
    """The filter form with the choices this viewer has: their partners, every course and area."""
    form = ReportFilterForm(formdata=formdata)
    mine = [(p.code, p.short_name) for p in partners]
    form.partner.choices = ([("", _("All partners"))] if partner_choice else []) + mine
    courses = db.session.execute(select(Course.id, Course.code, Course.title).order_by(Course.code))
    form.course.choices = [("", _("All courses"))] + [(str(i), f"{code} – {title}") for i, code, title in courses]
    areas = db.session.execute(
        select(CurriculumArea.id, CurriculumArea.name).order_by(CurriculumArea.position, CurriculumArea.id)
    )
    form.area.choices = [("", _("All areas"))] + [(str(i), name) for i, name in areas]
    return form


class AuditFilterForm(GetForm):
    action = StringField(
        _l("Action"), validators=[Optional(), Length(max=64)], description=_l("e.g. %(example)s", example="run.cancel")
    )
    target_type = StringField(
        _l("Record type"),
        validators=[Optional(), Length(max=64)],
        description=_l("e.g. %(example)s", example="course_run"),
    )
    partner = SelectField(_l("Partner"), validators=[Optional()], filters=[_stripped])
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    submit = SubmitField(_l("Show"))

    def validate_end(self, field) -> None:
        _check_period(self.start.data, field.data)
