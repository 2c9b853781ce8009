"""`flask content sync`: everything validated first, then applied in one go, idempotent, history kept."""

import shutil

from sqlalchemy import func, select

from ecri_lms.catalogue.content import sync_content
from ecri_lms.catalogue.models import (
    Course,
    CourseTranslation,
    CurriculumArea,
    Lesson,
    LessonProgress,
    LessonTranslation,
    Topic,
)
from ecri_lms.infra.extensions import db
from tests.catalogue.util import edit


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _course(code: str) -> Course:
    db.session.expire_all()
    return db.session.scalar(select(Course).where(Course.code == code))


def test_sync_loads_the_curriculum_into_an_empty_database(runner, content_dir):
    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code == 0, result.output
    assert "3 created" in result.output and "TA01, TA02, TB03" in result.output
    assert _count(CurriculumArea) == 3 and _count(Topic) == 3
    course = _course("TA01")
    assert course.source == "content" and len(course.source_hash) == 64
    assert [t.code for t in course.topics] == ["ECON", "STRAT"]
    assert course.audience == ["cluster_managers", "cluster_staff"] and course.formats == ["in_person", "online"]
    assert course.duration_hours == 12 and course.level == "foundation"
    assert course.completion_rules == {
        "lessons": "all",
        "attendance_rate": 75,
        "quizzes": ["final"],
        "essays_graded": False,
    }
    assert [(le.position, le.slug, le.minutes) for le in course.lessons] == [
        (1, "why-clusters", 25),
        (2, "location-quotient", 20),
    ]
    assert "zebrafish" in course.search_text
    assert _course("TA02").prerequisites == ["TA01"]


def test_translations_are_loaded_with_fallbacks(runner, content_dir):
    runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    translation = db.session.scalar(select(CourseTranslation))
    assert (translation.language, translation.title) == ("es", "Economía de clústeres para probadores")
    assert translation.outcomes is None and translation.description == "Descripción en español."
    lesson_translation = db.session.scalar(select(LessonTranslation))
    assert lesson_translation.title == "Por qué existen los clústeres"
    assert "zumbido" in _course("TA01").search_text


def test_a_second_sync_changes_nothing_and_says_so(runner, content_dir):
    runner.invoke(args=["content", "sync", "--dir", str(content_dir)])
    before = {c.code: (c.updated_at, c.source_hash) for c in db.session.scalars(select(Course))}

    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code == 0, result.output
    assert "Nothing changed: 3 courses unchanged" in result.output
    db.session.expire_all()
    assert {c.code: (c.updated_at, c.source_hash) for c in db.session.scalars(select(Course))} == before


def test_an_edited_course_is_updated_and_its_trainees_keep_their_progress(runner, content_dir, make):
    runner.invoke(args=["content", "sync", "--dir", str(content_dir)])
    trainee = make.trainee()
    course = _course("TA01")
    make.enrolment(trainee, course)
    kept = course.lessons[0]
    make.progress(trainee, kept)
    lessons = content_dir / "courses" / "TA01" / "lessons"
    edit(lessons / "01-why-clusters.md", "title: Why clusters exist", "title: Why clusters exist at all")
    (lessons / "02-location-quotient.md").unlink()
    (lessons / "03-smart-specialisation.md").write_text("---\ntitle: Smart specialisation\n---\nRIS3 text.\n")

    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code == 0, result.output
    assert "updated: TA01" in result.output
    course = _course("TA01")
    by_slug = {lesson.slug: lesson for lesson in course.lessons}
    assert by_slug["why-clusters"].id == kept.id and by_slug["why-clusters"].title == "Why clusters exist at all"
    assert by_slug["location-quotient"].archived_at is not None
    assert [le.slug for le in course.active_lessons] == ["why-clusters", "smart-specialisation"]
    assert db.session.scalar(select(LessonProgress).where(LessonProgress.user_id == trainee.id)).completed_at
    assert "zebrafish" not in course.search_text and "ris3" in course.search_text


