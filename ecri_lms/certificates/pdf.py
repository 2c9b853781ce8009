"""The certificate as a PDF: a pure function of what the certificate records and the language it is printed in.

`render_certificate(document) -> bytes` touches nothing else: no database, no request. Its words,
dates and numbers are in `document.language` (chosen at download; the holder's own by default), the
names, course and outcomes as recorded. A4
landscape, DejaVu fonts embedded (every script our trainees write in), real text (searchable), and
a vector QR code that opens the public verification page. `fingerprint(document)` names what a
rendering is made of, so a stored PDF can be reused exactly as long as it would come out the same.

It prints every field the public verification page shows, so a genuine certificate never looks
altered: all the learning outcomes, in one or two columns and smaller type when there are many, and
on continuation pages (each naming the trainee, the course and the code) when the first page is full.
"""

import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from datetime import date

import reportlab
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal, format_percent
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..infra.i18n import DEFAULT_LANGUAGE, current_language, gettext, in_language, ngettext
from ..infra.pdf.fonts import SANS, SANS_BOLD, SERIF_BOLD, SERIF_ITALIC, register_fonts

BLUE = HexColor("#0b4f6c")
TEAL = HexColor("#01796f")
GREY = HexColor("#4a4a4a")
CONSORTIUM = "ECRI – Excellence Cluster for Regional Improvement"
# Change it with anything this module draws differently: stored PDFs of the old layout are then
# left unread and every certificate is rendered again on its next download.
LAYOUT_VERSION = 3
# The first page's outcomes stop above the QR code (the trainers' lines are lower, at the left).
OUTCOMES_FLOOR = 58 * mm
OUTCOME_SIZES = (8.5, 8, 7.5, 7)  # tried in turn, one column then two, before a continuation page
CONTINUATION_SIZE = 8.5
LEADING = 1.25  # line height as a multiple of the type size


@dataclass(frozen=True)
class CertificateDocument:
    trainee_name: str
    course_title: str
    course_code: str
    curriculum_area: str
    hours: float
    start_date: date | None
    end_date: date | None
    partner_name: str
    trainers: list[str]
    issued_on: date
    code_display: str
    verify_url: str
    outcomes: list[str] = field(default_factory=list)
    final_score: float | None = None
    expires_on: date | None = None
    language: str = DEFAULT_LANGUAGE  # of its words, dates and numbers


def fingerprint(document: CertificateDocument) -> str:
    """SHA-256 of everything printed (the whole document, its language too), the layout version and reportlab's."""
    printed = json.dumps(asdict(document), sort_keys=True, default=str, ensure_ascii=False)
    source = f"layout {LAYOUT_VERSION}; reportlab {reportlab.Version}\n{printed}"
    return hashlib.sha256(source.encode()).hexdigest()


def _fit_size(text: str, font: str, size: float, width: float, minimum: float = 12) -> float:
    """The largest size up to `size` at which `text` fits in `width`."""
    while size > minimum and stringWidth(text, font, size) > width:
        size -= 1
    return size


def _centred(canvas: Canvas, text: str, font: str, size: float, y: float, colour=GREY) -> None:
    canvas.setFont(font, size)
    canvas.setFillColor(colour)
    canvas.drawCentredString(canvas._pagesize[0] / 2, y, text)


def _locale(language: str | None) -> str:
    """Babel's locale of a language; English is the consortium's British English ("5 March 2027")."""
    language = language or current_language()
    return "en_GB" if language == DEFAULT_LANGUAGE else language


def format_date(day: date | None, language: str | None = None) -> str:
    """A date in full, as the certificate prints it: "5 March 2027", "5 de marzo de 2027", "5 marca 2027"."""
    return babel_format_date(day, format="long", locale=_locale(language)) if day else ""


def format_hours(hours: float, language: str | None = None) -> str:
    """Hours of training as a number the reader writes: "12", "1.5", "1,5"."""
    return format_decimal(hours, format="#,##0.##", locale=_locale(language))


def format_score(score: float | None, language: str | None = None) -> str:
    """A final score (0–100) as a percentage with at most one decimal: "86.5%", "86,5 %"."""
    return "" if score is None else format_percent(score / 100, format="#,##0.#%", locale=_locale(language))


def _period(document: CertificateDocument) -> str:
    start = format_date(document.start_date, document.language)
    end = format_date(document.end_date, document.language)
    if document.start_date and document.end_date and document.start_date != document.end_date:
        return f"{start} – {end}"
    return start or end


