"""The security suite's summary of what it tried, printed at the end of any run that includes it.

A plugin named in pyproject.toml (`-p tests.security.summary`), not a conftest: under xdist the
controller loads only the conftest files of the paths it was given, yet it prints the summary. Each
worker hands its tally to the controller through xdist's `workeroutput`; nothing is written to disk.
"""

import pytest

from tests.security import stats

LABELS = {
    "matrix_routes": "routes × methods in the authorisation matrix",
    "matrix_requests": "requests of the matrix (routes × methods × 7 roles)",
    "fuzz_routes": "routes × methods fuzzed",
    "fuzz_inputs": "generated hostile inputs sent to forms, query strings and URLs",
    "upload_cases": "hostile uploads and imports",
    "shown_forms": "forms shown to a role and submitted as shown (roles × distinct forms)",
}
WORKER_OUTPUT_KEY = "security_stats"


def pytest_sessionfinish(session):
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output[WORKER_OUTPUT_KEY] = dict(stats.tally(session.config))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    worker_output = getattr(node, "workeroutput", {})
    stats.tally(node.config).update(worker_output.get(WORKER_OUTPUT_KEY, {}))


def pytest_terminal_summary(terminalreporter, config):
    totals = stats.tally(config)
    if not totals:
        return
    terminalreporter.write_sep("-", "security: what was tried")
    for key, label in LABELS.items():
        if key in totals:
            terminalreporter.write_line(f"{totals[key]:>7}  {label}")
