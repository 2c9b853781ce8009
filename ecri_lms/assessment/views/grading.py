"""Essay grading for trainers: the queue of essays waiting, and the grading form."""

from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.pagination import paginate
from ...infra.web import commit_or_flash
from .. import services
from ..forms import EssayGradeForm
from .blueprint import bp


@bp.get("/grading")
@login_required
def grading_queue():
    page = paginate(services.waiting_essays_query(current_user), per_page=25)
    return render_template("assessment/grading_queue.html", page=page)


@bp.route("/grading/answers/<int:answer_id>", methods=["GET", "POST"])
@login_required
def grade(answer_id: int):
    answer = services.essay_answer(current_user, answer_id)
    form = EssayGradeForm()
    if not form.is_submitted() and answer.manual_score is not None:
        form.score.data = round(answer.manual_score * 100, 2)
        form.comment.data = answer.grader_comment
    if form.validate_on_submit():
        score, comment = form.score.data, form.comment.data or ""
        if commit_or_flash(lambda: services.grade_essay(current_user, answer, score, comment), _("Grade saved.")).ok:
            following = db.session.scalar(services.waiting_essays_query(current_user).limit(1))
            if following is not None:
                return redirect(url_for(".grade", answer_id=following.id))
            return redirect(url_for(".grading_queue"))
    attempt = answer.attempt
    return render_template(
        "assessment/grade_essay.html", answer=answer, attempt=attempt, quiz=attempt.quiz, form=form
    ), 400 if form.errors else 200
