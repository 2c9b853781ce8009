"""Hostile files: empty, truncated, polyglot, zip bombs (an XLSX is a zip), wrong content."""

import io
import zipfile

from openpyxl import Workbook

from tests.factories import PDF_BYTES

BOMB_BYTES = 200 * 1024 * 1024  # decompressed size of the bomb's sheet; ~200 kB compressed


def xlsx_bytes(
    rows=(
        ("respondent_id", "partner", "organisation_type", "topic", "importance", "competence"),
        ("R1", "HBIO", "sme", "ECON", "5", "2"),
    ),
) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_bomb() -> bytes:
    """A real workbook whose sheet XML is padded to hundreds of megabytes of whitespace."""
    original = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info.filename, data)
                continue
            declaration, _, rest = data.partition(b"?>")
            with bomb.open(info.filename, "w", force_zip64=True) as member:
                member.write(declaration + b"?>")
                chunk = b" " * (1024 * 1024)
                for _ in range(BOMB_BYTES // len(chunk)):
                    member.write(chunk)
                member.write(rest)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def hostile_files() -> dict[str, tuple[bytes, str]]:
    """name → (content, file name) of every hostile file the upload tests send."""
    xlsx = xlsx_bytes()
    return {
        "zero-byte": (b"", "empty.pdf"),
        "truncated pdf": (PDF_BYTES[: len(PDF_BYTES) // 2], "half.pdf"),
        "truncated xlsx": (xlsx[: len(xlsx) // 2], "half.xlsx"),
        "xlsx bomb": (xlsx_bomb(), "bomb.xlsx"),
        "zip with other files": (zip_of({"evil.exe": b"MZ" + b"\x00" * 100, "../../x": b"x"}), "answers.xlsx"),
        "pdf+zip polyglot": (PDF_BYTES + zip_of({"[Content_Types].xml": b"<Types/>"}), "slides.pdf"),
        "windows program named pdf": (b"MZ\x90\x00\x03" + b"\x00" * 200, "notes.pdf"),
        "binary junk named csv": (bytes(range(256)) * 4, "answers.csv"),
        "utf-16 csv": ("respondent_id,partner\nR1,HBIO\n".encode("utf-16"), "answers.csv"),
        "gift of junk": (b"::q1:: {{{ ~ = # \n::q2::\x00\x01{=", "quiz.gift"),
        "gift with a nul in an answer": (b"::q1::Fine?{T}\n\n::q2::Pick one.{=yes\x00 ~no}\n", "quiz.gift"),
        "gift of 1,001 questions": ("\n\n".join(f"::q{n}::Q{n}?{{T}}" for n in range(1001)).encode(), "quiz.gift"),
        "csv with a nul in a cell": (
            b"respondent_id,partner,organisation_type,topic,importance,competence\nR\x001,HBIO,sme,ECON,4,2\n",
            "answers.csv",
        ),
        "self-assessment csv with a nul": (b"partner,area,score,note\nHBIO,financing,3,Fe\x00es\n", "scores.csv"),
    }


# A GIF header followed by script: a valid image type by its magic bytes, so it may be stored.
GIF_POLYGLOT = b"GIF89a/*<script>alert(1)</script>*/=1;"
