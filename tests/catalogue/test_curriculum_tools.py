"""The curriculum's XLSX tools: rebuilt byte for byte, committed as built, live formulas, linked from a lesson."""

import importlib.util
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

BUILD = Path(__file__).resolve().parents[2] / "course_content" / "tools" / "build.py"


def _builder():
    spec = importlib.util.spec_from_file_location("curriculum_tools_build", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _builder()
TOOLS = builder.tool_modules()


def test_the_curriculum_ships_tools():
    assert {tool.FILE for tool in TOOLS} >= {"lq-screening.xlsx"}


@pytest.mark.parametrize("tool", TOOLS, ids=lambda tool: tool.FILE)
def test_a_tool_builds_to_the_same_bytes_every_time(tool):
    assert builder.render(tool) == builder.render(tool)


@pytest.mark.parametrize("tool", TOOLS, ids=lambda tool: tool.FILE)
def test_the_committed_file_is_the_build_of_its_module(tool):
    assert builder.target_of(tool).read_bytes() == builder.render(tool), "run course_content/tools/build.py"


@pytest.mark.parametrize("tool", TOOLS, ids=lambda tool: tool.FILE)
def test_a_tool_computes_with_formulas_that_were_never_neutralised(tool):
    workbook = load_workbook(io.BytesIO(builder.render(tool)))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]

    formulas = [cell for cell in cells if cell.data_type == "f"]
    assert len(formulas) >= 3
    assert not [cell.coordinate for cell in cells if isinstance(cell.value, str) and cell.value.startswith("'=")]
    assert workbook.sheetnames[0] == "How to use"


@pytest.mark.parametrize("tool", TOOLS, ids=lambda tool: tool.FILE)
def test_a_tool_is_linked_from_a_lesson_of_its_course(tool):
    lessons = (builder.COURSES_DIR / tool.COURSE / "lessons").glob("*.md")
    link = re.compile(rf"\]\(media/{re.escape(tool.FILE)}\)")

    assert any(link.search(path.read_text(encoding="utf-8")) for path in lessons)


def test_the_check_names_a_file_that_differs_from_its_build(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(builder, "COURSES_DIR", tmp_path / "courses")
    for tool in TOOLS:
        target = builder.target_of(tool)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(builder.render(tool))
    assert builder.main(["--check"]) == 0
    builder.target_of(TOOLS[0]).write_bytes(b"edited by hand")

    assert builder.main(["--check"]) == 1
    assert f"out of date: courses/{TOOLS[0].COURSE}/media/{TOOLS[0].FILE}" in capsys.readouterr().out
