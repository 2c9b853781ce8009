"""Grading essays by hand: the trainers' queue, the grade with its rubric comment, and its audit trail."""

from datetime import datetime

from sqlalchemy import func, select, true
from sqlalchemy.orm import contains_eager

from ...accounts.audit.services import record
from ...accounts.languages import language_of
from ...accounts.models import User
from ...accounts.permissions import Cap, require
from ...catalogue.models import Course
from ...infra.errors import NotFound, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import in_language
from ...infra.links import absolute_url
from ...infra.timeutil import utcnow
from ...notifications.services import notify
from ..models import FINISHED_STATES, Attempt, AttemptAnswer, AttemptState, Question, Quiz
from .attempt_scoring import refresh_state
from .quiz_grades import manual_type_names

MAX_COMMENT = 5_000


def _taught_courses(actor):
    """The SQL condition on Quiz.course_id for courses whose essays the actor grades.

    For now anyone who may teach grades every course; narrowing to the runs a trainer teaches
    changes only this function.
    """
    require(actor, Cap.TEACH)
    return true()


def _waiting(actor, *columns):
    """A select of `columns` over the essay answers waiting for a grade in courses the actor teaches."""
    return (
        select(*columns)
        .select_from(AttemptAnswer)
        .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .join(Question, Question.id == AttemptAnswer.question_id)
        .where(
            _taught_courses(actor),
            Attempt.state == AttemptState.NEEDS_GRADING,
            Question.qtype.in_(manual_type_names()),
            AttemptAnswer.manual_score.is_(None),
            AttemptAnswer.auto_score.is_(None),
        )
    )


def waiting_essays_query(actor, course_id: int | None = None):
    """Essay answers waiting for a grade in courses the actor teaches, oldest submission first."""
    # contains_eager: the attempt and question joined to filter are the ones loaded, not joined twice
    # (a second outer join of the attempts made PostgreSQL merge-join all of them).
    query = (
        _waiting(actor, AttemptAnswer)
        .options(contains_eager(AttemptAnswer.attempt).joinedload(Attempt.user), contains_eager(AttemptAnswer.question))
        .order_by(Attempt.submitted_at, AttemptAnswer.id)
    )
    if course_id is not None:
        query = query.where(Quiz.course_id == course_id)
    return query


def waiting_essay_rows(actor, limit: int) -> list:
    """The oldest essays waiting, as plain rows (id, trainee name, course code, quiz title, submitted at):
    all a short list shows, without loading attempts, users and questions."""
    return db.session.execute(
        _waiting(
            actor,
            AttemptAnswer.id,
            User.name.label("trainee"),
            Course.code.label("course_code"),
            Quiz.title.label("quiz_title"),
            Attempt.submitted_at,
        )
        .join(User, User.id == Attempt.user_id)
        .join(Course, Course.id == Quiz.course_id)
        .order_by(Attempt.submitted_at, AttemptAnswer.id)
        .limit(limit)
    ).all()


def waiting_essay_count(actor) -> int:
    """How many essays wait for the actor (the dashboard panel)."""
    return db.session.scalar(_waiting(actor, func.count(AttemptAnswer.id))) or 0


def grade_essay(
    actor, answer: AttemptAnswer, percent: float, comment: str = "", now: datetime | None = None
) -> AttemptAnswer:
    """Give an essay a score (0–100 %) and a rubric comment; the attempt is graded once no essay waits."""
    answer = essay_answer(actor, answer.id)
    now = now or utcnow()
    attempt = answer.attempt
    if isinstance(percent, bool) or not isinstance(percent, int | float) or not 0 <= percent <= 100:
        raise ValidationError(_("The score is a percentage between 0 and 100."))
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ValidationError(_("The comment is too long: at most %(limit)d characters.", limit=MAX_COMMENT))
    before = _grade_record(answer)
    was_graded = attempt.is_graded
    answer.manual_score = round(percent / 100, 6)
    answer.grader_comment = comment
    answer.grader_id = getattr(actor, "id", None)
    answer.graded_at = now
    after = _grade_record(answer)
    record(
        actor,
        "grade.change",
        "attempt_answer",
        answer.id,
        partner_id=attempt.user.partner_id,
        subject_user_id=attempt.user_id,
        summary=f"{attempt.quiz.course.code} {attempt.quiz.slug}: essay of {attempt.user.name} graded "
        f"{after['score']:g} %",
        before=before,
        after=after,
        attempt_id=attempt.id,
        quiz_id=attempt.quiz_id,
    )
    if refresh_state(attempt, now) and not was_graded:
        _tell_trainee(attempt)
    return answer


def _grade_record(answer: AttemptAnswer) -> dict:
    """The grade as the audit log keeps it (before and after a change)."""
    score = answer.manual_score
    return {"score": None if score is None else round(score * 100, 4), "comment": answer.grader_comment or ""}


def _tell_trainee(attempt: Attempt) -> None:
    """The trainee learns their attempt is graded, in the app and by e-mail: in the trainee's language, not the
    grader's (the notification is stored as they will read it)."""
    quiz, trainee = attempt.quiz, attempt.user
    with in_language(language_of(trainee)):
        notify(
            trainee,
            _("Your quiz is graded: %(quiz)s", quiz=quiz.title),
            _(
                "Your attempt %(number)d at %(quiz)s (%(course)s) has been graded.",
                number=attempt.number,
                quiz=quiz.title,
                course=quiz.course.title,
            ),
            absolute_url("assessment.review", attempt_id=attempt.id),
        )


def essay_answer(actor, answer_id: int) -> AttemptAnswer:
    """An essay answer of a finished attempt in a course the actor teaches (to grade or regrade), or NotFound."""
    answer = db.session.scalar(
        select(AttemptAnswer)
        .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .join(Question, Question.id == AttemptAnswer.question_id)
        .where(
            AttemptAnswer.id == answer_id,
            _taught_courses(actor),
            Attempt.state.in_(FINISHED_STATES),
            Question.qtype.in_(manual_type_names()),
        )
    )
    if answer is None:
        raise NotFound(_("No such essay to grade."))
    return answer
