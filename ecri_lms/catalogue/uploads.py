"""Checking an uploaded file by its content: allowed types only, never a program, within the size limit.

The name is only trusted to agree with what the bytes are: a PDF must start like a PDF, an Office
document must be a zip whose [Content_Types].xml declares the main part, an OpenDocument file must
be a zip whose `mimetype` entry says so, and CSV or text must be UTF-8 without NUL bytes.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype
from werkzeug.utils import secure_filename

from ..infra.archives import ArchiveTooLarge, check_unpacked_size
from ..infra.errors import ValidationError


class UploadRefused(ValidationError):
    """The file cannot be accepted; the message says why, in words the uploader understands."""


@dataclass(frozen=True)
class FileKind:
    kind: str
    content_type: str
    extensions: tuple[str, ...]
    label: str


_KINDS = [
    FileKind("pdf", "application/pdf", ("pdf",), "PDF document"),
    FileKind("png", "image/png", ("png",), "PNG image"),
    FileKind("jpeg", "image/jpeg", ("jpg", "jpeg"), "JPEG image"),
    FileKind("gif", "image/gif", ("gif",), "GIF image"),
    FileKind("webp", "image/webp", ("webp",), "WebP image"),
    FileKind(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",), "Word document"
    ),
    FileKind(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",), "Excel spreadsheet"
    ),
    FileKind(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("pptx",),
        "PowerPoint presentation",
    ),
    FileKind("odt", "application/vnd.oasis.opendocument.text", ("odt",), "OpenDocument text"),
    FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", ("ods",), "OpenDocument spreadsheet"),
    FileKind("odp", "application/vnd.oasis.opendocument.presentation", ("odp",), "OpenDocument presentation"),
    FileKind("csv", "text/csv", ("csv",), "CSV table"),
    FileKind("txt", "text/plain", ("txt",), "plain text"),
]
KINDS = {k.kind: k for k in _KINDS}
ALLOWED_EXTENSIONS = sorted({ext for k in _KINDS for ext in k.extensions})
ALLOWED_DESCRIPTION = "PDF, Word, Excel, PowerPoint, OpenDocument, CSV, plain text, PNG, JPEG, GIF or WebP"

FILETYPE_KINDS = {"pdf": "pdf", "png": "png", "jpg": "jpeg", "gif": "gif", "webp": "webp"}
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
ODF_MIMETYPES = {KINDS[k].content_type: k for k in ("odt", "ods", "odp")}
EXECUTABLE_SIGNATURES = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xfe\xed\xfa\xce", "a macOS program"),
    (b"\xfe\xed\xfa\xcf", "a macOS program"),
    (b"\xce\xfa\xed\xfe", "a macOS program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a macOS or Java program"),
    (b"#!", "a script"),
)
CONTENT_TYPE_ATTRIBUTE = re.compile(rb'ContentType="([^"]{1,200})"')
MAX_MANIFEST_BYTES = 1024 * 1024
# A PDF ends with %%EOF (line ends or padding may follow); a truncated file or a polyglot with
# another file appended does not.
PDF_END = b"%%EOF"
PDF_TRAILING_BYTES = b" \t\r\n\x00"


@dataclass(frozen=True)
class CheckedUpload:
    display_name: str  # as the uploader named it (always shown escaped)
    file_name: str  # safe for a Content-Disposition header and a file system
    kind: FileKind
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


def human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def check_file_name(name: str | None) -> str:
    """The name as given, refused if it carries a folder path or control characters."""
    if not name or not name.strip():
        raise UploadRefused("The file has no name.")
    if "/" in name or "\\" in name:
        raise UploadRefused("The file name must be a plain name without a folder path (no '/' or '\\').")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name) or len(name) > 200:
        raise UploadRefused("The file name has control characters or is longer than 200 characters.")
    return name.strip()


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""


def safe_file_name(display_name: str, kind: FileKind) -> str:
    """An ASCII name with the extension that matches the content."""
    extension = extension_of(display_name)
    stem = display_name.rsplit(".", 1)[0] if extension else display_name
    safe_stem = secure_filename(stem).strip("._") or "file"
    return f"{safe_stem[:150]}.{extension if extension in kind.extensions else kind.extensions[0]}"


def _refuse_programs(data: bytes) -> None:
    for signature, what in EXECUTABLE_SIGNATURES:
        if data.startswith(signature):
            raise UploadRefused(f"This file is {what}, not a document: programs cannot be uploaded.")
    guess = filetype.guess(data[:8192])
    if guess is not None and guess.extension in ("exe", "elf", "wasm", "swf", "crx", "deb", "rpm"):
        raise UploadRefused(f"This file is a program or package ({guess.mime}): it cannot be uploaded.")


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_unpacked_size(archive)
        names = archive.namelist()
        if "mimetype" in names:
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
            if mimetype in ODF_MIMETYPES:
                return ODF_MIMETYPES[mimetype]
        if "[Content_Types].xml" in names and archive.getinfo("[Content_Types].xml").file_size <= MAX_MANIFEST_BYTES:
            if any("vbaproject" in name.lower() for name in names):
                raise UploadRefused("Documents with macros cannot be uploaded: save it without macros.")
            declared = {
                m.decode("utf-8", "replace")
                for m in CONTENT_TYPE_ATTRIBUTE.findall(archive.read("[Content_Types].xml"))
            }
            found = [OOXML_MAIN_PARTS[t] for t in declared if t in OOXML_MAIN_PARTS]
            if len(found) == 1:
                return found[0]
            if any("macroEnabled" in t for t in declared):
                raise UploadRefused("Documents with macros cannot be uploaded: save it without macros.")
    except ArchiveTooLarge as problem:
        raise UploadRefused(str(problem)) from problem
    # RuntimeError: an encrypted member or an unsupported compression method.
    except (zipfile.BadZipFile, KeyError, RuntimeError, EOFError) as problem:
        raise UploadRefused("This file looks like a damaged or encrypted archive.") from problem
    raise UploadRefused(f"Zip archives cannot be uploaded; allowed types: {ALLOWED_DESCRIPTION}.")


def _text_kind(data: bytes, extension: str) -> str | None:
    if extension not in ("csv", "txt") or b"\0" in data:
        return None
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return extension


def detect_kind(data: bytes, extension: str) -> FileKind:
    """What the bytes are, if that is an allowed type; UploadRefused otherwise."""
    if not data:
        raise UploadRefused("The file is empty.")
    _refuse_programs(data)
    if data.startswith(b"PK\x03\x04"):
        return KINDS[_zip_kind(data)]
    guess = filetype.guess(data[:8192])
    if guess is not None and guess.extension in FILETYPE_KINDS:
        kind = KINDS[FILETYPE_KINDS[guess.extension]]
        if "pdf" in kind.extensions and not data.rstrip(PDF_TRAILING_BYTES).endswith(PDF_END):
            raise UploadRefused(
                "This PDF is incomplete, or something is appended after its end: "
                "upload the file as your PDF program saved it."
            )
        return kind
    text = _text_kind(data, extension)
    if text is not None:
        return KINDS[text]
    found = f" (it looks like {guess.mime})" if guess is not None else ""
    raise UploadRefused(f"This type of file is not allowed{found}; allowed types: {ALLOWED_DESCRIPTION}.")


def check_upload(name: str | None, stream: BinaryIO, max_bytes: int) -> CheckedUpload:
    """Read and check an upload: name, size, type by content, and that the name agrees with the content."""
    display_name = check_file_name(name)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRefused(f"The file is too large: the limit is {human_size(max_bytes)}.")
    extension = extension_of(display_name)
    kind = detect_kind(data, extension)
    if extension not in kind.extensions:
        shown = f".{extension}" if extension else "no extension"
        raise UploadRefused(
            f"The file's content is a {kind.label}, but its name ends in {shown}: "
            f"rename it to .{kind.extensions[0]} if that is what it is."
        )
    return CheckedUpload(display_name, safe_file_name(display_name, kind), kind, data)
