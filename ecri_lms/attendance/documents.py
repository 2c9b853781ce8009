"""A session's attendance sheet as documents: the CSV export, the printed sign-in sheet and the check-in QR code."""

import io

import qrcode
import qrcode.image.svg

from ..infra.i18n import lazy_gettext as _l
from ..infra.timeutil import format_in_zone
from .models import Source, Status
from .services import SheetLine, sheet_of
from .sign_in_sheet import SheetRow, SignInSheet, render_sign_in_sheet

# The CSV's header row, read in the language of the person exporting it (`csv_headers`).
CSV_HEADERS = (
    _l("Name"),
    _l("Email"),
    _l("Partner"),
    _l("Organisation"),
    _l("Status"),
    _l("Remark"),
    _l("Source"),
    _l("Marked at (UTC)"),
    _l("Marked by"),
)


def csv_headers() -> list[str]:
    """The header row of the attendance sheet's CSV in the reader's language (values stay machine-readable)."""
    return [str(header) for header in CSV_HEADERS]


def session_heading(training_session) -> str:
    """'Run title' or 'Run title – session title'."""
    run_title = training_session.run.display_title
    return f"{run_title} – {training_session.title}" if training_session.title else run_title


def session_when(training_session) -> str:
    """Start and end on the session's own clock, e.g. '12 Mar 2027 09:30 – 13:30 (Europe/Athens)'."""
    zone = training_session.timezone
    start = format_in_zone(training_session.starts_at, zone, with_zone=False)
    end = format_in_zone(training_session.ends_at, zone, with_zone=False)
    if start[:-5] == end[:-5]:
        end = end[-5:]
    return f"{start} – {end} ({zone})"


def sheet_csv_rows(lines: list[SheetLine], names: dict[int, str]) -> list[list]:
    """One row per trainee; `names` gives the markers' names by id."""
    rows = []
    for line in lines:
        user, mark = line.user, line.mark
        rows.append(
            [
                user.name,
                user.email,
                user.partner.short_name if user.partner else "",
                user.organisation.name if user.organisation else "",
                Status(mark.status).label if mark else "",
                mark.remark if mark else "",
                Source(mark.source).label if mark else "",
                mark.marked_at if mark else None,
                names.get(mark.marked_by_id, "") if mark else "",
            ]
        )
    return rows


def sign_in_sheet_pdf(training_session) -> bytes:
    """The printed sign-in sheet, its words in the language of the moment (the person downloading it)."""
    run = training_session.run
    sheet = SignInSheet(
        run_title=run.display_title,
        session_title=training_session.title or "",
        when=session_when(training_session),
        venue=training_session.location,
        trainers=", ".join(trainer.name for trainer in run.trainers),
        rows=[
            SheetRow(line.user.name, line.user.organisation.name if line.user.organisation else "")
            for line in sheet_of(training_session)
        ],
    )
    return render_sign_in_sheet(sheet)


def qr_svg(url: str) -> bytes:
    """A scalable QR code of `url`, drawn by the qrcode library."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
