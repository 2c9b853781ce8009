"""Forms of the certificates pages."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..infra.i18n import _l
from .services.issuing import MAX_REASON


class ButtonForm(FlaskForm):
    """CSRF protection for a bare button (re-evaluate a run)."""


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=MAX_REASON)])
    submit = SubmitField(_l("Confirm"))


class IssueForm(FlaskForm):
    user_id = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=MAX_REASON)])
    expires_on = DateField(_l("Valid until (optional)"), validators=[Optional()])
    submit = SubmitField(_l("Issue"))


class RulesForm(FlaskForm):
    lessons = StringField(
        _l("Lessons to view"),
        validators=[DataRequired(), Regexp(r"^(all|\d{1,4})$", message=_l("Write 'all' or a number."))],
        description=_l("'all' or a number of lessons (0: none)."),
    )
    attendance_rate = IntegerField(
        _l("Attendance at least (%)"),
        validators=[Optional(), NumberRange(min=0, max=100)],
        description=_l("Leave empty when attendance does not count."),
    )
    quizzes = SelectMultipleField(_l("Quizzes to pass"), choices=[], validate_choice=True)
    essays_graded = BooleanField(_l("Every essay must be graded"))
    submit = SubmitField(_l("Save the rules of this run"))

    def rules(self) -> dict:
        lessons = self.lessons.data.strip()
        rules = {
            "lessons": lessons if lessons == "all" else int(lessons),
            "quizzes": list(self.quizzes.data),
            "essays_graded": bool(self.essays_graded.data),
        }
        if self.attendance_rate.data is not None:
            rules["attendance_rate"] = self.attendance_rate.data
        return rules