def _hours(document: CertificateDocument) -> str:
    hours = document.hours
    # A fraction of an hour takes the form a 2 takes in each of our languages ("1,5 godziny", "1.5 hours").
    count = int(hours) if float(hours).is_integer() else 2
    return ngettext(
        "%(hours)s hour of training",
        "%(hours)s hours of training",
        count,
        hours=format_hours(hours, document.language),
    )


def _draw_frame(canvas: Canvas, width: float, height: float) -> None:
    canvas.setStrokeColor(BLUE)
    canvas.setLineWidth(3)
    canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    canvas.setStrokeColor(TEAL)
    canvas.setLineWidth(0.8)
    canvas.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)


def _draw_header(canvas: Canvas, document: CertificateDocument, width: float, height: float) -> None:
    canvas.setFont(SANS_BOLD, 10)
    canvas.setFillColor(BLUE)
    canvas.drawString(22 * mm, height - 24 * mm, CONSORTIUM)
    canvas.setFont(SANS, 10)
    canvas.drawRightString(
        width - 22 * mm, height - 24 * mm, gettext("Delivered by %(partner)s", partner=document.partner_name)
    )


def _draw_body(canvas: Canvas, document: CertificateDocument, width: float, height: float) -> float:
    title = gettext("Certificate of Completion")
    _centred(canvas, title, SERIF_BOLD, _fit_size(title, SERIF_BOLD, 34, width - 50 * mm), height - 52 * mm, BLUE)
    _centred(canvas, gettext("This certifies that"), SERIF_ITALIC, 14, height - 66 * mm)
    name_size = _fit_size(document.trainee_name, SERIF_BOLD, 30, width - 70 * mm)
    _centred(canvas, document.trainee_name, SERIF_BOLD, name_size, height - 82 * mm, HexColor("#1a1a1a"))
    _centred(canvas, gettext("has successfully completed the course"), SERIF_ITALIC, 13, height - 93 * mm)
    y = height - 106 * mm
    course = f"{document.course_title} ({document.course_code})"
    for line in simpleSplit(course, SANS_BOLD, 18, width - 80 * mm)[:2]:
        _centred(canvas, line, SANS_BOLD, 18, y, BLUE)
        y -= 8 * mm
    facts = [document.curriculum_area, _hours(document), _period(document)]
    _centred(canvas, "  ·  ".join(f for f in facts if f), SANS, 11, y)
    return y - 10 * mm


Block = list[str]  # the wrapped lines of one outcome
Column = list[Block]


def _wrapped(outcomes: list[str], size: float, column_width: float) -> list[Block]:
    return [simpleSplit(outcome, SANS, size, column_width - 5 * mm) or [""] for outcome in outcomes]


def _block_height(block: Block, size: float) -> float:
    return (len(block) + 0.35) * size * LEADING


def _pack(blocks: list[Block], size: float, height: float, columns: int) -> list[list[Column]]:
    """The blocks in order, column after column and page after page, none split across two."""
    pages: list[list[Column]] = [[[]]]
    used = 0.0
    for block in blocks:
        needed = _block_height(block, size)
        if used + needed > height and pages[-1][-1]:
            if len(pages[-1]) == columns:
                pages.append([])
            pages[-1].append([])
            used = 0.0
        pages[-1][-1].append(block)
        used += needed
    return pages


def _first_page_fit(outcomes: list[str], width: float, height: float) -> tuple[float, list[Column]] | None:
    """The largest type, in one column or else two, at which every outcome fits on the first page."""
    for columns in (1, 2):
        column_width = (width - 48 * mm - 6 * mm * (columns - 1)) / columns
        for size in OUTCOME_SIZES:
            pages = _pack(_wrapped(outcomes, size, column_width), size, height, columns)
            if len(pages) == 1:
                return size, pages[0]
    return None


def _draw_columns(canvas: Canvas, columns: list[Column], size: float, top: float, width: float) -> None:
    column_width = (width - 48 * mm - 6 * mm * (len(columns) - 1)) / max(len(columns), 1)
    canvas.setFont(SANS, size)
    canvas.setFillColor(GREY)
    for number, column in enumerate(columns):
        x, y = 24 * mm + number * (column_width + 6 * mm), top
        for block in column:
            for index, line in enumerate(block):
                canvas.drawString(x, y, ("•  " if index == 0 else "    ") + line)
                y -= size * LEADING
            y -= 0.35 * size * LEADING


def _outcomes_heading(canvas: Canvas, text: str, top: float) -> None:
    canvas.setFont(SANS_BOLD, 9.5)
    canvas.setFillColor(BLUE)
    canvas.drawString(24 * mm, top, text)


