"""The catalogue pages: browsing, course and lesson pages, enrolment, progress, editing, media files."""

import re

from sqlalchemy import select

from ecri_lms.catalogue.content import sync_content
from ecri_lms.catalogue.models import Course, Enrolment, LessonProgress
from ecri_lms.catalogue.panels import _PANELS, register_course_panel
from ecri_lms.catalogue.views.helpers import render_for
from ecri_lms.infra.extensions import db
from tests.factories import login_identity


def text(response) -> str:
    return response.get_data(as_text=True)


def test_anyone_can_browse_and_search_the_catalogue(client, make):
    make.course("LS10", title="Regulatory pathways", lessons=["The notified body reviews the file."])
    make.course("CE01", title="Cluster economics")

    page = text(client.get("/courses?q=notified"))

    assert "Regulatory pathways" in page and "Cluster economics" not in page
    assert "1 course match" in page


def test_the_catalogue_is_paginated(client, make):
    for number in range(14):
        make.course(f"P{number:03d}")

    first, second = text(client.get("/courses")), text(client.get("/courses?page=2"))

    assert "Page 1 of 2" in first and "P011" in first and "P012" not in first
    assert "P012" in second and "P013" in second


def test_the_course_page_shows_outcomes_lessons_prerequisites_and_topics(client, make):
    make.course("CE01", title="Cluster economics")
    course = make.course(
        "CE02",
        title="Value chains",
        outcomes=("Map a value chain.",),
        topics=("VCHAIN",),
        prerequisites=("CE01",),
        lessons=2,
    )

    page = text(client.get(f"/courses/{course.code}"))

    assert "Map a value chain." in page and "Lesson 1" in page and "Lesson 2" in page
    assert "CE01 – Cluster economics" in page and "VCHAIN" in page
    assert "Log in</a> or" in page


def test_an_archived_course_is_hidden_from_strangers(client, login_as, make):
    course = make.course("OLD1", archived=True)

    assert client.get(f"/courses/{course.code}").status_code == 404
    login_as(make.trainer())
    assert client.get(f"/courses/{course.code}").status_code == 200


def test_a_trainee_enrols_studies_and_sees_progress(client, login_as, make):
    course = make.course("CE01", lessons=3)
    trainee = login_as(make.trainee())

    enrolled = client.post("/courses/CE01/enrol")
    lesson_page = text(client.get("/courses/CE01/lessons/lesson-1"))
    done = client.post("/courses/CE01/lessons/lesson-1/done", data={"done": "1"})
    course_page = text(client.get("/courses/CE01"))

    assert enrolled.headers["Location"].endswith("/courses/CE01/lessons/lesson-1")
    assert "Next: Lesson 2" in lesson_page and "Previous" not in lesson_page and "Mark as done" in lesson_page
    assert done.headers["Location"].endswith("/courses/CE01/lessons/lesson-2")
    assert re.search(r'<progress class="progress-ecri" value="1" max="3"', course_page)
    assert "Continue: Lesson 1" in course_page
    row = db.session.scalar(select(LessonProgress).where(LessonProgress.user_id == trainee.id))
    assert row.completed_at is not None
    assert db.session.scalar(select(Enrolment)).last_lesson.slug == "lesson-1"
    assert course.id == db.session.scalar(select(Enrolment.course_id))


def test_the_last_lesson_has_previous_but_no_next(client, login_as, make):
    course = make.course("CE01", lessons=2)
    trainee = login_as(make.trainee())
    make.enrolment(trainee, course)

    page = text(client.get("/courses/CE01/lessons/lesson-2"))

    assert "Previous: Lesson 1" in page and "Next:" not in page


def test_a_trainee_not_enrolled_is_sent_to_the_course_page_to_enrol(client, login_as, make):
    make.course("CE01", lessons=1)
    login_as(make.trainee())

    response = client.get("/courses/CE01/lessons/lesson-1", follow_redirects=True)

    assert "Enrol in the course to open its lessons." in text(response)
    assert "Enrol for self-paced study" in text(response)
    assert db.session.scalars(select(LessonProgress)).all() == []


