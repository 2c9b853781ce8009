"""The text a person reads on a page: every text node outside scripts and styles, with its tag."""

from html.parser import HTMLParser

HIDDEN = frozenset({"script", "style", "template"})


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html: str) -> list[str]:
    """Each non-blank text node of the page, whitespace collapsed."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.texts