def _draw_outcomes(canvas: Canvas, document: CertificateDocument, top: float, width: float) -> bool:
    """The outcomes under the body if they fit there; False when they go on continuation pages."""
    if not document.outcomes:
        return True
    fit = _first_page_fit(document.outcomes, width, top - 5 * mm - OUTCOMES_FLOOR)
    if fit is None:
        _outcomes_heading(
            canvas, gettext("Learning outcomes (%(count)d): see the next page", count=len(document.outcomes)), top
        )
        return False
    _outcomes_heading(canvas, gettext("Learning outcomes"), top)
    size, columns = fit
    _draw_columns(canvas, columns, size, top - 5 * mm, width)
    return True


def _draw_continuation(canvas: Canvas, document: CertificateDocument, width: float, height: float) -> None:
    """Pages that list every outcome, each saying whose certificate it continues."""
    top, floor = height - 46 * mm, 24 * mm
    column_width = (width - 54 * mm) / 2
    blocks = _wrapped(document.outcomes, CONTINUATION_SIZE, column_width)
    for columns in _pack(blocks, CONTINUATION_SIZE, top - 5 * mm - floor, 2):
        canvas.showPage()
        _draw_frame(canvas, width, height)
        _draw_header(canvas, document, width, height)
        _centred(
            canvas,
            f"{document.trainee_name} – {document.course_title} ({document.course_code})",
            SANS_BOLD,
            12,
            height - 36 * mm,
            BLUE,
        )
        _outcomes_heading(canvas, gettext("Learning outcomes"), top)
        _draw_columns(canvas, columns, CONTINUATION_SIZE, top - 5 * mm, width)
        canvas.setFont(SANS, 8)
        canvas.setFillColor(GREY)
        canvas.drawRightString(width - 24 * mm, 18 * mm, f"{document.code_display}  ·  {document.verify_url}")


def _draw_footer(canvas: Canvas, document: CertificateDocument, width: float) -> None:
    left, y = 24 * mm, 34 * mm
    canvas.setFillColor(GREY)
    language = document.language
    lines = [
        (ngettext("Trainer:", "Trainers:", max(len(document.trainers), 1)), ", ".join(document.trainers) or "—"),
        (gettext("Issued:"), format_date(document.issued_on, language)),
    ]
    if document.final_score is not None:
        lines.append((gettext("Final score:"), format_score(document.final_score, language)))
    expiry = format_date(document.expires_on, language) if document.expires_on else gettext("No expiry")
    lines.append((gettext("Valid until:"), expiry))
    for label, value in lines:
        label = label + " "
        canvas.setFont(SANS_BOLD, 9)
        canvas.drawString(left, y, label)
        canvas.setFont(SANS, 9)
        canvas.drawString(left + stringWidth(label, SANS_BOLD, 9), y, value)
        y -= 5 * mm


def _draw_verification(canvas: Canvas, document: CertificateDocument, width: float) -> None:
    size = 32 * mm
    widget = QrCodeWidget(document.verify_url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    right = width - 24 * mm
    renderPDF.draw(drawing, canvas, right - size, 24 * mm)
    canvas.setFont(SANS, 7.5)
    canvas.setFillColor(GREY)
    canvas.drawRightString(right - size - 3 * mm, 44 * mm, gettext("Verify this certificate at"))
    canvas.drawRightString(right - size - 3 * mm, 40 * mm, document.verify_url)
    canvas.setFont(SANS_BOLD, 9)
    canvas.drawRightString(right - size - 3 * mm, 34 * mm, document.code_display)


def render_certificate(document: CertificateDocument) -> bytes:
    """The certificate's PDF bytes, in the document's language."""
    register_fonts()
    with in_language(document.language):
        return _render(document)


def _render(document: CertificateDocument) -> bytes:
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1, initialFontName=SANS, lang=document.language)
    canvas.setTitle(
        gettext("Certificate – %(course)s – %(name)s", course=document.course_title, name=document.trainee_name)
    )
    canvas.setAuthor(f"{CONSORTIUM}; {document.partner_name}")
    canvas.setSubject(gettext("Verification code %(code)s", code=document.code_display))
    canvas.setCreator("ECRI LMS")
    _draw_frame(canvas, width, height)
    _draw_header(canvas, document, width, height)
    bottom_of_body = _draw_body(canvas, document, width, height)
    outcomes_fit = _draw_outcomes(canvas, document, bottom_of_body, width)
    _draw_footer(canvas, document, width)
    _draw_verification(canvas, document, width)
    if not outcomes_fit:
        _draw_continuation(canvas, document, width, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