def test_the_dashboard_shows_my_courses_and_where_i_stopped(client, login_as, make):
    course = make.course("CE01", title="Cluster economics", lessons=3)
    trainee = login_as(make.trainee())
    make.enrolment(trainee, course)
    client.get("/courses/CE01/lessons/lesson-2")

    page = text(client.get("/"))

    assert 'id="panel-my_courses"' in page and "Cluster economics" in page
    assert "Continue where you stopped" in page and "/courses/CE01/lessons/lesson-2" in page
    assert '<progress class="progress-ecri" value="0" max="3"' in page


def test_trainers_do_not_get_the_my_courses_panel(client, login_as, make):
    login_as(make.trainer())

    assert "My courses" not in text(client.get("/"))


def test_a_lesson_with_a_script_is_rendered_inert_in_the_page(client, login_as, make):
    course = make.course(
        "CE01", lessons=["Hello <script>alert('x')</script> <img src=x onerror=alert(1)> [go](javascript:alert(1))"]
    )
    trainee = login_as(make.trainee())
    make.enrolment(trainee, course)

    body = text(client.get("/courses/CE01/lessons/lesson-1"))
    lesson = body[body.index('class="lesson-body"') : body.index("</article>")]

    assert "Hello" in lesson
    assert "<script" not in lesson and "onerror" not in lesson and "javascript:" not in lesson


def test_mark_as_done_needs_a_csrf_token(make_app, make):
    course = make.course("CE01", lessons=1)
    trainee = make.trainee()
    make.enrolment(trainee, course)
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = login_identity(trainee)

    response = client.post("/courses/CE01/lessons/lesson-1/done", data={"done": "1"})

    assert response.status_code == 400
    assert db.session.scalars(select(LessonProgress)).all() == []


def test_a_translation_is_shown_when_asked_for(client, login_as, make, use_content):
    sync_content(use_content)
    db.session.commit()
    trainee = login_as(make.trainee())
    make.enrolment(trainee, db.session.scalar(select(Course).where(Course.code == "TA01")))

    course_page = text(client.get("/courses/TA01?lang=es"))
    lesson_page = text(client.get("/courses/TA01/lessons/why-clusters?lang=es"))
    untranslated = text(client.get("/courses/TA01/lessons/location-quotient?lang=es"))

    assert "Economía de clústeres para probadores" in course_page and "Explain agglomeration economies." in course_page
    assert "Por qué existen los clústeres" in lesson_page and "zumbido" in lesson_page
    assert "The location quotient" in untranslated


