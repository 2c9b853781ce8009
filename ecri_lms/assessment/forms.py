"""Forms of the question bank, quiz editing and essay grading (the attempt form is built per question)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from ..infra.form_fields import LocaleFloatField
from ..infra.i18n import lazy_gettext as _l

REVIEW_CHOICES = [
    ("immediately", _l("Right after each attempt")),
    ("after_close", _l("After the quiz closes")),
    ("never", _l("Never")),
]
GRADING_CHOICES = [
    ("highest", _l("Highest attempt")),
    ("last", _l("Last attempt")),
    ("average", _l("Average of attempts")),
]


class GiftImportForm(FlaskForm):
    gift_file = FileField(
        _l("GIFT file"),
        validators=[FileRequired(), FileAllowed(["gift", "txt"], _l("A .gift or .txt file."))],
        description=_l("Moodle GIFT, UTF-8. Questions already in the bank are not added again."),
    )
    submit = SubmitField(_l("Import questions"))


class QuizOptionsForm(FlaskForm):
    """What can be set on every quiz, including one whose questions come from course_content/."""

    intro = TextAreaField(
        _l("Introduction"),
        validators=[Length(max=5000)],
        description=_l("Shown on the quiz page before the trainee starts."),
    )
    opens_at = DateTimeLocalField(
        _l("Opens"),
        validators=[Optional()],
        format="%Y-%m-%dT%H:%M",
        description=_l("In your time zone; leave empty to open now."),
    )
    closes_at = DateTimeLocalField(
        _l("Closes"),
        validators=[Optional()],
        format="%Y-%m-%dT%H:%M",
        description=_l("In your time zone; leave empty to never close."),
    )
    grading_method = SelectField(_l("With several attempts, the grade is the"), choices=GRADING_CHOICES)
    submit = SubmitField(_l("Save settings"))


class QuizForm(QuizOptionsForm):
    """Every setting of a quiz made in the app."""

    feedback_shown = SelectField(_l("Feedback is shown"), choices=REVIEW_CHOICES)
    answers_shown = SelectField(
        _l("Right answers are shown"),
        choices=REVIEW_CHOICES,
        description=_l("'After the quiz closes' needs a closing time."),
    )

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    pass_mark = IntegerField(_l("Pass mark (%)"), validators=[InputRequired(), NumberRange(0, 100)], default=50)
    attempts_allowed = IntegerField(
        _l("Attempts allowed"),
        validators=[InputRequired(), NumberRange(0, 100)],
        default=0,
        description=_l("0 means unlimited."),
    )
    time_limit_minutes = IntegerField(
        _l("Time limit (minutes)"),
        validators=[InputRequired(), NumberRange(0, 24 * 60)],
        default=0,
        description=_l("0 means no limit."),
    )
    shuffle_questions = BooleanField(_l("Shuffle the questions"))
    shuffle_answers = BooleanField(_l("Shuffle the answers of each question"))


class NewQuizForm(QuizForm):
    slug = StringField(
        _l("Short name"),
        validators=[
            DataRequired(),
            Length(max=60),
            Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message=_l("Lower-case letters and digits joined by dashes.")),
        ],
        description=_l("Stable identifier within the course, e.g. mid-term."),
    )
    submit = SubmitField(_l("Create quiz"))


# Marks and scores are typed the reader's way: "2,5" or "62,5" on a Spanish, Greek, Polish or Italian page.
class FixedSlotForm(FlaskForm):
    question = SelectField(_l("Question"), coerce=int, validators=[InputRequired()])
    max_mark = LocaleFloatField(_l("Mark"), default=1.0, validators=[InputRequired(), NumberRange(0.01, 1000)])
    submit = SubmitField(_l("Add question"))


class RandomSlotForm(FlaskForm):
    category = SelectField(_l("Category"), coerce=int, validators=[InputRequired()])
    count = IntegerField(_l("Number of questions"), default=1, validators=[InputRequired(), NumberRange(1, 200)])
    max_mark = LocaleFloatField(_l("Mark of each"), default=1.0, validators=[InputRequired(), NumberRange(0.01, 1000)])
    submit = SubmitField(_l("Add random questions"))


class EssayGradeForm(FlaskForm):
    score = LocaleFloatField(
        _l("Score (%)"),
        validators=[InputRequired(), NumberRange(0, 100)],
        description=_l("From 0 to 100; decimals allowed."),
    )
    comment = TextAreaField(_l("Comment for the trainee (rubric)"), validators=[Length(max=5000)])
    submit = SubmitField(_l("Save grade"))
