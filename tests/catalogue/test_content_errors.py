"""Every kind of malformed content is refused with its file and line, and all problems come at once."""

import pytest

from ecri_lms.catalogue.content import ContentInvalid, load_tree
from tests.catalogue.util import edit

TA01 = "courses/TA01/index.md"


def _errors(content_dir) -> list[str]:
    with pytest.raises(ContentInvalid) as caught:
        load_tree(content_dir)
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("level: foundation", "level: beginner", f"{TA01}:5: unknown level 'beginner'"),
        (
            "audience: [cluster_managers, cluster_staff]",
            "audience: [cluster_managers, bankers]",
            f"{TA01}:6: unknown audience 'bankers' in 'audience'",
        ),
        (
            "formats: [in_person, online]",
            "formats: [in_person, carrier_pigeon]",
            f"{TA01}:12: unknown format 'carrier_pigeon' in 'formats'",
        ),
        ("topics: [ECON, STRAT]", "topics: [ECON, XYZ]", f"{TA01}:7: unknown topic code 'XYZ' in 'topics'"),
        ("topics: [ECON, STRAT]", "topics: [ECON, ECON]", f"{TA01}:7: 'ECON' appears twice in 'topics'"),
        (
            "summary: Why firms gather in a few places, and how to screen a cluster initiative.\n",
            "",
            f"{TA01}:2: missing field 'summary'",
        ),
        ("duration_hours: 12", "duration_hours: twelve", f"{TA01}:11: 'duration_hours' must be a number"),
        ("prerequisites: []", "prerequisites: [ZZ99]", f"{TA01}:13: unknown prerequisite course code 'ZZ99'"),
        ("prerequisites: []", "prerequisites: [TA01]", f"{TA01}:13: a course cannot be its own prerequisite"),
        ("code: TA01", "code: TA99", f"{TA01}:2: the code 'TA99' differs from the folder name 'TA01'"),
        ("    shuffle: true", "    shuffle: true\n    shuffle: false", f"{TA01}:22: duplicate key 'shuffle'"),
        ("file: quiz.gift", "file: missing.gift", f"{TA01}:17: the quiz file 'missing.gift' does not exist"),
        ("file: quiz.gift", "file: ../../topics.yaml", f"{TA01}:17: 'file' must be a .gift file inside the course"),
        ("pass_mark: 70", "pass_mark: 170", f"{TA01}:18: 'pass_mark' must be between 0 and 100"),
        ("quizzes: [final]", "quizzes: [midterm]", f"{TA01}:25: unknown quiz slug 'midterm' in 'quizzes'"),
        ("lessons: all", "lessons: 9", f"{TA01}:23: 'lessons' must be 'all' or a number of lessons from 0 to 2"),
        ("level: foundation", "level: foundation\ncolour: blue", f"{TA01}:6: unknown field 'colour'"),
        ("title: Cluster economics for testers", "title: [unclosed", f"{TA01}:4: invalid YAML"),
        ("---\ncode", "code", f"{TA01}:1: missing front matter"),
    ],
)
def test_a_malformed_course_front_matter_is_refused_at_its_line(content_dir, old, new, expected):
    edit(content_dir / TA01, old, new)

    errors = _errors(content_dir)

    assert any(error.startswith(expected) for error in errors), errors


def test_every_problem_is_reported_in_one_run(content_dir):
    edit(content_dir / TA01, "level: foundation", "level: beginner")
    edit(content_dir / "courses" / "TB03" / "index.md", "topics: [REG]", "topics: [NOPE]")
    (content_dir / "courses" / "TA02" / "lessons" / "notes.txt").write_text("scratch")

    errors = _errors(content_dir)

    assert len(errors) == 3
    assert errors[2].startswith("courses/TB03/index.md:7: unknown topic code 'NOPE'")
    assert errors[1].startswith("courses/TA02/lessons/notes.txt: not a lesson file")


def test_prerequisites_that_form_a_cycle_are_refused(content_dir):
    edit(content_dir / TA01, "prerequisites: []", "prerequisites: [TA02]")

    errors = _errors(content_dir)

    assert any("prerequisites form a cycle: TA01 → TA02 → TA01" in error for error in errors), errors


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("  - code: STRAT\n", "  - code: ECON\n", "topics.yaml:21: duplicate topic code 'ECON'"),
        ("    area: value_chain\n", "    area: nowhere\n", "topics.yaml:27: unknown area 'nowhere'"),
        ("name: Structure of the cluster", "name: Structure: of the cluster", "topics.yaml:4: invalid YAML"),
    ],
)
def test_a_malformed_taxonomy_is_refused_at_its_line_without_noise_about_courses(content_dir, old, new, expected):
    edit(content_dir / "topics.yaml", old, new)

    errors = _errors(content_dir)

    assert len(errors) == 1 and errors[0].startswith(expected), errors


def test_lesson_problems_name_the_lesson_file(content_dir):
    lessons = content_dir / "courses" / "TA02" / "lessons"
    edit(lessons / "01-strategy-process.md", "minutes: 30", "minutes: lots")
    (lessons / "03-empty.md").write_text("---\ntitle: Empty\n---\n\n")
    (lessons / "02-again.md").write_text("---\ntitle: Same number\n---\nText.\n")
    (lessons / "Bad Name.md").write_text("---\ntitle: x\n---\ny\n")

    errors = _errors(content_dir)

    assert "courses/TA02/lessons/01-strategy-process.md:3: 'minutes' must be a whole number" in errors
    assert "courses/TA02/lessons/03-empty.md: the lesson has no text after its front matter" in errors
    assert "courses/TA02/lessons/02-again.md: same number or slug as courses/TA02/lessons/02-action-lines.md" in errors
    assert any(e.startswith("courses/TA02/lessons/Bad Name.md: not a lesson file") for e in errors)


def test_translation_problems_name_the_translation_file(content_dir):
    translations = content_dir / "courses" / "TA01" / "translations"
    (translations / "es" / "lessons" / "07-unknown.md").write_text("---\ntitle: x\n---\ny\n")
    edit(translations / "es" / "index.md", "summary:", "level: advanced\nsummary:")
    (translations / "en").mkdir()

    errors = _errors(content_dir)

    assert "courses/TA01/translations/es/lessons/07-unknown.md: the course has no lesson with slug 'unknown'" in errors
    assert any(e.startswith("courses/TA01/translations/es/index.md:3: unknown field 'level'") for e in errors)
    assert "courses/TA01/translations/en: the course is already written in 'en'" in errors


def test_a_file_that_is_not_utf8_is_refused_at_the_bad_line(content_dir):
    path = content_dir / "courses" / "TB03" / "lessons" / "01-routes.md"
    path.write_bytes(path.read_bytes() + b"\nbad \xff byte\n")

    assert "courses/TB03/lessons/01-routes.md:8: the file is not valid UTF-8" in _errors(content_dir)


def test_a_course_folder_without_index_and_a_missing_taxonomy_are_reported(content_dir):
    (content_dir / "courses" / "TC04").mkdir()
    (content_dir / "topics.yaml").unlink()

    errors = _errors(content_dir)

    assert "topics.yaml: the topic taxonomy file is missing" in errors
    assert "courses/TC04/index.md: missing: every course folder needs an index.md" in errors
