"""The shipped curriculum meets its standard: graded quizzes built on scenarios set in the four regions,
no question asked twice, and none of the errors an expert review found (issue #21)."""

import re
from pathlib import Path

import pytest
import yaml

CONTENT = Path(__file__).resolve().parents[2] / "course_content"
COURSES = sorted(path for path in (CONTENT / "courses").iterdir() if (path / "index.md").is_file())
SCENARIO_TAG = "[tag:scenario]"
# The places a scenario may be set in (course_content/README.md, "Quizzes: scenario items").
REGIONS = (
    "Balearic Islands", "Mallorca", "Menorca", "Ibiza", "Formentera", "Palma",
    "Greece", "Attica", "Athens", "Central Macedonia", "Thessaloniki", "Crete", "Patras",
    "Lesser Poland", "Małopolska", "Kraków",
    "Piedmont", "Piemonte", "Turin", "Torino", "Novara", "Cuneo",
)  # fmt: skip
PARTNERS = ("BIOIB", "Hellenic BioCluster", "LifeScience Kraków", "bioPmed")
FICTIONAL = (
    "Cala Blava Health Cluster",
    "Thermaikos MedTech Cluster",
    "Podgórze Diagnostics Network",
    "Monviso BioDistrict",
    "Kallisti Digital Health Alliance",
)


def _front_matter(course: Path) -> dict:
    return yaml.safe_load((course / "index.md").read_text(encoding="utf-8").split("---")[1])


def _graded_quiz_files(course: Path) -> list[Path]:
    return [course / quiz["file"] for quiz in _front_matter(course).get("quizzes", []) if quiz["pass_mark"] > 0]


def _questions(path: Path) -> list[tuple[bool, str]]:
    """(tagged as a scenario, the question's text) for each question of a GIFT file; questions are
    separated by blank lines, and a tag is a comment line of the question's block."""
    questions = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        comments = [line for line in lines if line.lstrip().startswith("//")]
        text = " ".join(line for line in lines if not line.lstrip().startswith(("//", "$CATEGORY")))
        if text:
            questions.append((any(SCENARIO_TAG in line for line in comments), text))
    return questions


def _stem(question: str) -> str:
    """The question's text before its answers, without its ::title::."""
    return re.sub(r"^::.*?::", "", question).split("{", 1)[0]


GRADED = [(course.name, path) for course in COURSES for path in _graded_quiz_files(course)]


def test_the_curriculum_has_at_least_fourteen_courses():
    assert len(COURSES) >= 14, [course.name for course in COURSES]


@pytest.mark.parametrize("code, path", GRADED, ids=[f"{code}/{path.name}" for code, path in GRADED])
def test_a_graded_quiz_has_eight_questions_half_of_them_scenarios_set_in_the_regions(code, path):
    questions = _questions(path)
    scenarios = [text for tagged, text in questions if tagged]
    places = REGIONS + PARTNERS + FICTIONAL

    assert len(questions) >= 8
    assert len(scenarios) * 2 >= len(questions), f"{len(scenarios)} scenarios of {len(questions)}"
    assert [_stem(text)[:80] for text in scenarios if not any(place in _stem(text) for place in places)] == []


def test_no_question_is_asked_in_two_courses():
    seen: dict[str, str] = {}
    repeated = []
    for course in COURSES:
        for path in course.glob("*.gift"):
            for _tagged, text in _questions(path):
                stem = " ".join(_stem(text).lower().split())
                if stem in seen and seen[stem] != course.name:
                    repeated.append((seen[stem], course.name, stem[:80]))
                seen.setdefault(stem, course.name)
    assert repeated == []


def _content_texts() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(CONTENT)), path.read_text(encoding="utf-8"))
        for path in sorted(CONTENT.rglob("*"))
        if path.suffix in (".md", ".gift") and path.name != "README.md"
    ]


WRONG_FORMS = {
    "1: the foundation's name": re.compile(r"Foundation for Clusters Excellence"),
    "4: the 2015 Gold indicator set taught as current": re.compile(r"\b31 (?:Gold )?indicators\b"),
    "5: bioPmed as a hosted cluster": re.compile(
        r"bioPmed[\s\S]{0,150}?\bhost(?:ed)?[- ](?:model|type)|\bhost(?:ed)?[- ](?:model|type)[\s\S]{0,150}?bioPmed"
    ),
    "7: NACE 72.11 without Rev. 2.1's 72.10": re.compile(r"^(?![\s\S]*72\.10)[\s\S]*72\.11"),
    "8: class I devices loosely self-certified": re.compile(r"often\s+(?:be\s+)?self-certified", re.IGNORECASE),
    "11: Poland outside the unitary patent": re.compile(r"Spain\W+and\W+Poland\W+take part in neither"),
    "12: unitary effect at the European phase": re.compile(
        r"unitary effect[^.]*European phase|European phase[^.]*unitary effect", re.IGNORECASE
    ),
    "13: an application for CE marking": re.compile(
        r"(?<![\"“])\bappl(?:y|ication) for (?:the )?CE mark", re.IGNORECASE
    ),
}


@pytest.mark.parametrize("error", WRONG_FORMS)
def test_an_error_the_review_found_is_gone_from_the_curriculum(error):
    pattern = WRONG_FORMS[error]

    assert [name for name, text in _content_texts() if pattern.search(text)] == []


def _lesson_front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


CASES = sorted(path for course in COURSES for path in (course / "lessons").glob("*-case-*.md"))


@pytest.mark.parametrize("course", COURSES, ids=lambda course: course.name)
def test_every_course_has_trainer_notes_for_each_lesson(course):
    notes = (course / "trainer-notes.md").read_text(encoding="utf-8")
    lessons = sorted((course / "lessons").glob("*.md"))

    def has_notes(lesson: Path) -> bool:
        return f"## Lesson {lesson.name[:2]}" in notes or ("-case-" in lesson.name and "## Case – " in notes)

    assert [path.name for path in lessons if not has_notes(path)] == []


def test_the_curriculum_has_four_real_world_cases():
    assert len(CASES) >= 4, [path.name for path in CASES]


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_a_case_has_sources_and_teaching_notes(case):
    front = _lesson_front_matter(case)
    notes = (case.parents[1] / "trainer-notes.md").read_text(encoding="utf-8")

    assert front.get("regulatory") is True and len(front.get("sources", [])) >= 3
    assert re.search(r"^## Case – ", notes, re.MULTILINE)
