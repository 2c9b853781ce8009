"""The evaluation form: three level-1 ratings and a comment, then one competence rating per topic of the run."""

from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..infra.i18n import _, _l
from .services import MAX_COMMENT, EvaluationAnswers

CHOOSE = ("", _l("Choose…"))
SATISFACTION = [CHOOSE, ("1", _l("1 – poor")), ("2", "2"), ("3", "3"), ("4", "4"), ("5", _l("5 – excellent"))]
COMPETENCE = [CHOOSE, ("1", _l("1 – none")), ("2", "2"), ("3", "3"), ("4", "4"), ("5", _l("5 – expert"))]
IMPORTANCE = [
    CHOOSE,
    ("1", _l("1 – not important")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _l("5 – essential")),
]


def _rating(label, choices) -> SelectField:
    return SelectField(label, choices=choices, validators=[InputRequired(_l("Choose from 1 to 5."))])


def evaluation_form(topics) -> FlaskForm:
    """The form for a run whose course has these topics; per topic, comp_<CODE> and imp_<CODE>."""

    class EvaluationForm(FlaskForm):
        usefulness = _rating(_l("How useful was this run for your work?"), SATISFACTION)
        trainer = _rating(_l("How good was the trainer?"), SATISFACTION)
        organisation = _rating(
            _l("How well was the run organised (dates, place or connection, materials)?"), SATISFACTION
        )
        comment = TextAreaField(
            _l("Anything you would like to tell the trainer or the organisers?"),
            validators=[Optional(), Length(max=MAX_COMMENT)],
        )
        submit = SubmitField(_l("Send my evaluation"))

    for topic in topics:
        setattr(
            EvaluationForm,
            f"comp_{topic.code}",
            _rating(_("Your competence now in “%(topic)s”", topic=topic.name), COMPETENCE),
        )
        setattr(
            EvaluationForm,
            f"imp_{topic.code}",
            _rating(_("How important is “%(topic)s” for your work?", topic=topic.name), IMPORTANCE),
        )
    return EvaluationForm()


def answers_of(form, topics) -> EvaluationAnswers:
    return EvaluationAnswers(
        usefulness=int(form.usefulness.data),
        trainer=int(form.trainer.data),
        organisation=int(form.organisation.data),
        comment=form.comment.data or "",
        competence={t.code: int(form[f"comp_{t.code}"].data) for t in topics},
        importance={t.code: int(form[f"imp_{t.code}"].data) for t in topics},
    )


class FollowUpForm(FlaskForm):
    """Turn a plan's evaluations into a follow-up survey round (a button: CSRF only)."""

    submit = SubmitField(_l("Start a follow-up survey round from these evaluations"))
