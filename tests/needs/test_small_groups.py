"""The small-group rule: a hidden figure cannot be recovered by subtracting shown ones (pure, no database)."""

import random

import pytest

from ecri_lms.needs.small_groups import Sum, recoverable, withheld

THRESHOLD = 5


def subtraction_attack(values: dict, sums: list[Sum], hidden: frozenset) -> dict:
    """What an attacker works out from the shown cells: any sum with one unknown member gives it, repeatedly."""
    known = {cell: value for cell, value in values.items() if cell not in hidden}
    found = True
    while found:
        found = False
        for relation in sums:
            members = [relation.total, *relation.parts]
            unknown = [m for m in members if m not in known]
            if len(unknown) != 1:
                continue
            (cell,) = unknown
            parts = sum(known[p] for p in relation.parts if p in known)
            known[cell] = parts if cell == relation.total else known[relation.total] - parts
            found = True
    return {cell: known[cell] for cell in hidden if cell in known}


def grid(sizes_by_leaf: dict) -> tuple[dict, list[Sum]]:
    """A two-way table (rows × columns) with its margins, sized from its inner cells."""
    rows = sorted({r for r, _ in sizes_by_leaf})
    columns = sorted({c for _, c in sizes_by_leaf})
    sizes = dict(sizes_by_leaf)
    for r in rows:
        sizes[(r, None)] = sum(sizes_by_leaf[(r, c)] for c in columns)
    for c in columns:
        sizes[(None, c)] = sum(sizes_by_leaf[(r, c)] for r in rows)
    sizes[(None, None)] = sum(sizes_by_leaf.values())
    sums = [Sum((r, None), tuple((r, c) for c in columns)) for r in rows]
    sums += [Sum((None, c), tuple((r, c) for r in rows)) for c in columns]
    sums += [Sum((None, None), tuple((r, None) for r in rows)), Sum((None, None), tuple((None, c) for c in columns))]
    return sizes, sums


def test_one_group_below_the_threshold_hides_another_so_the_total_gives_nothing_back():
    sizes = {"total": 23, "sme": 12, "research": 8, "public": 3}
    sums = [Sum("total", ("sme", "research", "public"))]
    hidden = withheld(sizes, sums, THRESHOLD)
    assert "public" in hidden and len(hidden) >= 2
    assert "research" in hidden  # the smallest shown part: 3 + 8 people hidden together, at least five
    values = {"total": 100, "sme": 50, "research": 35, "public": 15}
    assert subtraction_attack(values, sums, hidden) == {}


def test_a_group_that_is_the_whole_total_hides_the_total():
    sizes = {"partner": 2, "sme": 2, "research": 0}
    hidden = withheld(sizes, [Sum("partner", ("sme", "research"))], THRESHOLD)
    assert hidden == {"sme", "partner"}


def test_two_small_groups_that_together_are_still_small_hide_a_third():
    sizes = {"total": 30, "a": 1, "b": 2, "c": 27}
    hidden = withheld(sizes, [Sum("total", ("a", "b", "c"))], THRESHOLD)
    assert hidden == {"a", "b", "c"}  # 1 + 2 people would be the total less c: c is hidden too


def test_big_groups_hide_nothing():
    sizes = {"total": 15, "a": 5, "b": 10}
    assert withheld(sizes, [Sum("total", ("a", "b"))], THRESHOLD) == frozenset()


def test_a_cell_hidden_in_a_row_is_not_given_back_by_its_column():
    # HBIO: 6 SMEs and 1 research body; LSK: 5 SMEs. Hiding HBIO's SMEs alone would let the SME column
    # (11 − LSK's 5) give them back, and then HBIO's total the research body.
    sizes, sums = grid({("HBIO", "sme"): 6, ("HBIO", "research"): 1, ("LSK", "sme"): 5, ("LSK", "research"): 0})
    hidden = withheld(sizes, sums, THRESHOLD)
    values = {cell: 3 * size + 1 for cell, size in sizes.items()}
    assert ("HBIO", "research") in hidden
    assert ("HBIO", "research") not in subtraction_attack(values, sums, hidden)
    assert ("HBIO", "research") not in recoverable(sizes, sums, hidden)


@pytest.mark.parametrize("seed", range(200))
def test_random_tables_never_give_a_small_group_back(seed):
    chance = random.Random(seed)
    rows, columns = chance.randint(1, 4), chance.randint(1, 5)
    leaves = {(r, c): chance.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 30]) for r in range(rows) for c in range(columns)}
    sizes, sums = grid(leaves)
    hidden = withheld(sizes, sums, THRESHOLD)
    small = {cell for cell, size in sizes.items() if 0 < size < THRESHOLD}
    assert small <= hidden
    values = _consistent(leaves, chance)
    assert not small & set(subtraction_attack(values, sums, hidden))
    recovered = recoverable(sizes, sums, hidden)
    assert not small & recovered
    for relation in sums:  # what a shown or worked-out total less its known parts gives is a big enough group
        under = sum(sizes[p] for p in relation.parts if p in hidden - recovered)
        assert (relation.total in hidden - recovered) or under == 0 or under >= THRESHOLD


def _consistent(leaves: dict, chance: random.Random) -> dict:
    """Values (sums of ratings) for every cell of the grid that add up along rows and columns."""
    inner = {cell: chance.randint(size, 5 * size) for cell, size in leaves.items()}
    values = dict(inner)
    for r in {r for r, _ in leaves}:
        values[(r, None)] = sum(v for (row, _), v in inner.items() if row == r)
    for c in {c for _, c in leaves}:
        values[(None, c)] = sum(v for (_, column), v in inner.items() if column == c)
    values[(None, None)] = sum(inner.values())
    return values
