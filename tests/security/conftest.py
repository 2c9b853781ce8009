"""Security tests: a world of objects owned by others (the summary hooks live in summary.py)."""

import pytest

from .query_params import NotingRequest
from .world import build_world


@pytest.fixture
def world(make):
    return build_world(make)


@pytest.fixture
def noting_args(app, monkeypatch):
    """Requests note in query_params.READ the query parameters the view reads."""
    monkeypatch.setattr(app, "request_class", NotingRequest)
