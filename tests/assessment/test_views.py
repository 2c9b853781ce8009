"""The quiz pages through HTTP: taking a quiz with and without JavaScript, secrecy, review, staff pages."""

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.assessment.models import Attempt, AttemptAnswer, Question, Quiz
from ecri_lms.assessment.services import start_attempt, submit_attempt
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from tests.assessment import builders
from tests.assessment.builders import RIGHT_ANSWER_TEXTS, SECRET, form_data, right_values
from tests.dbutil import counted_statements
from tests.factories import login_identity


def started(client, quiz):
    response = client.post(f"/quizzes/{quiz.id}/start")
    assert response.status_code == 302, response.text
    return db.session.get(Attempt, int(response.headers["Location"].rstrip("/").split("/")[-1]))


def questions_of(attempt):
    return {answer.question.name: answer.question for answer in attempt.answers}


def page_form(attempt, answers: dict, action="save") -> dict:
    data = {"action": action, "shown": [str(qid) for qid in attempt.question_ids]}
    for question, values in answers.items():
        data.update(form_data(question, values))
    return data


def test_a_trainee_takes_a_quiz_without_javascript(client, login_as, make, learners):
    trainee = login_as(learners.add(make.trainee()))
    quiz = builders.quiz(time_limit_minutes=30)
    page = client.get(f"/quizzes/{quiz.id}")
    assert "Start attempt 1" in page.text and "30 minutes" in page.text
    attempt = started(client, quiz)
    questions = questions_of(attempt)
    attempt_page = client.get(f"/attempts/{attempt.id}")
    assert attempt_page.status_code == 200 and "Time left" in attempt_page.text

    saved = client.post(
        f"/attempts/{attempt.id}",
        data=page_form(
            attempt, {questions["single"]: right_values(questions["single"]), questions["numeric"]: ["44,800"]}
        ),
        follow_redirects=True,
    )
    assert "Question 5 was not saved" in saved.text and "ambiguous" in saved.text
    assert 'value="' + builders.choice_id("Strategy") + '" checked' in saved.text  # the saved choice is shown again

    answers = {question: right_values(question) for question in questions.values()}
    done = client.post(f"/attempts/{attempt.id}", data=page_form(attempt, answers, "submit"), follow_redirects=True)
    assert "Your answers are submitted." in done.text and "Waiting for grading" in done.text
    db.session.expire_all()
    assert attempt.state == "needs_grading" and trainee.id == attempt.user_id
    assert all(a.score == 1.0 for a in attempt.answers if a.question.name != "essay")
    assert client.get(f"/attempts/{attempt.id}").status_code == 302  # a finished attempt goes to its review


def test_clearing_every_checkbox_saves_a_blank_answer(client, login_as, make, learners):
    login_as(learners.add(make.trainee()))
    attempt = started(client, builders.quiz())
    multi = questions_of(attempt)["multi"]
    client.post(f"/attempts/{attempt.id}", data=page_form(attempt, {multi: [builders.choice_id("Financing")]}))
    client.post(f"/attempts/{attempt.id}", data=page_form(attempt, {}))
    db.session.expire_all()
    assert next(a for a in attempt.answers if a.question_id == multi.id).response is None


