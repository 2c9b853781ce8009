"""Question texts as HTML: kept once rendered, and never mistaken for another text."""

from markupsafe import Markup

from ecri_lms.assessment.rendering import render_text


def test_a_rendered_text_is_kept_and_every_other_text_is_rendered_anew():
    first = render_text("**Cluster** strategy", "markdown")
    assert first == "<p><strong>Cluster</strong> strategy</p>"
    assert render_text("**Cluster** strategy", "markdown") is first
    assert render_text("**Cluster** strategies", "markdown") == "<p><strong>Cluster</strong> strategies</p>"
    assert render_text("**Cluster** strategy", "moodle") == "**Cluster** strategy"


def test_plain_text_is_escaped_even_after_the_same_characters_came_as_safe_markup():
    assert render_text(Markup("<em>safe</em>"), "moodle") == "<em>safe</em>"
    assert render_text("<em>safe</em>", "moodle") == "&lt;em&gt;safe&lt;/em&gt;"
    assert render_text("<script>alert(1)</script>", "markdown") == ""
