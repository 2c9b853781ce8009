"""Security tests: a world of objects owned by others, and a summary of what was tried."""

import os

import pytest

from . import stats
from .world import build_world


@pytest.fixture
def world(make):
    return build_world(make)


def pytest_sessionstart(session):
    if "PYTEST_XDIST_WORKER" not in os.environ:
        stats.reset(session.config)


def pytest_terminal_summary(terminalreporter, config):
    totals = stats.totals(config)
    if not totals:
        return
    terminalreporter.write_sep("-", "security: what was tried")
    labels = {
        "matrix_routes": "routes × methods in the authorisation matrix",
        "matrix_requests": "requests of the matrix (routes × methods × 7 roles)",
        "fuzz_inputs": "generated hostile inputs sent to forms and query strings",
        "fuzz_routes": "routes fuzzed",
        "upload_cases": "hostile uploads and imports",
    }
    for key, label in labels.items():
        if key in totals:
            terminalreporter.write_line(f"{totals[key]:>7}  {label}")
