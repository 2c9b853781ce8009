"""SECURITY.md's refusal policy on representative routes: 403 when the role never does this, 404 when the
object is outside the actor's scope or someone else's."""

import pytest

from tests.security.client_roles import act_as
from tests.security.routes import url_of

CASES = [
    # (role, method, endpoint, status): no capability → 403
    ("trainee", "GET", "scheduling.edit_run", 403),
    ("trainee", "GET", "gradebook.run_gradebook", 403),
    ("trainer", "GET", "evaluations.evaluate", 403),
    ("pc_own", "GET", "assessment.attempt", 403),
    ("pc_other", "GET", "scheduling.my_sessions", 403),
    # the capability, but outside scope or someone else's → 404
    ("pc_other", "GET", "scheduling.edit_run", 404),
    ("pc_other", "GET", "needs.plan", 404),
    ("pc_other", "GET", "reporting.trainee", 404),
    ("trainee", "GET", "assessment.attempt", 404),
    ("trainee", "GET", "evaluations.evaluate", 404),
    ("trainee", "GET", "certificates.download", 404),
]


@pytest.mark.parametrize("role, method, endpoint, status", CASES)
def test_refusals_follow_one_policy(app, client, world, role, method, endpoint, status):
    act_as(client, world, role)
    response = client.open(url_of(app, endpoint, world.ids), method=method)
    assert response.status_code == status
