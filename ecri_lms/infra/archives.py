"""Checks on uploaded zip archives before anything unpacks them (XLSX and Office files are zips).

A zip bomb declares little compressed data and enormous contents; Python's zipfile never reads past
a member's declared size, so checking the declared sizes is enough to refuse one up front.
"""

import zipfile

from .i18n import gettext as _

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # everything unpacked
MAX_RATIO = 100  # unpacked size per compressed byte; real documents are around 2–20


class ArchiveTooLarge(ValueError):
    """The archive would unpack to far more than any real document."""


def check_unpacked_size(
    archive: zipfile.ZipFile, *, max_total: int = MAX_TOTAL_BYTES, max_ratio: int = MAX_RATIO
) -> None:
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if unpacked > max_total or unpacked > max_ratio * max(packed, 1024):
        raise ArchiveTooLarge(
            _("This file unpacks to far more data than a real document (a zip bomb?): it is refused.")
        )