def test_a_lesson_back_on_disk_comes_back_with_its_history(content_dir):
    sync_content(content_dir)
    lesson_file = content_dir / "courses" / "TA01" / "lessons" / "02-location-quotient.md"
    saved = lesson_file.read_text()
    lesson_file.unlink()
    sync_content(content_dir)
    lesson_file.write_text(saved)

    sync_content(content_dir)

    assert [le.slug for le in _course("TA01").active_lessons] == ["why-clusters", "location-quotient"]


def test_a_course_removed_from_disk_is_archived_not_deleted(runner, content_dir, make):
    runner.invoke(args=["content", "sync", "--dir", str(content_dir)])
    make.enrolment(make.trainee(), _course("TB03"))
    shutil.rmtree(content_dir / "courses" / "TB03")

    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code == 0, result.output
    assert "archived: TB03" in result.output
    course = _course("TB03")
    assert course.archived_at is not None and len(course.lessons) == 1


def test_courses_written_in_the_app_are_never_touched(content_dir, make):
    app_course = make.course("APP01", title="Written in the app", source="app")
    hash_before, title_before = app_course.source_hash, app_course.title

    sync_content(content_dir)
    sync_content(content_dir)

    course = _course("APP01")
    assert (course.source_hash, course.title, course.archived_at) == (hash_before, title_before, None)


def test_a_content_course_may_not_take_the_code_of_an_app_course(runner, content_dir, make):
    make.course("TB03", source="app")

    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code != 0
    assert "courses/TB03/index.md:2: the code 'TB03' is taken by a course created in the app" in result.output
    assert _count(Course) == 1 and _count(CurriculumArea) == 1


def test_malformed_files_are_refused_with_file_and_line_and_the_database_keeps_its_state(runner, content_dir):
    runner.invoke(args=["content", "sync", "--dir", str(content_dir)])
    state = {c.code: (c.title, c.source_hash) for c in db.session.scalars(select(Course))}
    edit(content_dir / "courses" / "TA01" / "index.md", "topics: [ECON, STRAT]", "topics: [ECON, NOPE]")
    edit(content_dir / "courses" / "TA01" / "index.md", "title: Cluster economics for testers", "title: Changed")
    edit(content_dir / "courses" / "TA02" / "index.md", "title: Strategy for testers", "title: [unclosed")

    result = runner.invoke(args=["content", "sync", "--dir", str(content_dir)])

    assert result.exit_code == 1
    assert "courses/TA01/index.md:7: unknown topic code 'NOPE' in 'topics'" in result.output
    assert "courses/TA02/index.md:4: invalid YAML" in result.output
    assert "nothing was changed" in result.output
    db.session.expire_all()
    assert {c.code: (c.title, c.source_hash) for c in db.session.scalars(select(Course))} == state


def test_check_validates_without_writing(runner, content_dir):
    result = runner.invoke(args=["content", "sync", "--check", "--dir", str(content_dir)])

    assert result.exit_code == 0, result.output
    assert "3 courses, 3 topics, no errors" in result.output
    assert _count(Course) == 0


def test_the_shipped_curriculum_syncs_without_errors_twice(app, runner):
    first = runner.invoke(args=["content", "sync"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["content", "sync"])
    assert second.exit_code == 0 and "Nothing changed" in second.output, second.output
    assert _count(Lesson) >= _count(Course)


def test_the_shipped_taxonomy_has_exactly_the_curriculum_topic_codes(app):
    from ecri_lms.catalogue.content import load_tree

    taxonomy = load_tree(app.config["CONTENT_DIR"]).taxonomy

    assert {t.code for t in taxonomy.topics} == {
        "ECON",
        "STRAT",
        "GOV",
        "FIN",
        "SERV",
        "PROJ",
        "INTL",
        "COMM",
        "PERF",
        "VCHAIN",
        "REG",
        "MKT",
        "IP",
        "DATA",
        "SKILLS",
    }
    life_science = {t.code for t in taxonomy.topics if t.track == "life_science_value_chain"}
    assert life_science == {"VCHAIN", "REG", "MKT", "IP", "DATA"}
