"""The POST forms a page shows, each with the values a browser would send if the user pressed one of its
buttons without typing anything: hidden and filled-in inputs, checked boxes, the selected (or first) option
of each list, a textarea's text. One submission per submit button (a button's name, value and formaction
are part of what it sends)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

UNSENT_INPUTS = frozenset({"submit", "button", "image", "reset", "file"})


@dataclass
class _Select:
    name: str
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)


@dataclass
class _Form:
    action: str | None
    method: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Submission:
    """One press of one button: where it posts and what it sends."""

    path: str
    data: tuple[tuple[str, str], ...]
    button: str

    @property
    def key(self) -> tuple:
        """The same form on many pages (the nav's log-out) is one submission; values of ids differ per page."""
        return (self.path, tuple(sorted({name for name, _value in self.data})), self.button)


class _ValuesParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[_Form] = []
        self._by_id: dict[str, _Form] = {}
        self._form: _Form | None = None
        self._select: tuple[_Form, _Select] | None = None
        self._option: dict | None = None
        self._textarea: tuple[_Form, str, list[str]] | None = None
        self._button: tuple[_Form, dict] | None = None

    def _owner(self, attributes: dict) -> _Form | None:
        return self._by_id.get(attributes["form"]) if attributes.get("form") else self._form

    def handle_starttag(self, tag, attrs):
        attributes = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self._form = _Form(attributes.get("action"), (attributes.get("method") or "get").upper())
            self.forms.append(self._form)
            if attributes.get("id"):
                self._by_id[attributes["id"]] = self._form
            return
        owner = self._owner(attributes)
        if owner is None or "disabled" in attributes:
            return
        if tag == "input":
            self._input(owner, attributes)
        elif tag == "button" and attributes.get("type", "submit") == "submit":
            self._button = (owner, {**attributes, "label": []})
            owner.buttons.append(self._button[1])
        elif tag == "select" and attributes.get("name"):
            self._select = (owner, _Select(attributes["name"]))
        elif tag == "option" and self._select is not None:
            self._option = {"value": attributes.get("value"), "selected": "selected" in attributes, "text": []}
        elif tag == "textarea" and attributes.get("name"):
            self._textarea = (owner, attributes["name"], [])

    def _input(self, owner: _Form, attributes: dict) -> None:
        kind = attributes.get("type", "text").lower()
        if kind in ("submit", "image"):
            owner.buttons.append({**attributes, "label": [attributes.get("value", "")]})
            return
        name = attributes.get("name")
        if not name or kind in UNSENT_INPUTS:
            return
        if kind in ("checkbox", "radio"):
            if "checked" in attributes:
                owner.pairs.append((name, attributes.get("value", "on")))
            return
        owner.pairs.append((name, attributes.get("value", "")))

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"].append(data)
        if self._textarea is not None:
            self._textarea[2].append(data)
        if self._button is not None:
            self._button[1]["label"].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value = self._option["value"] if self._option["value"] is not None else "".join(self._option["text"])
            self._select[1].options.append((value.strip(), self._option["selected"]))
            self._option = None
        elif tag == "select" and self._select is not None:
            owner, select = self._select
            chosen = [value for value, selected in select.options if selected] or [v for v, _ in select.options[:1]]
            owner.pairs.extend((select.name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            owner, name, text = self._textarea
            owner.pairs.append((name, "".join(text).removeprefix("\n")))
            self._textarea = None
        elif tag == "button":
            self._button = None


def post_submissions(html: str, page_url: str) -> list[Submission]:
    """Every press of a button of a POST form of the page (a form with no button: one press, by Enter)."""
    parser = _ValuesParser()
    parser.feed(html)
    parser.close()
    submissions = []
    for form in parser.forms:
        if form.method != "POST":
            continue
        for button in form.buttons or [{}]:
            action = button.get("formaction") or form.action or page_url
            data = list(form.pairs)
            if button.get("name"):
                data.append((button["name"], button.get("value", "")))
            label = " ".join("".join(button.get("label", [])).split())
            submissions.append(Submission(urlsplit(action).path or urlsplit(page_url).path, tuple(data), label))
    return submissions
