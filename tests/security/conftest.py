"""Security tests: a world of objects owned by others (the summary hooks live in summary.py).

The world is built once per test process (and again after ten minutes, so that its check-in window
stays open) in a database of its own; each test uses it inside a transaction rolled back at its end.
"""

from datetime import timedelta

import pytest

from ecri_lms.accounts.models import User
from ecri_lms.infra.extensions import db
from tests.dbutil import prebuilt_data
from tests.factories import Factory
from tests.security.query_params import NotingRequest
from tests.security.world import World, build_world

REBUILT_AFTER = timedelta(minutes=10)  # the world's check-in window is open for 30 minutes


def _world_by_id(_world_app) -> World:
    built = build_world(Factory())
    return World(
        actors={role: user and user.id for role, user in built.actors.items()},
        ids=built.ids,
        identities=built.identities,
    )


@pytest.fixture(scope="session")
def _world_data(app, tmp_path_factory):
    with prebuilt_data(tmp_path_factory, "world", _world_by_id, max_age=REBUILT_AFTER) as prebuilt:
        yield prebuilt


@pytest.fixture
def world(_world_data, app, monkeypatch) -> World:
    with _world_data.used_by(app, monkeypatch) as by_id:

        def in_this_session() -> World:
            actors = {role: user_id and db.session.get(User, user_id) for role, user_id in by_id.actors.items()}
            return World(actors=actors, ids=dict(by_id.ids), identities=dict(by_id.identities), restored=restored)

        def restored() -> World:
            _world_data.restore()
            return in_this_session()

        yield in_this_session()


@pytest.fixture
def noting_args(app, monkeypatch):
    """Requests note in query_params.READ the query parameters the view reads."""
    monkeypatch.setattr(app, "request_class", NotingRequest)
