"""Question texts to safe HTML: Markdown and HTML are sanitised, plain text is escaped."""

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup, escape

from .gift import BLANK

BLANK_HTML = Markup('<span class="quiz-blank">_____</span><span class="visually-hidden"> (blank)</span>')


@lru_cache(maxsize=4096, typed=True)
def render_text(text: str, text_format: str) -> Markup:
    """The question text as HTML the page can include: never a script, never an inline style.

    Kept per (text, format): the HTML depends on nothing else, and Markdown takes most of a millisecond
    per question, on every attempt page and review. `typed`: an already safe Markup text is never
    confused with the same characters as plain text, which are escaped."""
    if text_format == "html":
        html = nh3.clean(text)
    elif text_format == "markdown":
        html = nh3.clean(markdown.markdown(text))
    else:
        html = str(escape(text)).replace("\n", "<br>\n")
    return Markup(html.replace(BLANK, str(BLANK_HTML)))
