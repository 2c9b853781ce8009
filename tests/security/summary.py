"""The security suite's summary of what it tried, printed at the end of any run that includes it.

The hooks are imported by tests/conftest.py: under xdist the controller process loads only the
conftest files of the paths it was given, so a hook in tests/security/conftest.py would not run there.
"""

import os

from . import stats

LABELS = {
    "matrix_routes": "routes × methods in the authorisation matrix",
    "matrix_requests": "requests of the matrix (routes × methods × 7 roles)",
    "fuzz_routes": "routes × methods fuzzed",
    "fuzz_inputs": "generated hostile inputs sent to forms, query strings and URLs",
    "upload_cases": "hostile uploads and imports",
}


def pytest_sessionstart(session):
    if "PYTEST_XDIST_WORKER" not in os.environ:
        stats.reset(session.config)


def pytest_terminal_summary(terminalreporter, config):
    totals = stats.totals(config)
    if not totals:
        return
    terminalreporter.write_sep("-", "security: what was tried")
    for key, label in LABELS.items():
        if key in totals:
            terminalreporter.write_line(f"{totals[key]:>7}  {label}")