def test_lesson_images_are_served_through_the_access_checked_route(client, login_as, make, use_content):
    sync_content(use_content)
    db.session.commit()
    trainee = login_as(make.trainee())
    make.enrolment(trainee, db.session.scalar(select(Course).where(Course.code == "TA01")))

    page = text(client.get("/courses/TA01/lessons/why-clusters"))
    with client.get("/courses/TA01/files/media/forces.svg") as image:
        headers, body = image.headers, image.get_data()

    assert 'src="/courses/TA01/files/media/forces.svg"' in page
    assert 'href="/courses/TA01/lessons/location-quotient#worked-example"' in page
    assert image.status_code == 200 and body.startswith(b"<svg")
    assert headers["Content-Type"].startswith("image/svg+xml")
    policy = headers["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_media_route_serves_nothing_outside_the_course_media_folder(client, login_as, make, use_content):
    sync_content(use_content)
    db.session.commit()
    login_as(make.trainer())
    (use_content / "courses" / "TA01" / "media" / ".secret.svg").write_text("<svg/>")
    (use_content / "courses" / "TA01" / "media" / "notes.md").write_text("notes")

    for path in (
        "quiz.gift",
        "index.md",
        "media/../quiz.gift",
        "media/%2e%2e/quiz.gift",
        "media/../../TA02/index.md",
        "media/../../../topics.yaml",
        "media/.secret.svg",
        "media/notes.md",
        "media/missing.svg",
        "media//forces.svg",
    ):
        assert client.get(f"/courses/TA01/files/{path}").status_code == 404, path


def test_the_media_route_is_closed_to_trainees_not_enrolled_and_to_anonymous_visitors(
    client, login_as, make, use_content
):
    sync_content(use_content)
    db.session.commit()

    anonymous = client.get("/courses/TA01/files/media/forces.svg")
    login_as(make.trainee())
    stranger = client.get("/courses/TA01/files/media/forces.svg")

    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert stranger.status_code == 403


def test_a_content_course_says_it_is_read_only_and_cannot_be_edited(client, login_as, make):
    make.course("CE01", source="content")
    login_as(make.trainer())

    page = text(client.get("/courses/CE01"))
    edit = client.get("/courses/CE01/edit")

    assert "read-only here" in page and "Edit the course" not in page
    assert edit.status_code == 403 and "flask content sync" in text(edit)


def test_a_trainer_creates_a_course_in_the_app(client, login_as, make):
    make.topic("FIN"), make.topic("PROJ")
    login_as(make.trainer())

    response = client.post(
        "/courses/new",
        data={
            "code": "HBIO-W1",
            "title": "Writing proposals",
            "summary": "A workshop.",
            "level": "advanced",
            "audience": ["cluster_staff"],
            "formats": ["in_person"],
            "main_topic": "PROJ",
            "topics": ["FIN", "PROJ"],
            "outcomes": "Draft a work package.\nPlan a budget.",
            "duration_hours": "6",
            "description": "",
        },
    )

    assert response.status_code == 302 and response.headers["Location"].endswith("/courses/HBIO-W1")
    course = db.session.scalar(select(Course).where(Course.code == "HBIO-W1"))
    assert course.source == "app" and course.outcomes == ["Draft a work package.", "Plan a budget."]
    assert [t.code for t in course.topics] == ["PROJ", "FIN"]


def test_lesson_preview_renders_sanitised_markdown_without_saving(client, login_as, make):
    course = make.course("APP1", lessons=0)
    login_as(make.trainer())

    response = client.post(
        "/courses/APP1/lessons/new",
        data={
            "title": "Budget",
            "minutes": "20",
            "body": "## Costs\n\n<script>alert(1)</script>Personnel",
            "preview": "1",
        },
    )

    page = text(response)
    preview = page[page.index('id="preview-heading"') :]
    assert '<h2 id="costs">Costs</h2>' in preview and "alert(1)</script>" not in preview
    assert course.active_lessons == []


def test_lessons_are_added_and_reordered_with_buttons(client, login_as, make):
    course = make.course("APP1", lessons=2)
    login_as(make.trainer())

    client.post("/courses/APP1/lessons/new", data={"title": "Third", "minutes": "10", "body": "Text"})
    client.post("/courses/APP1/lessons/third/move", data={"direction": "up"})
    page = text(client.get("/courses/APP1"))

    db.session.expire_all()
    assert [le.slug for le in db.session.get(Course, course.id).active_lessons] == ["lesson-1", "third", "lesson-2"]
    assert page.index("/courses/APP1/lessons/third/edit") < page.index("/courses/APP1/lessons/lesson-2/edit")


def test_scheduling_can_add_a_panel_to_the_course_page(client, make, app, tmp_path):
    course = make.course("CE01")
    register_course_panel(
        "test-runs",
        50,
        "catalogue/_test_panel.html",
        lambda user, c: True,
        lambda user, c: {"runs": ["Athens, September"]},
    )
    app.jinja_loader.searchpath.append(str(tmp_path))
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "_test_panel.html").write_text(
        '<h2 id="course-panel-{{ panel.name }}">Upcoming runs of {{ course.code }}</h2>{{ data.runs[0] }}'
    )
    try:
        page = text(client.get(f"/courses/{course.code}"))
    finally:
        _PANELS.pop("test-runs")
        app.jinja_loader.searchpath.remove(str(tmp_path))

    assert "Upcoming runs of CE01" in page and "Athens, September" in page


def test_a_rendered_description_is_kept_and_its_links_follow_the_course_lessons(app, make):
    course = make.course("CE01", lessons=1)
    text = "See [the next lesson](lessons/02-next.md)."
    with app.test_request_context("/"):
        first, again = render_for(course, text), render_for(course, text)
        make.lesson(course).slug = "next"
        db.session.commit()
        linked = render_for(course, text)

    assert again is first and 'href="/courses/CE01/lessons/next"' not in first
    assert 'href="/courses/CE01/lessons/next"' in linked


def test_the_catalogue_filters_offer_the_areas_and_topics_as_they_are_now(client, make):
    make.course("CE01", topics=("ECON",))
    assert "Topic ECON</option>" in text(client.get("/courses"))

    make.course("CE02", topics=("STRAT",))

    page = text(client.get("/courses?topic=STRAT"))
    assert 'value="STRAT" selected' in page and "1 course match" in page
