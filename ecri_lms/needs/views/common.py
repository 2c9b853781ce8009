"""Helpers the needs views share."""

from flask import abort, request

from ...accounts.organisations import OrganisationType
from ..errors import ImportRefused


def org_type_arg() -> str | None:
    value = request.args.get("org_type", "")
    if value and value not in {t.value for t in OrganisationType}:
        abort(400)
    return value or None


def uploaded_bytes(form) -> bytes:
    return form.file.data.read()


def import_errors(error: ImportRefused) -> list[str]:
    return [str(line_error) for line_error in error.errors]
