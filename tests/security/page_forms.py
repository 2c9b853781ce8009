"""The forms the app's pages actually show, found by visiting every GET route as a few roles.

Each form's fields are mapped to the endpoint it submits to, so the fuzzer posts the names a
browser would (WTForms field names, multi-selects and file inputs included).
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from werkzeug.exceptions import HTTPException

from .client_roles import act_as
from .routes import route_cases, url_of

IGNORED_FIELDS = frozenset({"csrf_token", "submit"})


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._current = {"action": attributes.get("action") or "", "method": (attributes.get("method") or "get")
                             .upper(), "fields": {}}
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea") and self._current is not None:
            name = attributes.get("name")
            if name and name not in IGNORED_FIELDS and not name.endswith("csrf_token"):
                self._current["fields"][name] = attributes.get("type", "text") if tag == "input" else tag

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def forms_in(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


DISCOVERING_ROLES = ("anonymous", "pc_own", "trainee", "admin")


def discover(app, client, world, roles=DISCOVERING_ROLES) -> dict[tuple[str, str], dict[str, str]]:
    """{(endpoint, method): {field name: input type}} for every form found on every GET page."""
    adapter = app.url_map.bind("localhost")
    found: dict[tuple[str, str], dict[str, str]] = {}
    pages = [endpoint for endpoint, method in route_cases(app) if method == "GET"]
    for role in roles:
        act_as(client, world.actors[role])
        for endpoint in pages:
            url = url_of(app, endpoint, world.ids)
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                response.close()
                continue
            for form in forms_in(response.get_data(as_text=True)):
                target = urlsplit(form["action"]).path or urlsplit(url).path
                try:
                    target_endpoint, _values = adapter.match(target, method=form["method"])
                except HTTPException:
                    continue
                found.setdefault((target_endpoint, form["method"]), {}).update(form["fields"])
            response.close()
    return found
