"""Lessons say where their facts come from and when they were checked; courses carry trainer notes."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ecri_lms.catalogue.content import ContentInvalid, load_tree, sync_content
from ecri_lms.catalogue.models import Course
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from tests.catalogue.util import edit

LESSON = "courses/TA01/lessons/01-why-clusters.md"
CHECKED = """minutes: 25
regulatory: true
last_checked: 2026-11-30
sources:
  - url: https://eur-lex.europa.eu/eli/reg/2017/745/oj
    title: Regulation (EU) 2017/745 on medical devices
    read: 2026-11-30
"""


def _errors(content_dir) -> list[str]:
    with pytest.raises(ContentInvalid) as caught:
        load_tree(content_dir)
    return [str(error) for error in caught.value.errors]


def _synced_course(content_dir) -> Course:
    sync_content(content_dir)
    db.session.expire_all()
    return db.session.scalar(select(Course).where(Course.code == "TA01"))


def test_a_checked_lesson_keeps_its_sources_and_date(content_dir):
    edit(content_dir / LESSON, "minutes: 25\n", CHECKED)

    lesson = _synced_course(content_dir).lessons[0]

    assert lesson.last_checked == date(2026, 11, 30)
    assert lesson.sources == [
        {
            "url": "https://eur-lex.europa.eu/eli/reg/2017/745/oj",
            "title": "Regulation (EU) 2017/745 on medical devices",
            "read": "2026-11-30",
        }
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("last_checked: 2026-11-30\n", "", f"{LESSON}:2: a regulatory lesson needs 'last_checked'"),
        ("sources:\n", "elsewhere:\n", f"{LESSON}:2: a regulatory lesson needs 'sources'"),
        ("regulatory: true\n", "", f"{LESSON}:4: 'last_checked' is for regulatory lessons"),
        ("last_checked: 2026-11-30", "last_checked: last week", f"{LESSON}:5: 'last_checked' must be a date"),
        ("    read: 2026-11-30", "    read: soon", f"{LESSON}:9: 'read' must be a date"),
        ("  - url: https://eur-lex", "  - url: ftp://eur-lex", f"{LESSON}:7: 'url' has an invalid value"),
        ("    title: Regulation (EU) 2017/745 on medical devices\n", "", f"{LESSON}:7: missing field 'title'"),
        ("    read: 2026-11-30\n", "    read: 2026-11-30\n    page: 4\n", f"{LESSON}:10: unknown field 'page'"),
        ("regulatory: true", "regulatory: yes please", f"{LESSON}:4: 'regulatory' must be true or false"),
    ],
)
def test_a_lesson_whose_provenance_is_incomplete_is_refused_at_its_line(content_dir, old, new, expected):
    edit(content_dir / LESSON, "minutes: 25\n", CHECKED)
    edit(content_dir / LESSON, old, new)

    errors = _errors(content_dir)

    assert any(error.startswith(expected) for error in errors), errors


def test_a_check_dated_in_the_future_is_refused(content_dir):
    tomorrow = (utcnow().date() + timedelta(days=1)).isoformat()
    edit(
        content_dir / LESSON, "minutes: 25\n", CHECKED.replace("last_checked: 2026-11-30", f"last_checked: {tomorrow}")
    )

    assert f"{LESSON}:5: 'last_checked' is in the future ({tomorrow})" in _errors(content_dir)


def test_the_lesson_page_shows_when_its_facts_were_checked_and_against_what(content_dir, client, make, login_as):
    edit(content_dir / LESSON, "minutes: 25\n", CHECKED)
    course = _synced_course(content_dir)
    login_as(make.trainer())

    page = client.get(f"/courses/{course.code}/lessons/{course.lessons[0].slug}").get_data(as_text=True)

    assert "Facts last checked on" in page and 'datetime="2026-11-30"' in page
    assert 'href="https://eur-lex.europa.eu/eli/reg/2017/745/oj"' in page
    assert "Regulation (EU) 2017/745 on medical devices" in page


def test_trainer_notes_are_loaded_with_the_course(content_dir):
    (content_dir / "courses/TA01/trainer-notes.md").write_text("## Lesson 01 – Why clusters exist\n\n20 minutes.\n")

    assert _synced_course(content_dir).trainer_notes.startswith("## Lesson 01 – Why clusters exist")


def test_empty_trainer_notes_are_refused(content_dir):
    (content_dir / "courses/TA01/trainer-notes.md").write_text("\n\n")

    assert "courses/TA01/trainer-notes.md: the trainer notes are empty: write them or remove the file" in _errors(
        content_dir
    )


def test_trainer_notes_are_shown_to_trainers_and_coordinators_and_refused_to_trainees(
    content_dir, client, make, login_as
):
    (content_dir / "courses/TA01/trainer-notes.md").write_text("## Lesson 01 – Why clusters exist\n\nModel answer.\n")
    course = _synced_course(content_dir)
    url = f"/courses/{course.code}/trainer-notes"

    for teacher in (make.trainer(), make.partner_coordinator(), make.consortium_coordinator()):
        login_as(teacher)
        assert "Trainer notes" in client.get(f"/courses/{course.code}").get_data(as_text=True)
        page = client.get(url)
        assert page.status_code == 200 and "Model answer." in page.get_data(as_text=True)

    login_as(make.trainee())
    assert "Trainer notes" not in client.get(f"/courses/{course.code}").get_data(as_text=True)
    refused = client.get(url)
    assert refused.status_code == 403 and "Model answer." not in refused.get_data(as_text=True)


def test_a_course_without_trainer_notes_has_no_notes_page(content_dir, client, make, login_as):
    course = _synced_course(content_dir)
    login_as(make.trainer())

    assert client.get(f"/courses/{course.code}/trainer-notes").status_code == 404