def test_the_autosave_saves_one_question_and_answers_json(client, login_as, make, learners):
    login_as(learners.add(make.trainee()))
    attempt = started(client, builders.quiz())
    matching = questions_of(attempt)["matching"]
    url = f"/attempts/{attempt.id}/questions/{matching.id}"
    response = client.post(
        url,
        data={"shown": str(matching.id), **form_data(matching, right_values(matching))},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200 and response.json["saved"] is True
    assert set(response.json) == {"saved", "saved_at"}  # nothing about scores
    db.session.expire_all()
    assert db.session.scalar(
        select(AttemptAnswer.response).where(
            AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.question_id == matching.id
        )
    ) == right_values(matching)
    numeric = questions_of(attempt)["numeric"]
    bad = client.post(
        f"/attempts/{attempt.id}/questions/{numeric.id}",
        data={"shown": str(numeric.id), f"q{numeric.id}": "1,000"},
        headers={"Accept": "application/json"},
    )
    assert bad.status_code == 400 and "ambiguous" in bad.json["error"]


def test_the_autosave_needs_the_csrf_token_the_page_gives(make_app, make, learners):
    app = make_app(WTF_CSRF_ENABLED=True)
    trainee = learners.add(make.trainee())
    quiz = builders.quiz()
    attempt = start_attempt(trainee, quiz)
    db.session.commit()
    single = questions_of(attempt)["single"]
    with app.test_client() as client:
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = login_identity(trainee), True
        html = client.get(f"/attempts/{attempt.id}").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        url = f"/attempts/{attempt.id}/questions/{single.id}"
        data = {"shown": str(single.id), f"q{single.id}": builders.choice_id("Strategy")}
        assert client.post(url, data=data, headers={"Accept": "application/json"}).status_code == 400
        ok = client.post(url, data=data, headers={"Accept": "application/json", "X-CSRFToken": token})
        assert ok.status_code == 200, ok.text


def test_the_right_answers_never_reach_the_attempt_page(client, login_as, make, learners):
    login_as(learners.add(make.trainee()))
    quiz = builders.quiz(shuffle_answers=True)
    essay = next(slot.question for slot in quiz.slots if slot.question.qtype == "essay")
    essay.spec = {"response_template": "Start here.", "grader_info": "RUBRIC-FOR-GRADERS-ONLY"}
    db.session.commit()
    attempt = started(client, quiz)
    html = client.get(f"/attempts/{attempt.id}").text
    assert "Start here." in html and "Which area weighs most" in html
    for secret in (SECRET, "RUBRIC-FOR-GRADERS-ONLY", *RIGHT_ANSWER_TEXTS, "weight", "%50%", "feedback"):
        assert secret not in html, secret
    # Choices and matching options are there, but nothing tells which is right.
    assert "Strategy" in html and "Lesser Poland" in html and "Bavaria" in html


@pytest.mark.parametrize(
    "feedback, answers, shown",
    [
        ("never", "never", False),
        ("immediately", "immediately", True),
    ],
)
def test_the_review_shows_feedback_and_right_answers_only_when_allowed(
    client, login_as, make, learners, feedback, answers, shown
):
    trainee = login_as(learners.add(make.trainee()))
    quiz = builders.quiz(feedback_shown=feedback, answers_shown=answers)
    attempt = start_attempt(trainee, quiz)
    questions = questions_of(attempt)
    submit_attempt(trainee, attempt, {questions["single"].id: [builders.choice_id("Services")]})
    db.session.commit()
    html = client.get(f"/attempts/{attempt.id}/review").text
    assert "Services" in html  # the trainee's own answer is always there
    assert (SECRET in html) is shown
    assert ("entrepreneurial discovery" in html) is shown
    assert ("Right answer" in html) is shown


def test_right_answers_shown_after_close_appear_once_the_quiz_has_closed(client, login_as, make, learners):
    trainee = login_as(learners.add(make.trainee()))
    quiz = builders.quiz(
        feedback_shown="after_close", answers_shown="after_close", closes_at=utcnow() + timedelta(hours=1)
    )
    attempt = start_attempt(trainee, quiz)
    submit_attempt(trainee, attempt)
    db.session.commit()
    assert "entrepreneurial discovery" not in client.get(f"/attempts/{attempt.id}/review").text
    quiz.opens_at, quiz.closes_at = utcnow() - timedelta(days=2), utcnow() - timedelta(minutes=1)
    db.session.commit()
    html = client.get(f"/attempts/{attempt.id}/review").text
    assert "entrepreneurial discovery" in html and SECRET in html


def test_a_late_submission_is_refused_and_graded_on_what_was_saved(client, login_as, make, learners):
    trainee = login_as(learners.add(make.trainee()))
    quiz = builders.quiz(time_limit_minutes=10)
    attempt = start_attempt(trainee, quiz, now=utcnow() - timedelta(minutes=11))
    db.session.commit()
    single = questions_of(attempt)["single"]
    response = client.post(
        f"/attempts/{attempt.id}",
        data=page_form(attempt, {single: right_values(single)}, "submit"),
        follow_redirects=True,
    )
    assert "The time limit had passed" in response.text
    db.session.expire_all()
    assert attempt.state == "graded" and attempt.closed_automatically and attempt.score == 0.0
    late_autosave = client.post(
        f"/attempts/{attempt.id}/questions/{single.id}",
        data={"shown": str(single.id), **form_data(single, right_values(single))},
        headers={"Accept": "application/json"},
    )
    assert late_autosave.status_code == 409 and late_autosave.json["closed"] is True


def test_opening_an_attempt_whose_time_ran_out_closes_it_for_good(client, login_as, make, learners):
    trainee = login_as(learners.add(make.trainee()))
    attempt = start_attempt(trainee, builders.quiz(time_limit_minutes=10), now=utcnow() - timedelta(minutes=11))
    db.session.commit()
    response = client.get(f"/attempts/{attempt.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/attempts/{attempt.id}/review")
    db.session.rollback()  # only what the page committed is left
    assert attempt.state == "graded" and attempt.closed_automatically


def test_the_attempt_page_and_the_autosave_read_the_attempt_and_its_answers_once(client, login_as, make, learners):
    login_as(learners.add(make.trainee()))
    attempt = started(client, builders.quiz())
    single = questions_of(attempt)["single"]
    with counted_statements() as page_statements:
        assert client.get(f"/attempts/{attempt.id}").status_code == 200
    with counted_statements() as save_statements:
        saved = client.post(
            f"/attempts/{attempt.id}/questions/{single.id}",
            data={"shown": str(single.id), **form_data(single, right_values(single))},
        )
        assert saved.status_code == 200
    for statements in (page_statements, save_statements):
        assert sum("FROM quiz_attempt" in statement for statement in statements) == 1
        assert not any(
            "FROM attempt_answer" in statement or "FROM course_topic" in statement for statement in statements
        )


def test_another_trainees_attempt_is_not_found(client, login_as, make, learners):
    owner = learners.add(make.trainee())
    attempt = start_attempt(owner, builders.quiz())
    db.session.commit()
    question_id = attempt.question_ids[0]
    login_as(learners.add(make.trainee()))
    assert client.get(f"/attempts/{attempt.id}").status_code == 404
    assert client.get(f"/attempts/{attempt.id}/review").status_code == 404
    assert (
        client.post(
            f"/attempts/{attempt.id}", data={"shown": [str(question_id)], f"q{question_id}": "true"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/attempts/{attempt.id}/questions/{question_id}",
            data={"shown": str(question_id)},
            headers={"Accept": "application/json"},
        ).status_code
        == 404
    )
    db.session.expire_all()
    assert all(answer.response is None for answer in attempt.answers)


def test_refusals_are_explained_on_the_quiz_page(client, login_as, make, learners):
    login_as(learners.add(make.trainee()))
    quiz = builders.quiz(opens_at=utcnow() + timedelta(days=1))
    page = client.get(f"/quizzes/{quiz.id}")
    assert "This quiz opens on" in page.text and "Start attempt" not in page.text
    refused = client.post(f"/quizzes/{quiz.id}/start", follow_redirects=True)
    assert "This quiz opens on" in refused.text
    assert db.session.scalar(select(Attempt)) is None


def test_a_non_learner_sees_why_they_cannot_start(client, login_as, make):
    login_as(make.trainee())
    quiz = builders.quiz()
    assert "Only learners of" in client.get(f"/quizzes/{quiz.id}").text
    assert client.post(f"/quizzes/{quiz.id}/start").status_code == 302
    assert db.session.scalar(select(Attempt)) is None


def test_the_quiz_list_shows_a_learners_quizzes_with_their_grade(client, login_as, make, learners):
    trainee = login_as(make.trainee())
    quiz = builders.quiz()
    other = builders.quiz(slug="other")
    learners.add(trainee, quiz.course)
    html = client.get("/quizzes").text
    assert quiz.course.title in html and other.course.title not in html and "not started" in html


def test_every_attempt_field_has_a_label(client, login_as, make, learners):
    login_as(learners.add(make.trainee()))
    html = client.get(f"/attempts/{started(client, builders.quiz()).id}").text
    field_ids = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
    assert len(field_ids) == 15
    for field_id in field_ids:
        assert f'for="{field_id}"' in html, field_id
    assert html.count("<fieldset") == html.count("<legend") == 7


# Staff pages ------------------------------------------------------------------------------------


def test_a_trainer_imports_a_gift_file_and_sees_the_report(client, login_as, make):
    login_as(make.trainer())
    course = builders.course()
    gift = b"::good::Good?{T}\n\n::broken::No answers here.\n\n::also good::Also?{F}\n"
    response = client.post(
        f"/courses/{course.id}/question-bank/import",
        data={"import-gift_file": (io.BytesIO(gift), "bank.gift")},
        follow_redirects=True,
    )
    assert "2 questions created" in response.text and "Created: good, also good." in response.text
    assert "Line 3: No answer block" in response.text
    assert "also good" in response.text and "bank.gift, line 5" in response.text


# Values of ?category= that name no category: beyond PostgreSQL's integer, negative, not a number.
NOT_AN_ID = ["2147483648", "9223372036854775808", "99999999999999999999999", "-1", "abc", "1e3", "\u00b2", "0x10"]


@pytest.mark.parametrize("category", NOT_AN_ID)
def test_a_category_filter_that_is_no_id_is_refused_with_a_reason(client, login_as, make, category):
    login_as(make.trainer())
    course = builders.course()
    response = client.get(f"/courses/{course.id}/question-bank", query_string={"category": category})
    assert response.status_code == 400 and "?category=" in response.text


def test_a_blank_category_filter_shows_every_question(client, login_as, make):
    login_as(make.trainer())
    course = builders.course()
    questions = builders.bank(course)
    response = client.get(f"/courses/{course.id}/question-bank", query_string={"category": " "})
    assert response.status_code == 200
    assert all(f'<th scope="row">{question.name}</th>' in response.text for question in questions.values())


@pytest.mark.parametrize(
    "gift, message",
    [
        (b"::a::Pick one.{=yes\x00 ~no}", "NUL character on line 1"),
        (b"::ok::Fine?{T}\n\n::a::Pick\x00 one.{T}", "NUL character on line 3"),
        ("\n\n".join(f"::q{n}::Question {n}?{{T}}" for n in range(1001)).encode(), "at most 1,000 can be imported"),
    ],
)
def test_a_refused_gift_upload_is_explained_and_imports_nothing(client, login_as, make, gift, message):
    login_as(make.trainer())
    course = builders.course()
    response = client.post(
        f"/courses/{course.id}/question-bank/import",
        data={"import-gift_file": (io.BytesIO(gift), "bank.gift")},
        follow_redirects=True,
    )
    assert response.status_code == 200 and message in response.text
    assert db.session.scalar(select(func.count(Question.id))) == 0


def test_a_gift_upload_over_the_size_limit_is_refused_naming_the_limit(app, client, login_as, make, monkeypatch):
    monkeypatch.setitem(app.config, "GIFT_IMPORT_MAX_BYTES", 1024)  # a small file: no temporary file to leak
    login_as(make.trainer())
    course = builders.course()
    gift = b"::q1::Fine?{T}\n\n// " + b"x" * 1024
    response = client.post(
        f"/courses/{course.id}/question-bank/import",
        data={"import-gift_file": (io.BytesIO(gift), "bank.gift")},
        follow_redirects=True,
    )
    assert "The GIFT file is too large: at most 1,024 bytes." in response.text
    assert db.session.scalar(select(func.count(Question.id))) == 0


def test_the_export_downloads_gift_that_imports_back(client, login_as, make):
    login_as(make.trainer())
    course, other = builders.course(), builders.course()
    builders.bank(course)
    exported = client.get(f"/courses/{course.id}/question-bank/export.gift")
    assert exported.headers["Content-Disposition"] == f'attachment; filename="{course.code}-questions.gift"'
    again = client.post(
        f"/courses/{other.id}/question-bank/import",
        data={"import-gift_file": (io.BytesIO(exported.data), "export.gift")},
        follow_redirects=True,
    )
    assert "7 questions created" in again.text and "0 could not be read" in again.text


def test_a_trainer_builds_a_quiz_from_the_bank(client, login_as, make):
    trainer = login_as(make.trainer(timezone="Europe/Athens"))
    course = builders.course()
    questions = builders.bank(course)
    settings = {
        "title": "Mid-term check",
        "slug": "mid-term",
        "intro": "Ten minutes.",
        "pass_mark": "60",
        "attempts_allowed": "2",
        "time_limit_minutes": "10",
        "opens_at": "2027-03-01T09:00",
        "feedback_shown": "immediately",
        "answers_shown": "never",
        "grading_method": "highest",
    }
    created = client.post(f"/courses/{course.id}/quizzes", data={f"quiz-{k}": v for k, v in settings.items()})
    assert created.status_code == 302, created.text
    quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "mid-term"))
    assert quiz.opens_at.isoformat() == "2027-03-01T07:00:00+00:00"  # 09:00 in Athens
    client.post(
        f"/quizzes/{quiz.id}/slots/fixed", data={"fixed-question": questions["single"].id, "fixed-max_mark": "2"}
    )
    category = questions["multi"].category_id
    client.post(
        f"/quizzes/{quiz.id}/slots/random",
        data={"random-category": category, "random-count": "3", "random-max_mark": "1"},
    )
    db.session.expire_all()
    assert [(slot.question_id, slot.draw_count, slot.max_mark) for slot in quiz.slots] == [
        (questions["single"].id, None, 2.0),
        (None, 3, 1.0),
    ]
    page = client.get(f"/quizzes/{quiz.id}/edit")
    assert "4 per attempt" in page.text and 'value="2027-03-01T09:00"' in page.text
    client.post(f"/quizzes/{quiz.id}/slots/{quiz.slots[0].id}/delete")
    db.session.expire_all()
    assert len(quiz.slots) == 1
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "quiz.create")).actor_id == trainer.id


