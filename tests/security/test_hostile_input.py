"""Random and malicious values in every form field, query parameter, URL variable and uploaded file, as a
user who reaches the view: never a 500, and a refused request leaves every table as it was.

Form fields are those the app's pages show; query parameters are the route's own (query_params.py, checked
here against what the view reads), names a view could take for a link's own values, and the route's URL
variables; uploaded files are hostile bytes, or GIFT and CSV files with hostile text inside."""

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from ecri_lms.infra.extensions import db
from tests.security import stats
from tests.security.client_roles import NO_CHANGE, act_as, acting_role, outcome
from tests.security.hostile import file_value, hostile_text, hostile_upload, hostile_value
from tests.security.page_forms import discover
from tests.security.query_params import READ, URL_BUILDING_NAMES, declared
from tests.security.routes import route_cases, rule_of, url_of
from tests.security.state import changed_tables, fingerprint

pytestmark = pytest.mark.generated

EXAMPLES = int(os.environ.get("SECURITY_FUZZ_EXAMPLES", "15"))
CASES = route_cases()
_forms_cache: dict = {}
_fuzzed: set = set()


def _forms(app, client, world):
    if not _forms_cache:
        _forms_cache.update(discover(app, client, world))
    return _forms_cache


def _path_values(data, app, endpoint: str, world) -> dict:
    """Each URL variable: the real object, or something hostile (unknown ids, huge numbers, junk)."""
    rule = rule_of(app, endpoint)
    values = {}
    for name in rule.arguments:
        if isinstance(rule._converters[name], IntegerConverter):
            hostile = st.integers(min_value=0, max_value=2**70)
        else:
            hostile = hostile_text.filter(lambda text: text and "/" not in text)
        values[name] = data.draw(st.one_of(st.none(), hostile), label=name)
    return {name: value for name, value in values.items() if value is not None}


def _payload(data, fields: dict[str, str]) -> dict:
    payload = {}
    for name in data.draw(st.lists(st.sampled_from(sorted(fields)), unique=True), label="fields") if fields else ():
        if fields[name] == "file":
            payload[name] = file_value(*data.draw(hostile_upload, label=name))
        else:
            payload[name] = data.draw(hostile_value, label=name)
    return payload


def _query_fields(app, endpoint: str) -> dict[str, str]:
    names = declared(endpoint) | set(URL_BUILDING_NAMES) | set(rule_of(app, endpoint).arguments)
    return {name: "text" for name in names}


@pytest.mark.parametrize("endpoint, method", CASES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(data=st.data())
def test_hostile_input_never_breaks_the_app(app, client, world, noting_args, request, endpoint, method, data):
    # Hypothesis seeds the global random alike for every example; the app's Message-IDs (email.utils.make_msgid)
    # draw from it, so two e-mails queued within the same 10 ms would share one. Seeded from the OS, as in production.
    random.seed()
    role = acting_role(endpoint, method)
    forms = _forms(app, client, world)
    form_fields = dict(forms.get((endpoint, method), {}))
    query_fields = _query_fields(app, endpoint) | (form_fields if method == "GET" else {})
    url = url_of(app, endpoint, world.ids, **_path_values(data, app, endpoint, world))
    query = _payload(data, query_fields)
    body = _payload(data, form_fields) if method != "GET" else {}
    db.session.expire_all()
    act_as(client, world, role)
    before = fingerprint()
    READ.clear()
    if method == "GET":
        response = client.get(url, query_string=query)
    else:
        response = client.open(url, method=method, query_string=query, data=body, content_type="multipart/form-data")
    response.get_data()
    got = outcome(client, response, method)
    response.close()
    stats.count(request.config, fuzz_inputs=1, fuzz_routes=int((endpoint, method) not in _fuzzed))
    _fuzzed.add((endpoint, method))
    if got in NO_CHANGE:
        changed = changed_tables(before, fingerprint())
        assert not changed, f"refused {method} {url} ({got}) changed {changed}"
    undeclared = READ - set(query_fields)
    assert not undeclared, f"{endpoint} reads {sorted(undeclared)}: declare them in tests/security/query_params.py"
