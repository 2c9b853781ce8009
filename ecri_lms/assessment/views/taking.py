"""Taking quizzes: the quiz list and page, the attempt page and its saves, the review page."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...accounts.permissions import Cap, can
from ...infra.errors import DomainError, NotFound
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.pagination import paginate
from ...infra.timeutil import format_in_zone
from ...infra.web import commit_or_flash
from .. import services
from .blueprint import bp


def _late() -> str:
    """What a trainee reads when their answers came after the time limit."""
    return _(
        "The time limit had passed: your last answers were not saved, and the attempt was graded on the answers "
        "saved before the limit."
    )


def _is_staff() -> bool:
    return can(current_user, Cap.EDIT_CATALOGUE) or can(current_user, Cap.TEACH)


@bp.get("/quizzes")
@login_required
def index():
    courses_page = paginate(services.staff_courses_query(), per_page=25) if _is_staff() else None
    counts = services.quiz_counts([course.id for course in courses_page.items]) if courses_page else {}
    mine = services.my_quizzes(current_user)
    db.session.commit()  # attempts whose time ran out were closed on the way
    return render_template("assessment/index.html", mine=mine, courses_page=courses_page, counts=counts)


@bp.get("/quizzes/<int:quiz_id>")
@login_required
def quiz(quiz_id: int):
    quiz = services.get_quiz(quiz_id, include_archived=_is_staff())
    attempts = services.attempts_of(current_user, quiz)
    grade = services.grade_from_attempts(quiz, attempts)
    current = next((attempt for attempt in attempts if attempt.is_in_progress), None)
    refusal = None if current else services.start_refusal(current_user, quiz, attempts)
    db.session.commit()
    return render_template(
        "assessment/quiz.html",
        quiz=quiz,
        attempts=attempts,
        grade=grade,
        current=current,
        refusal=refusal,
        question_count=services.question_count(quiz),
        staff=_is_staff(),
        course_title=services.course_title(quiz.course),
        reading=services.quiz_reading(quiz),
    )


@bp.post("/quizzes/<int:quiz_id>/start")
@login_required
def start(quiz_id: int):
    quiz = services.get_quiz(quiz_id)
    outcome = commit_or_flash(lambda: services.start_attempt(current_user, quiz))
    if outcome.ok:
        return redirect(url_for(".attempt", attempt_id=outcome.value.id))
    return redirect(url_for(".quiz", quiz_id=quiz.id))


@bp.get("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    attempt = services.own_attempt(current_user, attempt_id)
    if attempt.is_finished:
        db.session.commit()  # it may have been closed on the way, its time having run out
        return redirect(url_for(".review", attempt_id=attempt.id))
    return render_template(
        "assessment/attempt.html",
        attempt=attempt,
        questions=services.attempt_questions(attempt),
        seconds_left=services.seconds_left(attempt),
        course_title=services.course_title(attempt.quiz.course),
        reading=services.quiz_reading(attempt.quiz),
    )


@bp.post("/attempts/<int:attempt_id>")
@login_required
def answer(attempt_id: int):
    """The plain form: saves every question (button "Save") or submits (button "Submit"); works without JS."""
    attempt = services.own_attempt(current_user, attempt_id)
    if attempt.is_finished:
        db.session.commit()
        flash(_late() if attempt.closed_automatically else _("This attempt is already submitted."), "warning")
        return redirect(url_for(".review", attempt_id=attempt.id))
    action = services.submit_attempt if request.form.get("action") == "submit" else services.save_answers
    try:
        outcome = action(current_user, attempt, services.submitted_values(request.form))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for(".attempt", attempt_id=attempt_id))
    db.session.commit()
    if outcome.closed_late:
        flash(_late(), "warning")
        return redirect(url_for(".review", attempt_id=attempt.id))
    for question_id, message in outcome.errors.items():
        number = attempt.question_ids.index(question_id) + 1
        flash(_("Question %(number)d was not saved: %(reason)s", number=number, reason=message), "danger")
    if outcome.submitted:
        flash(_("Your answers are submitted."), "success")
        return redirect(url_for(".review", attempt_id=attempt.id))
    if not outcome.errors:
        flash(_("Your answers are saved."), "success")
    return redirect(url_for(".attempt", attempt_id=attempt.id))


@bp.post("/attempts/<int:attempt_id>/questions/<int:question_id>")
@login_required
def autosave(attempt_id: int, question_id: int):
    """The autosave of one question (static/js/quiz.js); JSON in, JSON out."""
    attempt = services.own_attempt(current_user, attempt_id)
    review_url = url_for(".review", attempt_id=attempt.id)
    if attempt.is_finished:
        db.session.commit()
        return jsonify(closed=True, message=_late(), redirect=review_url), 409
    try:
        values = services.submitted_values(request.form, only=question_id).get(question_id, [])
        outcome = services.save_answer(current_user, attempt, question_id, values)
    except DomainError as error:
        db.session.rollback()
        return jsonify(error=error.message), error.status_code
    saved_at = (
        None
        if outcome.closed_late
        else next(answer.saved_at for answer in attempt.answers if answer.question_id == question_id)
    )
    zone = current_user.display_timezone
    db.session.commit()
    if outcome.closed_late:
        return jsonify(closed=True, message=_late(), redirect=review_url), 409
    return jsonify(saved=True, saved_at=format_in_zone(saved_at, zone))


@bp.get("/attempts/<int:attempt_id>/review")
@login_required
def review(attempt_id: int):
    attempt = services.viewable_attempt(current_user, attempt_id)
    db.session.commit()
    if not attempt.is_finished:
        if attempt.user_id == current_user.id:
            return redirect(url_for(".attempt", attempt_id=attempt.id))
        raise NotFound(_("This attempt is still in progress."))
    review = services.review_of(current_user, attempt)
    return render_template(
        "assessment/review.html",
        review=review,
        attempt=attempt,
        quiz=attempt.quiz,
        reading=services.quiz_reading(attempt.quiz),
    )
