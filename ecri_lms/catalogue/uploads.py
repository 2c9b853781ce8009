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
from ..infra.i18n import format_number
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l


class UploadRefused(ValidationError):
    """The file cannot be accepted; the message says why, in words the uploader understands."""


@dataclass(frozen=True)
class FileKind:
    kind: str
    content_type: str
    extensions: tuple[str, ...]
    label: str  # in the reader's language (a lazy message)


_KINDS = [
    FileKind("pdf", "application/pdf", ("pdf",), _l("PDF document")),
    FileKind("png", "image/png", ("png",), _l("PNG image")),
    FileKind("jpeg", "image/jpeg", ("jpg", "jpeg"), _l("JPEG image")),
    FileKind("gif", "image/gif", ("gif",), _l("GIF image")),
    FileKind("webp", "image/webp", ("webp",), _l("WebP image")),
    FileKind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
        _l("Word document"),
    ),
    FileKind(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("xlsx",),
        _l("Excel spreadsheet"),
    ),
    FileKind(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("pptx",),
        _l("PowerPoint presentation"),
    ),
    FileKind("odt", "application/vnd.oasis.opendocument.text", ("odt",), _l("OpenDocument text")),
    FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", ("ods",), _l("OpenDocument spreadsheet")),
    FileKind("odp", "application/vnd.oasis.opendocument.presentation", ("odp",), _l("OpenDocument presentation")),
    FileKind("csv", "text/csv", ("csv",), _l("CSV table")),
    FileKind("txt", "text/plain", ("txt",), _l("plain text")),
]
KINDS = {k.kind: k for k in _KINDS}
ALLOWED_EXTENSIONS = sorted({ext for k in _KINDS for ext in k.extensions})
ALLOWED_DESCRIPTION = _l("PDF, Word, Excel, PowerPoint, OpenDocument, CSV, plain text, PNG, JPEG, GIF or WebP")

FILETYPE_KINDS = {"pdf": "pdf", "png": "png", "jpg": "jpeg", "gif": "gif", "webp": "webp"}
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
ODF_MIMETYPES = {KINDS[k].content_type: k for k in ("odt", "ods", "odp")}
# Whole sentences, one per kind of program: word order differs between languages.
_WINDOWS = _l("This file is a Windows program, not a document: programs cannot be uploaded.")
_LINUX = _l("This file is a Linux program, not a document: programs cannot be uploaded.")
_MACOS = _l("This file is a macOS program, not a document: programs cannot be uploaded.")
_MACOS_OR_JAVA = _l("This file is a macOS or Java program, not a document: programs cannot be uploaded.")
_SCRIPT = _l("This file is a script, not a document: programs cannot be uploaded.")
EXECUTABLE_SIGNATURES = (
    (b"MZ", _WINDOWS),
    (b"\x7fELF", _LINUX),
    (b"\xfe\xed\xfa\xce", _MACOS),
    (b"\xfe\xed\xfa\xcf", _MACOS),
    (b"\xce\xfa\xed\xfe", _MACOS),
    (b"\xcf\xfa\xed\xfe", _MACOS),
    (b"\xca\xfe\xba\xbe", _MACOS_OR_JAVA),
    (b"#!", _SCRIPT),
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
    if size >= 1024 * 1024:
        return f"{format_number(round(size / (1024 * 1024)), 0)} MB"
    return f"{format_number(max(1, size // 1024), 0)} KB"


def check_file_name(name: str | None) -> str:
    """The name as given, refused if it carries a folder path or control characters."""
    if not name or not name.strip():
        raise UploadRefused(_("The file has no name."))
    if "/" in name or "\\" in name:
        raise UploadRefused(_("The file name must be a plain name without a folder path (no '/' or '\\')."))
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name) or len(name) > 200:
        raise UploadRefused(_("The file name has control characters or is longer than 200 characters."))
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
    for signature, refusal in EXECUTABLE_SIGNATURES:
        if data.startswith(signature):
            raise UploadRefused(str(refusal))
    guess = filetype.guess(data[:8192])
    if guess is not None and guess.extension in ("exe", "elf", "wasm", "swf", "crx", "deb", "rpm"):
        raise UploadRefused(_("This file is a program or package (%(type)s): it cannot be uploaded.", type=guess.mime))


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
                raise UploadRefused(_("Documents with macros cannot be uploaded: save it without macros."))
            declared = {
                m.decode("utf-8", "replace")
                for m in CONTENT_TYPE_ATTRIBUTE.findall(archive.read("[Content_Types].xml"))
            }
            found = [OOXML_MAIN_PARTS[t] for t in declared if t in OOXML_MAIN_PARTS]
            if len(found) == 1:
                return found[0]
            if any("macroEnabled" in t for t in declared):
                raise UploadRefused(_("Documents with macros cannot be uploaded: save it without macros."))
    except ArchiveTooLarge as problem:
        raise UploadRefused(
            _("This file unpacks to far more data than a real document (a zip bomb?): it is refused.")
        ) from problem
    # RuntimeError: an encrypted member or an unsupported compression method.
    except (zipfile.BadZipFile, KeyError, RuntimeError, EOFError) as problem:
        raise UploadRefused(_("This file looks like a damaged or encrypted archive.")) from problem
    raise UploadRefused(_("Zip archives cannot be uploaded; allowed types: %(allowed)s.", allowed=ALLOWED_DESCRIPTION))


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
        raise UploadRefused(_("The file is empty."))
    _refuse_programs(data)
    if data.startswith(b"PK\x03\x04"):
        return KINDS[_zip_kind(data)]
    guess = filetype.guess(data[:8192])
    if guess is not None and guess.extension in FILETYPE_KINDS:
        kind = KINDS[FILETYPE_KINDS[guess.extension]]
        if "pdf" in kind.extensions and not data.rstrip(PDF_TRAILING_BYTES).endswith(PDF_END):
            raise UploadRefused(
                _(
                    "This PDF is incomplete, or something is appended after its end: "
                    "upload the file as your PDF program saved it."
                )
            )
        return kind
    text = _text_kind(data, extension)
    if text is not None:
        return KINDS[text]
    if guess is not None:
        raise UploadRefused(
            _(
                "This type of file is not allowed (it looks like %(type)s); allowed types: %(allowed)s.",
                type=guess.mime,
                allowed=ALLOWED_DESCRIPTION,
            )
        )
    raise UploadRefused(_("This type of file is not allowed; allowed types: %(allowed)s.", allowed=ALLOWED_DESCRIPTION))


def check_upload(name: str | None, stream: BinaryIO, max_bytes: int) -> CheckedUpload:
    """Read and check an upload: name, size, type by content, and that the name agrees with the content."""
    display_name = check_file_name(name)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRefused(_("The file is too large: the limit is %(limit)s.", limit=human_size(max_bytes)))
    extension = extension_of(display_name)
    kind = detect_kind(data, extension)
    if extension not in kind.extensions:
        raise UploadRefused(_misnamed(kind, extension))
    return CheckedUpload(display_name, safe_file_name(display_name, kind), kind, data)


def _misnamed(kind: FileKind, extension: str) -> str:
    """Why a file whose name does not match its content is refused, and how to put it right."""
    if not extension:
        return _(
            "The file's content is a %(kind)s, but its name ends in no extension: "
            "rename it to .%(expected)s if that is what it is.",
            kind=kind.label,
            expected=kind.extensions[0],
        )
    return _(
        "The file's content is a %(kind)s, but its name ends in .%(extension)s: "
        "rename it to .%(expected)s if that is what it is.",
        kind=kind.label,
        extension=extension,
        expected=kind.extensions[0],
    )
