"""The reporting tests' hand-computed data set and who looks at it."""

import pytest

from .dataset import build


@pytest.fixture
def data(make):
    return build(make)


@pytest.fixture
def consortium(make):
    return make.consortium_coordinator()
