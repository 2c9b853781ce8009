"""Every staff page of the assessment area, for every role: trainees never see the bank."""

import pytest

from ecri_lms.accounts.permissions import Role

from . import builders

BANK = ("edit_catalogue", [
    ("get", "/courses/{course}/question-bank"),
    ("get", "/courses/{course}/question-bank/export.gift"),
    ("post", "/courses/{course}/question-bank/import"),
    ("post", "/courses/{course}/question-bank/questions/{question}/archive"),
    ("post", "/courses/{course}/quizzes"),
    ("get", "/quizzes/{quiz}/edit"),
    ("post", "/quizzes/{quiz}/slots/fixed"),
    ("post", "/quizzes/{quiz}/slots/random"),
    ("post", "/quizzes/{quiz}/slots/{slot}/delete"),
])
TEACHING = ("teach", [
    ("get", "/quizzes/{quiz}/statistics"),
    ("get", "/grading"),
])
ALLOWED = {
    "edit_catalogue": {Role.TRAINER, Role.PARTNER_COORDINATOR, Role.CONSORTIUM_COORDINATOR},
    "teach": {Role.TRAINER, Role.PARTNER_COORDINATOR, Role.CONSORTIUM_COORDINATOR},
}
CASES = [(cap, method, url, role) for cap, urls in (BANK, TEACHING) for method, url in urls for role in Role]


@pytest.mark.parametrize("cap, method, url, role", CASES)
def test_staff_pages_answer_only_the_roles_that_may_use_them(client, login_as, make, cap, method, url, role):
    quiz = builders.quiz(text="::one::One?{T}")
    login_as(make.user(role))
    target = url.format(course=quiz.course_id, quiz=quiz.id, question=quiz.slots[0].question_id,
                        slot=quiz.slots[0].id)
    status = getattr(client, method)(target).status_code
    if role in ALLOWED[cap]:
        assert status in (200, 302, 400), (target, status)
    else:
        assert status == 403, (target, status)


@pytest.mark.parametrize("method, url", [(method, url) for _, urls in (BANK, TEACHING) for method, url in urls])
def test_staff_pages_send_anonymous_visitors_to_the_login(client, method, url):
    quiz = builders.quiz(text="::one::One?{T}")
    target = url.format(course=quiz.course_id, quiz=quiz.id, question=quiz.slots[0].question_id,
                        slot=quiz.slots[0].id)
    response = getattr(client, method)(target)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_trainee_sees_no_staff_tools_or_menu(client, login_as, make):
    login_as(make.trainee())
    quiz = builders.quiz()
    page = client.get(f"/quizzes/{quiz.id}").text
    assert "Edit the quiz" not in page and "Statistics" not in page and "Essays to grade" not in page
    assert "Question bank" not in client.get("/quizzes").text
