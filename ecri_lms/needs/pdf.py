"""The Clusters Comparative Analysis Report as a PDF: a pure function of a `ComparativeReport`.

A4 portrait, DejaVu Sans embedded so that Greek and Polish names render, real (searchable) text,
and charts drawn with reportlab's graphics.
"""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..infra.i18n import gettext as _
from ..infra.i18n import ngettext
from ..infra.pdf.fonts import SANS, SANS_BOLD, register_fonts
from .locale_format import fixed, long_day
from .report import ComparativeReport, PartnerReport

BLUE = colors.HexColor("#0b4f6c")
SERIES = [colors.HexColor(c) for c in ("#0b4f6c", "#01796f", "#c0612b", "#7a4f9e")]
CONSORTIUM_COLOUR = colors.HexColor("#8c8c8c")
GRID = colors.HexColor("#c8d3d9")
CONSORTIUM = "ECRI – Excellence Cluster for Regional Improvement"
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


class _Styles:
    """Paragraph styles in DejaVu Sans."""

    def __init__(self):
        register_fonts()
        regular, bold = SANS, SANS_BOLD
        self.regular, self.bold = regular, bold
        self.title = ParagraphStyle("title", fontName=bold, fontSize=20, leading=25, textColor=BLUE, spaceAfter=6)
        self.h1 = ParagraphStyle(
            "h1", fontName=bold, fontSize=14, leading=18, textColor=BLUE, spaceBefore=10, spaceAfter=6
        )
        self.h2 = ParagraphStyle("h2", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
        self.body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13, spaceAfter=4)
        self.cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
        self.cell_bold = ParagraphStyle("cell_bold", fontName=bold, fontSize=8, leading=10)


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def _number(value: Decimal | None, places: int = 2) -> str:
    return fixed(value, places)


