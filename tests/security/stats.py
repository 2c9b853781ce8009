"""Counts of what the security suite tried, summed over xdist workers for the terminal summary."""

import json
import os

STATS_DIR = "security-stats"


def stats_dir(config):
    return config.cache.mkdir(STATS_DIR)


def count(config, **amounts: int) -> None:
    """Add amounts (requests, routes, inputs…) to this process's tally."""
    path = stats_dir(config) / f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}.jsonl"
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(amounts) + "\n")


def totals(config) -> dict[str, int]:
    summed: dict[str, int] = {}
    for path in stats_dir(config).glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            for key, value in json.loads(line).items():
                summed[key] = summed.get(key, 0) + value
    return summed


def reset(config) -> None:
    for path in stats_dir(config).glob("*.jsonl"):
        path.unlink()
