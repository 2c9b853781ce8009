"""Helpers the needs views share."""

from flask import Response, abort, request

from ...core.input_guards import parse_id
from ...partners.models import OrganisationType
from ..errors import ImportRefused


def int_arg(name: str) -> int | None:
    """An optional integer query argument; anything else is a bad request."""
    value = request.args.get(name, "")
    if not value:
        return None
    number = parse_id(value)
    if number is None:
        abort(400)
    return number


def org_type_arg() -> str | None:
    value = request.args.get("org_type", "")
    if value and value not in {t.value for t in OrganisationType}:
        abort(400)
    return value or None


def uploaded_bytes(form) -> bytes:
    return form.file.data.read()


def text_download(body: str, filename: str, mimetype: str = "text/csv") -> Response:
    return Response(body, mimetype=f"{mimetype}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def import_errors(error: ImportRefused) -> list[str]:
    return [str(line_error) for line_error in error.errors]
