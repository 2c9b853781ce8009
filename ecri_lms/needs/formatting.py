"""The ranking as text: CSV and JSON with exactly four decimals, for the command line and downloads."""

import json
from collections.abc import Iterator
from decimal import Decimal

from ..infra.exports import csv_lines
from .analysis import TopicNeed

COLUMNS = ("topic", "n", "importance", "competence", "gap", "mwds", "rank")


def ranking_rows(needs: list[TopicNeed]) -> Iterator[list]:
    """The rows under COLUMNS (decimals keep their four places); a topic with too few answers has no rank."""
    return ([getattr(need, column) for column in COLUMNS] for need in needs)


def ranking_csv(needs: list[TopicNeed]) -> str:
    """`topic,n,importance,competence,gap,mwds,rank`, as the command line prints it and downloads are written."""
    return "".join(csv_lines(COLUMNS, ranking_rows(needs)))


def _json_value(value) -> str:
    # Decimals are written as JSON numbers digit for digit, so "3.2500" keeps its four decimals.
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def ranking_json(needs: list[TopicNeed]) -> str:
    """A JSON array of objects with the CSV's columns, `too_few_answers` and `withheld` (figures hidden)."""
    objects = []
    for need in needs:
        fields = [(column, getattr(need, column)) for column in COLUMNS]
        fields += [("too_few_answers", need.too_few), ("withheld", need.withheld)]
        objects.append("{" + ", ".join(f"{json.dumps(k)}: {_json_value(v)}" for k, v in fields) + "}")
    return "[\n  " + ",\n  ".join(objects) + "\n]\n" if objects else "[]\n"
