"""Forms of the question bank, quiz editing and essay grading (the attempt form is built per question)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FloatField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

REVIEW_CHOICES = [
    ("immediately", "Right after each attempt"),
    ("after_close", "After the quiz closes"),
    ("never", "Never"),
]
GRADING_CHOICES = [("highest", "Highest attempt"), ("last", "Last attempt"), ("average", "Average of attempts")]


class GiftImportForm(FlaskForm):
    gift_file = FileField(
        "GIFT file",
        validators=[FileRequired(), FileAllowed(["gift", "txt"], "A .gift or .txt file.")],
        description="Moodle GIFT, UTF-8. Questions already in the bank are not added again.",
    )
    submit = SubmitField("Import questions")


class QuizOptionsForm(FlaskForm):
    """What can be set on every quiz, including one whose questions come from course_content/."""

    intro = TextAreaField(
        "Introduction", validators=[Length(max=5000)], description="Shown on the quiz page before the trainee starts."
    )
    opens_at = DateTimeLocalField(
        "Opens",
        validators=[Optional()],
        format="%Y-%m-%dT%H:%M",
        description="In your time zone; leave empty to open now.",
    )
    closes_at = DateTimeLocalField(
        "Closes",
        validators=[Optional()],
        format="%Y-%m-%dT%H:%M",
        description="In your time zone; leave empty to never close.",
    )
    grading_method = SelectField("With several attempts, the grade is the", choices=GRADING_CHOICES)
    submit = SubmitField("Save settings")


class QuizForm(QuizOptionsForm):
    """Every setting of a quiz made in the app."""

    feedback_shown = SelectField("Feedback is shown", choices=REVIEW_CHOICES)
    answers_shown = SelectField(
        "Right answers are shown", choices=REVIEW_CHOICES, description="'After the quiz closes' needs a closing time."
    )

    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    pass_mark = IntegerField("Pass mark (%)", validators=[InputRequired(), NumberRange(0, 100)], default=50)
    attempts_allowed = IntegerField(
        "Attempts allowed",
        validators=[InputRequired(), NumberRange(0, 100)],
        default=0,
        description="0 means unlimited.",
    )
    time_limit_minutes = IntegerField(
        "Time limit (minutes)",
        validators=[InputRequired(), NumberRange(0, 24 * 60)],
        default=0,
        description="0 means no limit.",
    )
    shuffle_questions = BooleanField("Shuffle the questions")
    shuffle_answers = BooleanField("Shuffle the answers of each question")


class NewQuizForm(QuizForm):
    slug = StringField(
        "Short name",
        validators=[
            DataRequired(),
            Length(max=60),
            Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message="Lower-case letters and digits joined by dashes."),
        ],
        description="Stable identifier within the course, e.g. mid-term.",
    )
    submit = SubmitField("Create quiz")


class FixedSlotForm(FlaskForm):
    question = SelectField("Question", coerce=int, validators=[InputRequired()])
    max_mark = FloatField("Mark", default=1.0, validators=[InputRequired(), NumberRange(0.01, 1000)])
    submit = SubmitField("Add question")


class RandomSlotForm(FlaskForm):
    category = SelectField("Category", coerce=int, validators=[InputRequired()])
    count = IntegerField("Number of questions", default=1, validators=[InputRequired(), NumberRange(1, 200)])
    max_mark = FloatField("Mark of each", default=1.0, validators=[InputRequired(), NumberRange(0.01, 1000)])
    submit = SubmitField("Add random questions")


class EssayGradeForm(FlaskForm):
    score = FloatField(
        "Score (%)", validators=[InputRequired(), NumberRange(0, 100)], description="From 0 to 100; decimals allowed."
    )
    comment = TextAreaField("Comment for the trainee (rubric)", validators=[Length(max=5000)])
    submit = SubmitField("Save grade")