def test_a_content_quiz_edit_form_offers_only_the_settings_the_app_owns(client, login_as, make):
    login_as(make.trainer())
    quiz = builders.quiz()
    quiz.source = "content"
    db.session.commit()
    page = client.get(f"/quizzes/{quiz.id}/edit")
    assert 'name="pass_mark"' not in page.text and "Add a question of the bank" not in page.text
    assert 'name="answers_shown"' not in page.text  # what an attempt shows is in the course's files
    saved = client.post(f"/quizzes/{quiz.id}/edit", data={"intro": "Read lesson 3 first.", "grading_method": "last"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert quiz.grading_method == "last" and quiz.intro == "Read lesson 3 first." and quiz.pass_mark == 50


def test_the_quiz_form_refuses_answers_after_close_without_a_closing_time(client, login_as, make):
    login_as(make.trainer())
    quiz = builders.quiz()
    form = {"title": "Final quiz", "pass_mark": "50", "attempts_allowed": "0", "time_limit_minutes": "0"}
    form |= {"feedback_shown": "immediately", "answers_shown": "after_close", "grading_method": "highest"}
    refused = client.post(f"/quizzes/{quiz.id}/edit", data=form)
    assert refused.status_code == 400 and "needs a closing time" in refused.text
    db.session.expire_all()
    assert quiz.answers_shown != "after_close"
    saved = client.post(f"/quizzes/{quiz.id}/edit", data=form | {"closes_at": "2030-01-01T12:00"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert quiz.answers_shown == "after_close" and quiz.closes_at is not None


def test_a_trainer_grades_an_essay_from_the_queue(client, login_as, make, learners):
    trainee = learners.add(make.trainee(name="Zofia Wiśniewska"))
    quiz = builders.quiz(text="::reflection::Reflect.{}\n\n::second::Reflect again.{}")
    attempt = start_attempt(trainee, quiz)
    essays = sorted(attempt.answers, key=lambda answer: answer.question.name)
    submit_attempt(trainee, attempt, {answer.question_id: ["My reflection…"] for answer in essays})
    db.session.commit()
    trainer = login_as(make.trainer())
    assert "Essays to grade" in client.get("/").text and "2 essays waiting" in client.get("/").text
    queue = client.get("/grading")
    assert "Zofia Wiśniewska" in queue.text
    first = client.post(f"/grading/answers/{essays[0].id}", data={"score": "72.5", "comment": "Good evidence."})
    assert first.headers["Location"].endswith(f"/grading/answers/{essays[1].id}")  # on to the next one
    assert client.post(f"/grading/answers/{essays[1].id}", data={"score": "101"}).status_code == 400
    last = client.post(f"/grading/answers/{essays[1].id}", data={"score": "50", "comment": ""})
    assert last.headers["Location"].endswith("/grading")
    db.session.expire_all()
    assert attempt.state == "graded" and attempt.score == pytest.approx(0.6125)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "grade.change").order_by(AuditEvent.id))
    assert event.actor_id == trainer.id and event.details["after"] == {"score": 72.5, "comment": "Good evidence."}
    login_as(trainee)
    review = client.get(f"/attempts/{attempt.id}/review").text
    assert "Good evidence." in review and "61.2%" in review


def test_the_statistics_page_counts_answers(client, login_as, make, learners):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz()
    attempt = start_attempt(trainee, quiz)
    single = questions_of(attempt)["single"]
    submit_attempt(trainee, attempt, {single.id: [builders.choice_id("Services")]})
    db.session.commit()
    login_as(make.trainer())
    html = client.get(f"/quizzes/{quiz.id}/statistics").text
    right = '<span class="badge text-bg-success">right'
    assert "1 finished attempt." in html and f"Services {right}, 50%</span>: 1 (100%)" in html
    assert f"Strategy {right}</span>: 0 (0%)" in html and "Weather: 0 (0%)" in html


def test_staff_see_their_tools_on_the_quiz_page_and_the_course_list(client, login_as, make):
    login_as(make.trainer())
    quiz = builders.quiz()
    page = client.get(f"/quizzes/{quiz.id}").text
    assert "Edit the quiz" in page and "Statistics" in page
    assert "Question bank and quizzes" in client.get("/quizzes").text


def test_an_archived_question_can_be_restored_from_the_bank_page(client, login_as, make):
    login_as(make.trainer())
    course = builders.course()
    question = builders.bank(course, "::one::One?{T}")["one"]
    client.post(f"/courses/{course.id}/question-bank/questions/{question.id}/archive")
    db.session.expire_all()
    assert question.is_archived
    client.post(f"/courses/{course.id}/question-bank/questions/{question.id}/archive")
    db.session.expire_all()
    assert not question.is_archived


def test_the_bank_page_lists_the_courses_quizzes(client, login_as, make):
    login_as(make.trainer())
    quiz = builders.quiz()
    assert quiz.title in client.get(f"/courses/{quiz.course_id}/question-bank").text


def test_pages_with_several_forms_keep_every_id_unique(client, login_as, make, learners):
    login_as(learners.add(make.trainer()))
    quiz = builders.quiz()
    attempt = started(client, quiz)
    for url in (f"/courses/{quiz.course_id}/question-bank", f"/quizzes/{quiz.id}/edit", f"/attempts/{attempt.id}"):
        ids = re.findall(r'\bid="([^"]+)"', client.get(url).text)
        assert len(ids) == len(set(ids)), (url, sorted(i for i in ids if ids.count(i) > 1))
