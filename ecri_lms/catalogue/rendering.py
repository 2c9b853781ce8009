"""Markdown to safe HTML: rendered with Markdown, then cleaned by nh3 against an allow-list.

Links may only be http, https, mailto, in-page (#…) or relative; images only from the course's media
folder (a remote image would tell its server who reads the lesson, and when). Relative URLs are handed
to a resolver that maps them to an access-checked route (or drops them), so a lesson can never point at
an arbitrary file or script.
"""

import posixpath
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

Resolver = Callable[[str, str], str | None]  # (course-relative path, "#fragment" or "") -> URL or None

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "div": {"id"},
}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
LINK_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "toc"]
LESSON_FILE = re.compile(r"lessons/\d{1,3}-([a-z0-9]+(?:-[a-z0-9]+)*)\.md")


def _course_paths(path: str, in_lesson: bool) -> list[str]:
    """Where a relative path may point inside the course: from the lesson file, then from the course root."""
    candidates = [posixpath.normpath(posixpath.join("lessons", path))] if in_lesson else []
    candidates.append(posixpath.normpath(path))
    return [c for c in candidates if c != ".." and not c.startswith(("../", "/"))]


def lesson_slug_of(course_path: str) -> str | None:
    """The slug of a lesson file path such as 'lessons/02-value-chain.md'."""
    match = LESSON_FILE.fullmatch(course_path)
    return match.group(1) if match else None


def _filter_url(element: str, value: str, resolve: Resolver | None, in_lesson: bool) -> str | None:
    value = value.strip()
    if element == "a" and value.startswith("#"):
        return value
    parts = urlsplit(value)
    if element == "img" and (parts.scheme or parts.netloc or value.startswith(("/", "\\"))):
        return None
    if parts.scheme or parts.netloc or value.startswith("//"):
        return value if parts.scheme.lower() in LINK_SCHEMES and (parts.netloc or parts.scheme == "mailto") else None
    if value.startswith("/"):
        return value
    if resolve is None or not parts.path:
        return None
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    for candidate in _course_paths(parts.path, in_lesson):
        url = resolve(candidate, fragment)
        if url:
            return url
    return None


def render_markdown(text: str, resolve: Resolver | None = None, *, in_lesson: bool = False) -> Markup:
    """Sanitised HTML of a Markdown text; `resolve` maps course-relative paths to URLs."""

    def attribute_filter(element: str, attribute: str, value: str) -> str | None:
        if (element, attribute) in {("a", "href"), ("img", "src")}:
            return _filter_url(element, value, resolve, in_lesson)
        return value

    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(cleaned)
