"""Writes the curriculum's tools (XLSX calculators and templates) into their courses' media folders.

    python course_content/tools/build.py            write every tool
    python course_content/tools/build.py --check    exit 1 if a committed file differs from a fresh build

Each module `<code>_<name>.py` beside this file (e.g. ce01_lq_screening.py) defines COURSE, FILE and
build(workbook); what they share is in sheet_styles.py. The same
module always gives the same bytes: the workbook's dates and every ZIP entry's time are fixed, so a
rebuild changes a file only when its tool changed, and a review sees real changes only.
"""

import argparse
import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path
from types import ModuleType

from openpyxl import Workbook

TOOLS_DIR = Path(__file__).resolve().parent
COURSES_DIR = TOOLS_DIR.parent / "courses"
TOOL_NAME = re.compile(r"[a-z]{2}\d{2}_\w+\.py")
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_STAMP = "2026-01-01T00:00:00Z"
CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def tool_modules() -> list[ModuleType]:
    """Every tool module (named by its course code), in file-name order."""
    if str(TOOLS_DIR) not in sys.path:
        sys.path.insert(0, str(TOOLS_DIR))
    modules = []
    for path in sorted(p for p in TOOLS_DIR.glob("*.py") if TOOL_NAME.fullmatch(p.name)):
        spec = importlib.util.spec_from_file_location(f"curriculum_tool_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def _fixed(raw: bytes) -> bytes:
    """The workbook's ZIP rewritten with fixed entry times and fixed document dates."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = CORE_DATES.sub(rb"\g<1>" + FIXED_STAMP.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()


def render(module: ModuleType) -> bytes:
    """The tool's XLSX bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "ECRI LMS curriculum"
    module.build(workbook)
    raw = io.BytesIO()
    workbook.save(raw)
    return _fixed(raw.getvalue())


def target_of(module: ModuleType) -> Path:
    """Where the tool's file lives: its course's media folder."""
    return COURSES_DIR / module.COURSE / "media" / module.FILE


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare the committed files with a fresh build")
    check = parser.parse_args(argv).check
    stale = []
    for module in tool_modules():
        data, target = render(module), target_of(module)
        if check:
            if not target.is_file() or target.read_bytes() != data:
                stale.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote {target.relative_to(COURSES_DIR.parent)}")
    for target in stale:
        print(f"out of date: {target.relative_to(COURSES_DIR.parent)} (run course_content/tools/build.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
