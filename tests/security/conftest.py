"""Security tests: a world of objects owned by others (the summary hooks live in summary.py)."""

import pytest

from .world import build_world


@pytest.fixture
def world(make):
    return build_world(make)
