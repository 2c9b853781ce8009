"""Question texts to safe HTML: Markdown and HTML are sanitised, plain text is escaped."""

import markdown
import nh3
from markupsafe import Markup, escape

from .gift import BLANK

BLANK_HTML = Markup('<span class="quiz-blank">_____</span><span class="visually-hidden"> (blank)</span>')


def render_text(text: str, text_format: str) -> Markup:
    """The question text as HTML the page can include: never a script, never an inline style."""
    if text_format == "html":
        html = nh3.clean(text)
    elif text_format == "markdown":
        html = nh3.clean(markdown.markdown(text))
    else:
        html = str(escape(text)).replace("\n", "<br>\n")
    return Markup(html.replace(BLANK, str(BLANK_HTML)))
