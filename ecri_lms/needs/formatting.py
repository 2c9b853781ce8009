"""The ranking as text: CSV and JSON with exactly four decimals, for the command line and downloads."""

import csv
import io
import json
from decimal import Decimal

from .analysis import TopicNeed

COLUMNS = ("topic", "n", "importance", "competence", "gap", "mwds", "rank")


def _cell(value) -> str:
    return "" if value is None else str(value)


def ranking_csv(needs: list[TopicNeed]) -> str:
    """`topic,n,importance,competence,gap,mwds,rank`; a topic with too few answers has an empty rank."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for need in needs:
        writer.writerow([_cell(getattr(need, column)) for column in COLUMNS])
    return buffer.getvalue()


def _json_value(value) -> str:
    # Decimals are written as JSON numbers digit for digit, so "3.2500" keeps its four decimals.
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def ranking_json(needs: list[TopicNeed]) -> str:
    """A JSON array of objects with the CSV's columns and `too_few_answers`."""
    objects = []
    for need in needs:
        fields = [(column, getattr(need, column)) for column in COLUMNS] + [("too_few_answers", need.too_few)]
        objects.append("{" + ", ".join(f"{json.dumps(k)}: {_json_value(v)}" for k, v in fields) + "}")
    return "[\n  " + ",\n  ".join(objects) + "\n]\n" if objects else "[]\n"
