"""Every route × method × role against the table in matrix.py, with objects owned by someone else."""

import pytest

from ecri_lms.infra.extensions import db
from tests.security import stats
from tests.security.client_roles import NO_CHANGE, act_as, outcome
from tests.security.matrix import MATRIX
from tests.security.routes import route_cases, url_of
from tests.security.state import changed_tables, fingerprint
from tests.security.world import ROLES

pytestmark = pytest.mark.generated

CASES = route_cases()


@pytest.mark.parametrize("endpoint, method", CASES)
def test_each_role_gets_what_the_matrix_says(app, client, world, request, endpoint, method):
    observed = []
    for role in ROLES:
        url = url_of(app, endpoint, world.ids)
        act_as(client, world, role)
        before = fingerprint() if method != "GET" else None
        response = client.open(url, method=method, data={})
        got = outcome(client, response, method)
        response.close()
        observed.append(got)
        if before is not None:
            changed = changed_tables(before, fingerprint())
            assert not (changed and got in NO_CHANGE), f"{role}: refused {method} {url} changed {changed}"
            if changed:  # the next role meets the world as it was
                world = world.restored()
        db.session.expire_all()
    stats.count(request.config, matrix_routes=1, matrix_requests=len(ROLES))
    line = "".join(observed)
    assert endpoint in MATRIX and method in MATRIX[endpoint], (
        f"{endpoint} {method} is not in tests/security/matrix.py (observed {line!r}): add it"
    )
    assert line == MATRIX[endpoint][method], f"{method} {url}: expected {MATRIX[endpoint][method]!r}, got {line!r}"


def test_the_matrix_names_only_existing_routes():
    existing = set(CASES)
    stale = [
        (endpoint, method)
        for endpoint, methods in MATRIX.items()
        for method in methods
        if (endpoint, method) not in existing
    ]
    assert not stale, f"entries of matrix.py for routes that no longer exist: {stale}"
