"""Every staff page of the assessment area, for every role: trainees never see the bank."""

import pytest

from ecri_lms.accounts.permissions import Role
from tests.assessment import builders

BANK = (
    "edit_catalogue",
    [
        ("get", "/courses/{course}/question-bank"),
        ("get", "/courses/{course}/question-bank/export.gift"),
        ("post", "/courses/{course}/question-bank/import"),
        ("post", "/courses/{course}/question-bank/questions/{question}/archive"),
        ("post", "/courses/{course}/quizzes"),
        ("get", "/quizzes/{quiz}/edit"),
        ("post", "/quizzes/{quiz}/slots/fixed"),
        ("post", "/quizzes/{quiz}/slots/random"),
        ("post", "/quizzes/{quiz}/slots/{slot}/delete"),
    ],
)
TEACHING = (
    "teach",
    [
        ("get", "/quizzes/{quiz}/statistics"),
        ("get", "/grading"),
    ],
)
ALLOWED = {
    "edit_catalogue": {Role.TRAINER, Role.PARTNER_COORDINATOR, Role.CONSORTIUM_COORDINATOR},
    "teach": {Role.TRAINER, Role.PARTNER_COORDINATOR, Role.CONSORTIUM_COORDINATOR},
}
PAGES = [(cap, method, url) for cap, urls in (BANK, TEACHING) for method, url in urls]


def urls_of(quiz) -> list[tuple[str, str, str]]:
    """(capability, method, url) of every staff page, for this quiz."""
    ids = {"course": quiz.course_id, "quiz": quiz.id, "question": quiz.slots[0].question_id, "slot": quiz.slots[0].id}
    return [(cap, method, url.format(**ids)) for cap, method, url in PAGES]


@pytest.mark.parametrize("role", list(Role))
def test_staff_pages_answer_only_the_roles_that_may_use_them(client, login_as, make, role):
    quiz = builders.quiz(text="::one::One?{T}")
    login_as(make.user(role))
    pages = urls_of(quiz)
    statuses = {url: getattr(client, method)(url).status_code for _, method, url in pages}
    expected = {url: "allowed" if role in ALLOWED[cap] else 403 for cap, _, url in pages}
    answered = {url: "allowed" if status in (200, 302, 400) else status for url, status in statuses.items()}
    assert answered == expected


def test_staff_pages_send_anonymous_visitors_to_the_login(client):
    quiz = builders.quiz(text="::one::One?{T}")
    for _, method, url in urls_of(quiz):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_a_trainee_sees_no_staff_tools_or_menu(client, login_as, make):
    login_as(make.trainee())
    quiz = builders.quiz()
    page = client.get(f"/quizzes/{quiz.id}").text
    assert "Edit the quiz" not in page and "Statistics" not in page and "Essays to grade" not in page
    assert "Question bank" not in client.get("/quizzes").text
