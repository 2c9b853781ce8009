"""`flask quiz import-gift`, `export-gift` and `sync-content`."""

from pathlib import Path

from sqlalchemy import func, select

from ecri_lms.assessment.models import Question, Quiz
from ecri_lms.infra.extensions import db
from tests.assessment import builders
from tests.assessment.test_content import COURSE_CODES

DATA = Path(__file__).parent / "data"


def test_import_then_export_then_import_elsewhere_gives_the_same_questions(runner, tmp_path):
    source, target = builders.course(code="SRC1"), builders.course(code="TGT1")
    imported = runner.invoke(args=["quiz", "import-gift", "SRC1", str(DATA / "all_features.gift")])
    assert imported.exit_code == 0, imported.output
    assert "SRC1: 15 questions created" in imported.output and "created: ECRI/true false / TRUE" in imported.output
    exported = runner.invoke(args=["quiz", "export-gift", "SRC1"])
    assert exported.exit_code == 0 and exported.output.startswith("// Question bank of SRC1")
    gift_file = tmp_path / "bank.gift"
    gift_file.write_text(exported.output, encoding="utf-8")
    again = runner.invoke(args=["quiz", "import-gift", "TGT1", str(gift_file)])
    assert "TGT1: 15 questions created" in again.output and again.exit_code == 0
    fingerprints = [
        set(db.session.scalars(select(Question.fingerprint).where(Question.course_id == course.id)))
        for course in (source, target)
    ]
    assert fingerprints[0] == fingerprints[1]
    twice = runner.invoke(args=["quiz", "import-gift", "SRC1", str(gift_file)])
    assert "0 questions created, 15 already in the bank" in twice.output


def test_import_reports_broken_questions_with_their_lines_and_exits_1(runner, tmp_path):
    builders.course(code="SRC1")
    gift_file = tmp_path / "broken.gift"
    gift_file.write_text("::ok::Fine?{T}\n\n::broken::No block\n", encoding="utf-8")
    result = runner.invoke(args=["quiz", "import-gift", "SRC1", str(gift_file)])
    assert result.exit_code == 1 and "line 3: No answer block" in result.output
    assert db.session.scalar(select(func.count(Question.id))) == 1


def test_a_file_with_a_nul_character_is_refused_with_a_message_not_a_traceback(runner, tmp_path):
    builders.course(code="SRC1")
    gift_file = tmp_path / "nul.gift"
    gift_file.write_bytes(b"::ok::Fine?{T}\n\n::a::Pick one.{=yes\x00 ~no}\n")
    result = runner.invoke(args=["quiz", "import-gift", "SRC1", str(gift_file)])
    assert result.exit_code == 1 and "NUL character on line 3" in result.output
    assert isinstance(result.exception, SystemExit)
    assert db.session.scalar(select(func.count(Question.id))) == 0


def test_an_unknown_course_is_named(runner):
    result = runner.invoke(args=["quiz", "export-gift", "NOPE"])
    assert result.exit_code != 0 and "No course with the code 'NOPE'" in result.output


def test_export_can_write_to_a_file(runner, tmp_path):
    builders.bank(builders.course(code="SRC1"), "::one::One?{T}")
    out = tmp_path / "out.gift"
    assert runner.invoke(args=["quiz", "export-gift", "SRC1", "--out", str(out)]).exit_code == 0
    assert "::one::One?{T}" in out.read_text(encoding="utf-8")


def test_sync_content_loads_the_quizzes_of_the_content_courses(runner):
    for code in COURSE_CODES:
        builders.course(code=code, source="content")
    result = runner.invoke(args=["quiz", "sync-content"])
    assert result.exit_code == 0, result.output
    assert f"Quizzes of {len(COURSE_CODES)} content courses loaded: 16 quizzes, 0 problems." in result.output
    assert db.session.scalar(select(func.count(Quiz.id))) == 16
    assert runner.invoke(args=["quiz", "sync-content"]).exit_code == 0
    assert db.session.scalar(select(func.count(Quiz.id))) == 16


def test_sync_content_reports_problems_with_file_and_line(runner, tmp_path):
    builders.course(code="TC1", source="content")
    course_dir = tmp_path / "courses" / "TC1"
    course_dir.mkdir(parents=True)
    front_matter = "quizzes:\n  - {slug: final, title: F, file: q.gift, pass_mark: 50}\n"
    (course_dir / "index.md").write_text(f"---\n{front_matter}---\n")
    (course_dir / "q.gift").write_text("::a::A?{T}\n\n::b::B{\n")
    result = runner.invoke(args=["quiz", "sync-content", "--content-dir", str(tmp_path)])
    assert result.exit_code == 1 and "courses/TC1/q.gift:3: The answer block is not closed" in result.output
