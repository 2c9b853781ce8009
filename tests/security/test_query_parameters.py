"""Every query parameter of every route, with the values that broke views before: blank, padded, beyond
PostgreSQL's integer, negative, not a number, far dates, lists; and names a view could take for a link's own
values. Never a 500, and a view reads no parameter that query_params.py does not declare (the fuzzer, which
also checks that refused requests change nothing, sends every declared one)."""

import re
from pathlib import Path

import pytest

from ecri_lms.infra.extensions import db
from tests.security.client_roles import act_as, acting_role, outcome
from tests.security.query_params import COMMON, QUERY_PARAMETERS, READ, URL_BUILDING_NAMES, declared
from tests.security.routes import route_cases, rule_of, url_of

pytestmark = pytest.mark.generated

SOURCE = Path(__file__).resolve().parents[2] / "ecri_lms"
# The values each declared parameter receives, one at a time.
HOSTILE_QUERY_VALUES = (
    "",
    " ",
    "2147483648",
    "99999999999999999999999",
    "-1",
    "abc",
    "\u00b2",
    "0001-01-01",
    "2027-02-30",
    "x" * 5000,
    ["1", "2"],
)
# Views whose first fuzzing role takes another code path than the consortium coordinator's.
SECOND_ROLE = {"reporting.index": "cc"}  # partner coordinators are sent to their partner's dashboard
# How views read query strings in the code: request.args.get("x"), request.args["x"], int_arg("x")…
READ_IN_CODE = re.compile(r"""(?:args\.get|args\.getlist|args\[|int_arg\(|_int_arg\(|pick\()\s*["']([a-z_]+)["']""")
CASES = route_cases()


def _send(app, client, world, endpoint: str, method: str, role: str, query: dict) -> set[str]:
    """Send the query as the role: never a 500; the names the view read that query_params.py does not declare."""
    act_as(client, world, role)
    READ.clear()
    response = client.open(url_of(app, endpoint, world.ids), method=method, query_string=query, data={})
    response.get_data()
    outcome(client, response, method)
    response.close()
    db.session.expire_all()
    return READ - declared(endpoint) - set(URL_BUILDING_NAMES) - set(rule_of(app, endpoint).arguments)


DECLARED_CASES = [(endpoint, method) for endpoint, method in CASES if endpoint in QUERY_PARAMETERS]


@pytest.mark.parametrize("endpoint, method", DECLARED_CASES)
def test_each_query_parameter_takes_hostile_values(app, client, world, noting_args, endpoint, method):
    undeclared = set()
    roles = {acting_role(endpoint, method), SECOND_ROLE.get(endpoint, acting_role(endpoint, method))}
    for role in sorted(roles):
        for name in sorted(declared(endpoint)):
            for value in HOSTILE_QUERY_VALUES:
                undeclared |= _send(app, client, world, endpoint, method, role, {name: value})
    assert not undeclared, f"{endpoint} reads {sorted(undeclared)}: declare them in tests/security/query_params.py"


def test_query_names_like_url_values_are_only_query_values(app, client, world, noting_args):
    """A page that builds links from its query string must not take ?code= or ?_scheme= for the link's own."""
    undeclared = set()
    for endpoint, method in CASES:
        if method != "GET":
            continue
        colliding = {name: "x" for name in (*URL_BUILDING_NAMES, *rule_of(app, endpoint).arguments)}
        for role in {acting_role(endpoint, method), SECOND_ROLE.get(endpoint, acting_role(endpoint, method))}:
            undeclared |= {
                f"{endpoint}: {name}"
                for name in _send(app, client, world, endpoint, method, role, {**colliding, "page": "2"})
            }
    assert not undeclared, f"undeclared query parameters read: {sorted(undeclared)}"


def test_every_name_the_code_reads_from_a_query_string_is_declared():
    in_code = {name for path in SOURCE.rglob("*.py") for name in READ_IN_CODE.findall(path.read_text("utf-8"))}
    in_table = COMMON | {name for names in QUERY_PARAMETERS.values() for name in names}
    assert in_code - in_table == set(), "declare them in tests/security/query_params.py"
