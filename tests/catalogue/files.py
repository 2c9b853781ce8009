"""Sample files for upload tests, built in memory: real formats and disguised programs."""

import io
import zipfile

from openpyxl import Workbook

from tests.factories import PDF_BYTES

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
GIF_BYTES = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00"
    b"\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
PE_BYTES = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + bytes(44)
    + b"\x80\x00\x00\x00"
    + b"This program cannot be run in DOS mode.\r\n"
    + bytes(32)
    + b"PE\x00\x00L\x01"
)
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + bytes(40)
CSV_BYTES = "topic,importance\nECON,4\nREG,5\nKraków,3\n".encode()

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SLIDES_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _zip(entries: dict[str, bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), entries[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(main_content_type: str, part: str, extra: dict[str, bytes] | None = None) -> bytes:
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_content_type}"/></Types>'
    )
    return _zip({"[Content_Types].xml": types.encode(), part: b"<document/>", **(extra or {})})


def docx() -> bytes:
    return ooxml(WORD_MAIN, "word/document.xml")


def pptx() -> bytes:
    return ooxml(SLIDES_MAIN, "ppt/presentation.xml")


def docm() -> bytes:
    return ooxml(WORD_MACRO_MAIN, "word/document.xml", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Topic", "Importance"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt() -> bytes:
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"},
        stored_first="mimetype",
    )


def plain_zip() -> bytes:
    return _zip({"notes.txt": b"hello", "run.sh": b"#!/bin/sh\necho hi\n"})


__all__ = [
    "CSV_BYTES",
    "ELF_BYTES",
    "GIF_BYTES",
    "PDF_BYTES",
    "PE_BYTES",
    "PNG_BYTES",
    "docm",
    "docx",
    "odt",
    "plain_zip",
    "pptx",
    "xlsx",
]