def _table(rows: list[list], styles: _Styles, widths: list[float] | None = None) -> Table:
    cells = [
        [c if isinstance(c, Paragraph) else _p(str(c), styles.cell_bold if r == 0 else styles.cell) for c in row]
        for r, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f3f6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _short_area(name: str) -> str:
    return name if len(name) <= 18 else name[:17] + "…"


def _grouped_bars(
    report: ComparativeReport, values: list[list[float]], names: list[str], top: float, styles: _Styles
) -> Drawing:
    """A vertical bar chart per area, one bar per series (partners, maybe the consortium), with a legend."""
    drawing = Drawing(WIDTH, 190)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 45, WIDTH - 150, 135
    chart.data = values
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.labels.fontName = styles.regular
    chart.categoryAxis.categoryNames = [_short_area(name) for _code, name in report.areas]
    chart.categoryAxis.labels.fontName = styles.regular
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 25
    chart.categoryAxis.labels.boxAnchor = "ne"
    palette = [SERIES[i % len(SERIES)] for i in range(len(report.partners))] + [CONSORTIUM_COLOUR]
    for index in range(len(values)):
        chart.bars[index].fillColor = palette[index]
        chart.bars[index].strokeColor = None
    legend = Legend()
    legend.x, legend.y = chart.x + chart.width + 14, 175
    legend.fontName, legend.fontSize = styles.regular, 7
    legend.columnMaximum = len(names)
    legend.alignment = "right"
    legend.colorNamePairs = list(zip(palette, names, strict=False))
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def _need_chart(report: ComparativeReport, styles: _Styles) -> Drawing:
    codes = [code for code, _name in report.areas]
    series = [[float(p.area_need.get(code, 0)) for code in codes] for p in report.partners]
    series.append([float(report.consortium_area_need.get(code, 0)) for code in codes])
    top = max([1.0, *(v for s in series for v in s)])
    return _grouped_bars(report, series, [p.short_name for p in report.partners] + [_("Consortium")], top, styles)


def _self_chart(report: ComparativeReport, styles: _Styles) -> Drawing:
    codes = [code for code, _name in report.areas]
    series = [[float(p.self_scores.get(code, (0, ""))[0]) for code in codes] for p in report.partners]
    return _grouped_bars(report, series, [p.short_name for p in report.partners], 5, styles)


def _partner_chart(partner: PartnerReport, styles: _Styles) -> Drawing:
    """MWDS of every ranked topic, best-ranked at the top."""
    ranked = partner.ranked
    height = 30 + 14 * len(ranked)
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 55, 18, WIDTH - 90, height - 25
    chart.data = [[float(t.need.mwds) for t in reversed(ranked)]]
    chart.categoryAxis.categoryNames = [t.topic for t in reversed(ranked)]
    chart.categoryAxis.labels.fontName = styles.regular
    chart.valueAxis.labels.fontName = styles.regular
    chart.valueAxis.valueMin = min([0.0, *chart.data[0]])
    chart.bars[0].fillColor = SERIES[1]
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def _comparison_tables(report: ComparativeReport, styles: _Styles) -> list:
    names = [p.short_name for p in report.partners]
    need_rows = [[_("Area"), *names, _("Consortium")]]
    self_rows = [[_("Area"), *names]]
    for code, name in report.areas:
        need_rows.append(
            [
                name,
                *(_number(p.area_need.get(code)) for p in report.partners),
                _number(report.consortium_area_need.get(code)),
            ]
        )
        self_rows.append(
            [name, *(str(p.self_scores[code][0]) if code in p.self_scores else "–" for p in report.partners)]
        )
    area_width = 55 * mm
    need_width = (WIDTH - area_width) / (len(names) + 1)
    self_width = (WIDTH - area_width) / max(1, len(names))
    return [
        _p(_("Survey: mean MWDS per curriculum area"), styles.h2),
        _p(
            _(
                "Mean of the MWDS of the area's topics that had at least five answers; higher means a greater "
                "training need. – : too few answers."
            ),
            styles.body,
        ),
        _table(need_rows, styles, [area_width] + [need_width] * (len(names) + 1)),
        Spacer(1, 4 * mm),
        _need_chart(report, styles),
        _p(_("Self-assessment of cluster management (1–5)"), styles.h2),
        _p(_("Each partner's own score per area (5 = excellent)."), styles.body),
        _table(self_rows, styles, [area_width] + [self_width] * len(names)),
        Spacer(1, 4 * mm),
        _self_chart(report, styles),
    ]


def _findings(title: str, findings: list[tuple[str, str]], styles: _Styles) -> list:
    lines = [f"• {area}: {reason}" for area, reason in findings] or ["• " + _("none stands out")]
    return [_p(title, styles.h2), *(_p(line, styles.body) for line in lines)]


def _partner_section(partner: PartnerReport, report: ComparativeReport, styles: _Styles) -> list:
    area_names = dict(report.areas)
    story = [
        CondPageBreak(90 * mm),
        _p(partner.name, styles.h1),
        _p(
            ngettext(
                "%(region)s, %(country)s · %(num)d respondent",
                "%(region)s, %(country)s · %(num)d respondents",
                partner.respondents,
                region=partner.region,
                country=partner.country,
            ),
            styles.body,
        ),
    ]
    if not partner.ranked:
        story.append(_p(_("No topic has enough answers (at least five) to be ranked yet."), styles.body))
    else:
        top = partner.ranked[0]
        story.append(
            _p(
                _(
                    "Top training need: %(topic)s – %(name)s (MWDS %(mwds)s).",
                    topic=top.topic,
                    name=top.topic_name,
                    mwds=_number(top.need.mwds, 4),
                ),
                styles.body,
            )
        )
        rows = [[_("Rank"), _("Topic"), "n", _("Importance"), _("Competence"), _("Gap"), "MWDS"]]
        rows += [
            [
                t.need.rank,
                f"{t.topic} – {t.topic_name}",
                t.need.n,
                _number(t.need.importance, 4),
                _number(t.need.competence, 4),
                _number(t.need.gap, 4),
                _number(t.need.mwds, 4),
            ]
            for t in partner.top_needs
        ]
        story += [
            _table(rows, styles, [13 * mm, 58 * mm, 10 * mm] + [(WIDTH - 81 * mm) / 4] * 4),
            Spacer(1, 3 * mm),
            _partner_chart(partner, styles),
        ]
    story += _findings(_("Strengths"), partner.strengths, styles)
    story += _findings(_("Weaknesses"), partner.weaknesses, styles)
    notes = [f"• {area_names[code]} ({score}/5): {note}" for code, (score, note) in partner.self_scores.items() if note]
    if notes:
        story += [_p(_("Self-assessment notes"), styles.h2), *(_p(line, styles.body) for line in notes)]
    story.append(_p(_("Suggested training"), styles.h2))
    for suggestion in partner.suggestions:
        courses = "; ".join(suggestion.courses) or _("no course of the catalogue is tagged with it yet")
        story.append(_p(f"• {suggestion.topic} – {suggestion.topic_name}: {courses}", styles.body))
    if not partner.suggestions:
        story.append(_p("• " + _("none until the survey ranks this partner's needs"), styles.body))
    return story


def _footer(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(SANS, 7.5)
    canvas.setFillColor(colors.grey)
    canvas.drawString(MARGIN, 10 * mm, CONSORTIUM)
    canvas.drawRightString(A4[0] - MARGIN, 10 * mm, _("Page %(num)d", num=document.page))
    canvas.restoreState()


def render_comparative_report(report: ComparativeReport) -> bytes:
    """The report as PDF bytes; touches nothing but its argument."""
    styles = _Styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=_("Clusters Comparative Analysis Report – %(survey)s", survey=report.survey_name),
        author="ECRI LMS",
        subject=_("Training needs of the ECRI partner clusters"),
        creator="ECRI LMS",
    )
    story = [
        _p(_("Clusters Comparative Analysis Report"), styles.title),
        _p(CONSORTIUM, styles.body),
        _p(
            ngettext(
                "Survey: %(survey)s · %(num)d respondent · produced on %(day)s",
                "Survey: %(survey)s · %(num)d respondents · produced on %(day)s",
                report.respondents,
                survey=report.survey_name,
                day=long_day(report.generated_on),
            ),
            styles.body,
        ),
        _p(
            _(
                "Method: every topic is rated by each respondent for importance and current competence (1–5). "
                "Topics are ranked by Borich's mean weighted discrepancy score, MWDS = mean(importance − competence) "
                "× mean importance, highest first; topics with fewer than five answers are not ranked. The partners' "
                "own cluster-management self-assessment completes the comparison."
            ),
            styles.body,
        ),
        _p(_("The partners compared area by area"), styles.h1),
        *_comparison_tables(report, styles),
    ]
    for partner in report.partners:
        story += _partner_section(partner, report, styles)
    document.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
