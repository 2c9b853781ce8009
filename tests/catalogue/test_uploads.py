"""Uploads are checked by content: allowed types only, no programs in disguise, size and name rules."""

import io

import pytest

from ecri_lms.catalogue.uploads import UploadRefused, check_upload
from tests.catalogue import files

LIMIT = 64 * 1024


def check(name: str, data: bytes, limit: int = LIMIT):
    return check_upload(name, io.BytesIO(data), limit)


@pytest.mark.parametrize(
    "name, data, kind, content_type",
    [
        ("handout.pdf", files.PDF_BYTES, "pdf", "application/pdf"),
        ("value-chain.png", files.PNG_BYTES, "png", "image/png"),
        ("logo.gif", files.GIF_BYTES, "gif", "image/gif"),
        (
            "Strategy template.docx",
            files.docx(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("survey.xlsx", files.xlsx(), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (
            "day-1.pptx",
            files.pptx(),
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("notes.odt", files.odt(), "odt", "application/vnd.oasis.opendocument.text"),
        ("needs.csv", files.CSV_BYTES, "csv", "text/csv"),
        ("readme.txt", "Plain UTF-8 text: Łódź, Αθήνα.\n".encode(), "txt", "text/plain"),
    ],
)
def test_allowed_types_are_recognised_by_their_content(name, data, kind, content_type):
    checked = check(name, data)

    assert (checked.kind.kind, checked.kind.content_type, checked.size) == (kind, content_type, len(data))


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("slides.pdf", files.PE_BYTES, "Windows program"),
        ("slides.pdf", files.ELF_BYTES, "Linux program"),
        ("install.exe", files.PE_BYTES, "Windows program"),
        ("setup.sh", b"#!/bin/sh\nrm -rf /\n", "script"),
        ("bundle.zip", files.plain_zip(), "Zip archives cannot be uploaded"),
        ("report.docx", files.plain_zip(), "Zip archives cannot be uploaded"),
        ("macros.docm", files.docm(), "macros"),
        ("macros.docx", files.docm(), "macros"),
        ("page.html", b"<html><script>alert(1)</script></html>", "This type of file is not allowed"),
        ("data.csv", b"a,b\n1,\x002\n", "This type of file is not allowed"),
        ("latin1.txt", "café".encode("latin-1"), "This type of file is not allowed"),
        ("photo.png", files.GIF_BYTES, "The file's content is a GIF image, but its name ends in .png"),
        ("handout", files.PDF_BYTES, "its name ends in no extension"),
        ("empty.pdf", b"", "The file is empty"),
    ],
)
def test_forbidden_and_disguised_files_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(UploadRefused) as refused:
        check(name, data)

    assert message in refused.value.message


def test_an_over_size_file_is_refused_with_the_limit():
    with pytest.raises(UploadRefused) as refused:
        check("big.pdf", files.PDF_BYTES + b"x" * 2048, limit=1024)

    assert refused.value.message == "The file is too large: the limit is 1 KB."


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "C:\\Users\\eleni\\slides.pdf",
        "folder/slides.pdf",
        "/tmp/slides.pdf",
        "slides\x00.pdf",
        "",
    ],
)
def test_a_name_with_a_path_or_control_characters_is_refused(name):
    with pytest.raises(UploadRefused) as refused:
        check(name, files.PDF_BYTES)

    assert any(reason in refused.value.message for reason in ("folder path", "control characters", "no name"))


def test_the_stored_name_is_safe_and_the_display_name_kept():
    checked = check("Żółć <plan> 2017.PDF", files.PDF_BYTES)

    assert checked.display_name == "Żółć <plan> 2017.PDF"
    assert checked.file_name == "Zoc_plan_2017.pdf"
    assert check("Ελληνικά.pdf", files.PDF_BYTES).file_name == "file.pdf"
