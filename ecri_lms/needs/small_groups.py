"""Figures about small groups are withheld: the one rule every page and export of survey and evaluation figures obeys.

A figure computed over fewer than `MIN_GROUP_SIZE` people (a mean, a distribution) is one person's
answer, or nearly: it is not shown (primary suppression). Hiding it is not enough when a total is
shown beside its parts (the consortium and its partners, a partner and its organisation types, a plan
and its runs): subtracting the shown parts from the total gives the hidden part back. So more cells
are hidden (secondary suppression) until
- no withheld small cell can be computed from the shown ones by adding and subtracting, and
- where a total is shown or can be computed, the parts hidden under it that cannot be computed count
  0 or at least `MIN_GROUP_SIZE` people together (what subtraction gives is then itself a group big
  enough to show).
Extra cells are chosen smallest first, a total only when none of its parts is left to hide.

Free-text comments are shown only from `MIN_COMMENTS` answers (a lone comment is recognisable).
Both thresholds are settings (`PRIVACY_MIN_GROUP_SIZE`, `PRIVACY_MIN_COMMENTS`).
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from flask import current_app

MIN_GROUP_SIZE = 5
MIN_COMMENTS = 3

Cell = Hashable


def min_group_size() -> int:
    """The fewest people a shown figure may be computed from (setting `PRIVACY_MIN_GROUP_SIZE`)."""
    return int(current_app.config.get("PRIVACY_MIN_GROUP_SIZE", MIN_GROUP_SIZE))


def min_comments() -> int:
    """The fewest answers below which no comment is shown (setting `PRIVACY_MIN_COMMENTS`)."""
    return int(current_app.config.get("PRIVACY_MIN_COMMENTS", MIN_COMMENTS))


def shown_comments(comments: Sequence[str], answers: int) -> list[str]:
    """The comments, or none at all when fewer than `min_comments()` people answered."""
    return list(comments) if answers >= min_comments() else []


@dataclass(frozen=True)
class Sum:
    """A shown total and the cells that add up to it (each person in exactly one part)."""

    total: Cell
    parts: tuple[Cell, ...]


def withheld(
    sizes: Mapping[Cell, int], sums: Iterable[Sum], threshold: int, fixed: Iterable[Cell] = ()
) -> frozenset[Cell]:
    """The cells to hide: those of fewer than `threshold` people, and the fewest more that keep them hidden.

    `sizes` gives each cell's number of people (a cell of 0 has no figure and needs no hiding). `fixed`
    cells are shown elsewhere whenever they are big enough (a run's own results): never chosen as extra.
    """
    sums = [s for s in sums if s.parts]
    hidden = {cell for cell, size in sizes.items() if 0 < size < threshold}
    small = frozenset(hidden)
    fixed = frozenset(fixed)
    while True:
        extra = _next_to_hide(sizes, sums, threshold, hidden, small, fixed)
        if extra is None:
            return frozenset(hidden)
        hidden.add(extra)


def _next_to_hide(sizes, sums, threshold, hidden, small, fixed) -> Cell | None:
    recovered = recoverable(sizes, sums, hidden)

    def known(cell) -> bool:
        return cell not in hidden or cell in recovered

    for relation in sums:
        under = sum(sizes.get(p, 0) for p in relation.parts if not known(p))
        if known(relation.total) and 0 < under < threshold:
            if recovered & set(relation.parts):  # hide what gives those parts back rather than the whole view
                return _breaking(sizes, sums, hidden, recovered, fixed)
            return _cheapest(sizes, relation, hidden, fixed) or _breaking(sizes, sums, hidden, recovered, fixed)
    return _breaking(sizes, sums, hidden, recovered, fixed) if recovered & small else None


def _breaking(sizes, sums, hidden, recovered, fixed) -> Cell | None:
    """A cell whose hiding breaks an equation that gives something back; failing that, the smallest shown."""
    choices = [_cheapest(sizes, r, hidden, fixed) for r in sums if recovered & {r.total, *r.parts}]
    choices = [c for c in choices if c is not None] or [
        c for c in sizes if c not in hidden and c not in fixed and sizes[c] > 0
    ]
    if not choices:
        return None
    totals = {r.total for r in sums}
    return min(choices, key=lambda c: (c in totals, sizes.get(c, 0), repr(c)))  # a total (a whole view) last


def _cheapest(sizes, relation: Sum, hidden, fixed) -> Cell | None:
    """The smallest shown part of the sum that may be hidden, or else its total."""
    shown = [p for p in relation.parts if p not in hidden and p not in fixed and sizes.get(p, 0) > 0]
    if shown:
        return min(shown, key=lambda p: (sizes[p], repr(p)))
    return None if relation.total in hidden or relation.total in fixed else relation.total


def recoverable(sizes: Mapping[Cell, int], sums: Iterable[Sum], hidden: Iterable[Cell]) -> set[Cell]:
    """The hidden cells whose value follows from the shown ones by adding and subtracting the sums.

    Each sum is an equation between its total and its parts; the hidden cells are the unknowns (a cell of
    0 people is known: it adds nothing). A hidden cell is recovered when its unit vector lies in the
    span of the equations restricted to the unknowns.
    """
    unknowns = sorted({c for c in hidden if sizes.get(c, 0) > 0}, key=repr)
    index = {cell: i for i, cell in enumerate(unknowns)}
    rows = []
    for relation in sums:
        row = [Fraction(0)] * len(unknowns)
        for part in relation.parts:
            if part in index:
                row[index[part]] += 1
        if relation.total in index:
            row[index[relation.total]] -= 1
        if any(row):
            rows.append(row)
    basis = _echelon(rows)
    rank = len(basis)
    return {cell for cell, i in index.items() if len(_echelon([*basis, _unit(len(unknowns), i)])) == rank}


def _unit(length: int, position: int) -> list[Fraction]:
    return [Fraction(int(i == position)) for i in range(length)]


def _echelon(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """The non-zero rows of the rows' echelon form (Gaussian elimination in exact fractions)."""
    rows = [list(row) for row in rows]
    basis: list[list[Fraction]] = []
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((row for row in rows if row[column] != 0), None)
        if pivot is None:
            continue
        rows.remove(pivot)
        rows = [[a - b * row[column] / pivot[column] for a, b in zip(row, pivot, strict=True)] for row in rows]
        basis.append(pivot)
    return basis
