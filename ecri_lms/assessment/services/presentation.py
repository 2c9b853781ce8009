"""What the attempt and review pages show, built so that nothing secret reaches the browser too soon.

The attempt page gets only each type's `public_view` and the trainee's own response; the review
page gets feedback and right answers only when the quiz's review options (or a grader's role) allow.
Both show each question in the reader's language where the course's files translate it (reading.py).
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

from ...accounts.permissions import Cap, can
from ...infra.errors import Conflict
from ...infra.i18n import current_language
from ...infra.i18n import gettext as _
from ...infra.timeutil import utcnow
from ..models import Attempt, AttemptAnswer, Question
from ..question_types import AnswerFeedback, get_type
from ..translation import accepting, relabel, translated_response
from .attempt_scoring import questions_of
from .quiz_grades import PASS_EPSILON
from .quizzes import review_time_reached
from .reading import ShownQuestion, shown_question, translations_of
from .statistics import chosen_ids


@dataclass
class QuestionView:
    """One question as the attempt page renders it."""

    number: int
    question: Question
    mark: float
    view: dict  # the type's public_view: widget and public options, never a right/wrong marker
    shown: ShownQuestion  # its texts in the reader's language (or the original's)
    selected: frozenset[str] = frozenset()  # radio/checkbox ids the trainee picked
    value: str = ""  # text, number or essay field
    pairs: dict[str, str] = field(default_factory=dict)  # matching: prompt id -> option id
    saved_at: datetime | None = None

    @property
    def widget(self) -> str:
        return self.view["widget"]

    @property
    def field_name(self) -> str:
        return f"q{self.question.id}"


def attempt_questions(attempt: Attempt, language: str | None = None) -> list[QuestionView]:
    """The attempt's questions in its frozen order, each with its own seeded choice order, in the reader's
    language (`language`, by default this request's) where translated: the ids and order stay the original's."""
    language = language or current_language()
    original = attempt.quiz.course.language
    questions = questions_of(attempt)
    translations = translations_of(questions, [language])
    answers = {answer.question_id: answer for answer in attempt.answers}
    shuffle = attempt.quiz.shuffle_answers
    views = []
    for number, item in enumerate(attempt.layout, 1):
        question = questions[item["question_id"]]
        answer = answers[question.id]
        translation = translations.get((question.id, language))
        view = get_type(question.qtype).public_view(question.spec, random.Random(item["seed"]), shuffle)
        if translation is not None:
            view = relabel(question.qtype, view, question.spec, translation.spec, shuffle)
        shown = shown_question(question, translation, original)
        views.append(_with_response(QuestionView(number, question, item["mark"], view, shown), answer))
    return views


def _with_response(view: QuestionView, answer: AttemptAnswer) -> QuestionView:
    """Fill the widget with what the trainee saved, so a reload shows their answers."""
    response = answer.response
    view.saved_at = answer.saved_at
    if view.widget in ("radio", "checkbox"):
        view.selected = frozenset(chosen_ids(response))
    elif view.widget == "select-pairs":
        view.pairs = dict(response) if isinstance(response, dict) else {}
    elif response is None:
        view.value = view.view.get("response_template", "")
    else:
        view.value = get_type(view.question.qtype).response_text(view.question.spec, response)
    return view


@dataclass
class ReviewItem:
    number: int
    question: Question
    mark: float
    answer: AttemptAnswer
    shown: ShownQuestion  # its texts in the reader's language (or the original's)
    response_text: str
    feedback: list[AnswerFeedback]
    right_answer: str

    @property
    def score(self) -> float | None:
        return self.answer.score

    @property
    def waiting(self) -> bool:
        return self.answer.score is None


@dataclass
class Review:
    attempt: Attempt
    items: list[ReviewItem]
    show_feedback: bool
    show_answers: bool

    @property
    def passed(self) -> bool | None:
        """Whether this attempt's score reaches the pass mark (None until it is graded)."""
        score = self.attempt.score
        return None if score is None else score * 100 + PASS_EPSILON >= self.attempt.quiz.pass_mark


def review_of(viewer, attempt: Attempt, now: datetime | None = None, language: str | None = None) -> Review:
    """A finished attempt with as much feedback and as many right answers as the viewer may see now, in the
    viewer's language (`language`, by default this request's) where the questions are translated."""
    if not attempt.is_finished:
        raise Conflict(_("This attempt is still in progress."))
    now = now or utcnow()
    language = language or current_language()
    quiz = attempt.quiz
    grader = can(viewer, Cap.TEACH)
    show_feedback = grader or review_time_reached(quiz, quiz.feedback_shown, now)
    show_answers = grader or review_time_reached(quiz, quiz.answers_shown, now)
    questions = questions_of(attempt)
    answers = {answer.question_id: answer for answer in attempt.answers}
    translations = translations_of(questions, [language, *(answer.language for answer in answers.values())])
    items = []
    for number, item in enumerate(attempt.layout, 1):
        question = questions[item["question_id"]]
        answer = answers[question.id]
        question_type = get_type(question.qtype)
        shown = shown_question(question, translations.get((question.id, language)), quiz.course.language)
        response = translated_response(question.qtype, answer.response, question.spec, shown.spec)
        given_in = translations.get((question.id, answer.language)) if answer.language != language else None
        feedback_spec = (
            accepting(question.spec, *([given_in.spec] if given_in else []), feedback_from=shown.spec)
            if question.qtype == "short_answer"
            else shown.spec
        )
        items.append(
            ReviewItem(
                number,
                question,
                item["mark"],
                answer,
                shown,
                question_type.response_text(shown.spec, response),
                question_type.feedback(feedback_spec, response) if show_feedback else [],
                question_type.right_answer_text(shown.spec) if show_answers else "",
            )
        )
    return Review(attempt, items, show_feedback, show_answers)
