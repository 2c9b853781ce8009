"""The printed sign-in sheet of a session: A4, DejaVu fonts, one row per trainee with space to sign.

`render_sign_in_sheet(sheet)` is a pure function of the `SignInSheet` it is given and of the language of
the moment, which its headings are written in (the request's: the person downloading it).
"""

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..infra.i18n import gettext as _
from ..infra.pdf.fonts import SANS, SANS_BOLD, register_fonts


@dataclass(frozen=True)
class SheetRow:
    name: str
    organisation: str


@dataclass(frozen=True)
class SignInSheet:
    run_title: str
    session_title: str
    when: str  # date and time on the session's clock, with its zone
    venue: str
    trainers: str
    rows: list[SheetRow]


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=SANS_BOLD, fontSize=16, leading=20, spaceAfter=4),
        "meta": ParagraphStyle("meta", fontName=SANS, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName=SANS, fontSize=10, leading=12),
        "head": ParagraphStyle("head", fontName=SANS_BOLD, fontSize=10, leading=12),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_sign_in_sheet(sheet: SignInSheet) -> bytes:
    register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Sign-in sheet – %(run)s", run=sheet.run_title),
        author="ECRI LMS",
    )
    story = [Paragraph(_escape(_("Sign-in sheet: %(run)s", run=sheet.run_title)), styles["title"])]
    if sheet.session_title:
        story.append(Paragraph(_escape(sheet.session_title), styles["meta"]))
    for label, value in ((_("When"), sheet.when), (_("Where"), sheet.venue), (_("Trainers"), sheet.trainers)):
        if value:
            story.append(Paragraph(f"<b>{_escape(label)}:</b> {_escape(value)}", styles["meta"]))
    story.append(Spacer(1, 6 * mm))
    head = ("#", _("Name"), _("Organisation"), _("Signature"))
    data = [[Paragraph(_escape(text), styles["head"]) for text in head]]
    data += [
        [
            str(number),
            Paragraph(_escape(row.name), styles["cell"]),
            Paragraph(_escape(row.organisation), styles["cell"]),
            "",
        ]
        for number, row in enumerate(sheet.rows, start=1)
    ]
    table = Table(data, colWidths=[10 * mm, 62 * mm, 52 * mm, 56 * mm], repeatRows=1, rowHeights=None)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
            ]
        )
    )
    story.append(table)
    document.build(story)
    return buffer.getvalue()
