"""The forms the app's pages actually show, found by visiting every GET route as a few roles.

Each form's fields are mapped to the endpoint it submits to, so the fuzzer posts the names a
browser would (WTForms field names, multi-selects and file inputs included).
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from werkzeug.exceptions import HTTPException

from tests.security.client_roles import act_as
from tests.security.routes import route_cases, url_of

IGNORED_FIELDS = frozenset({"csrf_token", "submit"})


class _FormParser(HTMLParser):
    """Each form's method, the actions it submits to and its fields, as a browser associates them: a control
    with a `form` attribute belongs to the form of that id wherever it stands, and a submit button's
    `formaction` sends its form elsewhere (a form without an action of its own submits only there)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._by_id: dict[str, dict] = {}
        self._current: dict | None = None
        self._associated: list[tuple[str, str, dict]] = []  # controls with a `form` attribute, placed at the end

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._current = {
                "action": attributes.get("action"),
                "method": (attributes.get("method") or "get").upper(),
                "fields": {},
                "formactions": [],
            }
            self.forms.append(self._current)
            if attributes.get("id"):
                self._by_id[attributes["id"]] = self._current
        elif tag in ("input", "select", "textarea", "button"):
            owner = attributes.get("form")
            if owner is not None:
                self._associated.append((owner, tag, attributes))
            elif self._current is not None:
                _add_control(self._current, tag, attributes)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None

    def close(self):
        super().close()
        for owner, tag, attributes in self._associated:
            if owner in self._by_id:
                _add_control(self._by_id[owner], tag, attributes)


def _add_control(form: dict, tag: str, attributes: dict) -> None:
    if attributes.get("formaction") and (tag == "button" or attributes.get("type") in ("submit", "image")):
        form["formactions"].append(attributes["formaction"])
    if tag == "button":
        return
    name = attributes.get("name")
    if name and name not in IGNORED_FIELDS and not name.endswith("csrf_token"):
        form["fields"][name] = attributes.get("type", "text") if tag == "input" else tag


def targets_of(form: dict, page_url: str) -> list[str]:
    """The paths a form submits to: its buttons' formactions, and its own action (the page's URL when it has
    none) unless it has only formactions."""
    own = [] if form["action"] is None and form["formactions"] else [form["action"] or ""]
    return [urlsplit(action).path or urlsplit(page_url).path for action in own + form["formactions"]]


def forms_in(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


DISCOVERING_ROLES = ("anonymous", "pc_own", "trainee", "admin")


def discover(app, client, world, roles=DISCOVERING_ROLES) -> dict[tuple[str, str], dict[str, str]]:
    """{(endpoint, method): {field name: input type}} for every form found on every GET page."""
    adapter = app.url_map.bind("localhost")
    found: dict[tuple[str, str], dict[str, str]] = {}
    pages = [endpoint for endpoint, method in route_cases(app) if method == "GET"]
    for role in roles:
        act_as(client, world, role)
        for endpoint in pages:
            url = url_of(app, endpoint, world.ids)
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                response.close()
                continue
            for form in forms_in(response.get_data(as_text=True)):
                for target in targets_of(form, url):
                    try:
                        target_endpoint, _values = adapter.match(target, method=form["method"])
                    except HTTPException:
                        continue
                    found.setdefault((target_endpoint, form["method"]), {}).update(form["fields"])
            response.close()
    return found
