"""The consortium summary as a PDF for the funder: the figures table with the period and filters on
the first page, what each figure counts (its definition) on the second."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..infra.i18n import format_number
from ..infra.i18n import gettext as _
from ..infra.pdf.fonts import SANS, SANS_BOLD, register_fonts
from .dashboard import Dashboard, figure_definitions
from .summary import summary_headers, summary_rows


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return format_number(value, 1)
    return str(value)


def _definition(label: str, unit: str, text: str) -> str:
    shown = f"{label} ({unit})" if unit else label
    return f'<font name="{SANS_BOLD}">{escape(shown)}</font>: {escape(text)}'


def render_summary(dashboard: Dashboard, filter_text: str, generated: str) -> bytes:
    """A4 landscape, two pages (figures, definitions): fonts embedded, real text."""
    register_fonts()
    title = _("ECRI training: consortium summary")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        title=title,
        author="ECRI LMS",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    heading = ParagraphStyle("heading", fontName=SANS_BOLD, fontSize=16, leading=20)
    body = ParagraphStyle("body", fontName=SANS, fontSize=9, leading=12)
    small = ParagraphStyle("small", fontName=SANS, fontSize=7, leading=9)
    data = [summary_headers(dashboard)] + [[_cell(v) for v in row] for row in summary_rows(dashboard)]
    table = Table(data, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
                ("FONT", (0, 0), (-1, 0), SANS_BOLD, 9),
                ("FONT", (-1, 1), (-1, -1), SANS_BOLD, 9),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f5f7")]),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story = [
        Paragraph(escape(title), heading),
        Paragraph(escape(filter_text), body),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
        Paragraph(
            escape(
                _(
                    "Runs count for the period when their first session starts in it; a trainee who took runs "
                    "of two partners counts for both partners and once for the consortium."
                )
            ),
            body,
        ),
        Paragraph(escape(generated), body),
        PageBreak(),
        Paragraph(escape(_("What each figure counts")), ParagraphStyle("subheading", fontName=SANS_BOLD, fontSize=9)),
        *[Paragraph(_definition(label, unit, text), small) for label, unit, text in figure_definitions()],
    ]
    document.build(story)
    return buffer.getvalue()
