"""Counts of what the security suite tried, kept by each test process for the terminal summary."""

from collections import Counter

import pytest

TALLY = pytest.StashKey[Counter]()


def tally(config) -> Counter:
    """This process's counts (requests, routes, inputs…), by name."""
    return config.stash.setdefault(TALLY, Counter())


def count(config, **amounts: int) -> None:
    """Add amounts (requests, routes, inputs…) to this process's tally."""
    tally(config).update(amounts)
