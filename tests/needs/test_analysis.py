"""The Borich analysis on data small enough to compute by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ecri_lms.needs.analysis import (
    Rating,
    analyse,
    area_means,
    compare_rankings,
    round_half_up,
    strengths_and_weaknesses,
    top_topics,
)
from tests.needs.builders import HAND_DATA


def hand_ratings() -> list[Rating]:
    ratings = [
        Rating(index + 1, topic, i, c)
        for topic, (importances, competences) in HAND_DATA.items()
        for index, (i, c) in enumerate(zip(importances, competences, strict=True))
    ]
    return ratings + [Rating(6, "FIN", 5, None)]


def by_topic(needs):
    return {need.topic: need for need in needs}


def test_mwds_matches_the_hand_computation():
    needs = by_topic(analyse(hand_ratings()))
    # FIN: n = 5 (respondent 6 gave no competence). Ī = 21/5 = 4.2, C̄ = 11/5 = 2.2, gap = 2.0;
    #      D = 3,1,4,0,2, Σ D = 10, MWDS = (1/5) · Σ D · Ī = 10 · 4.2 / 5 = 8.4
    fin = needs["FIN"]
    assert (fin.n, fin.importance, fin.competence, fin.gap, fin.mwds) == (
        5,
        Decimal("4.2000"),
        Decimal("2.2000"),
        Decimal("2.0000"),
        Decimal("8.4000"),
    )
    # GOV: Ī = 15/5 = 3, C̄ = 10/5 = 2, D = 0,1,2,0,2, Σ D = 5, MWDS = 5 · 3 / 5 = 3
    gov = needs["GOV"]
    assert (gov.importance, gov.competence, gov.gap, gov.mwds) == (
        Decimal("3.0000"),
        Decimal("2.0000"),
        Decimal("1.0000"),
        Decimal("3.0000"),
    )
    # REG: n = 6, Ī = 25/6 = 4.16666… → 4.1667, C̄ = 15/6 = 2.5, gap = 10/6 = 1.6666… → 1.6667;
    #      D = 3,2,1,0,1,3, Σ D = 10, MWDS = 10 · (25/6) / 6 = 250/36 = 6.94444… → 6.9444
    reg = needs["REG"]
    assert (reg.n, reg.importance, reg.competence, reg.gap, reg.mwds) == (
        6,
        Decimal("4.1667"),
        Decimal("2.5000"),
        Decimal("1.6667"),
        Decimal("6.9444"),
    )
    # IP: Ī = 5, C̄ = 1, MWDS = 4 · 5 = 20, but only four answers.
    assert needs["IP"].mwds == Decimal("20.0000") and needs["IP"].n == 4


def test_ranked_by_mwds_and_the_topic_with_four_answers_is_flagged_not_ranked():
    needs = analyse(hand_ratings())
    assert [(n.topic, n.rank, n.too_few) for n in needs] == [
        ("FIN", 1, False),
        ("REG", 2, False),
        ("GOV", 3, False),
        ("IP", None, True),
    ]


def test_rank_all_ranks_small_topics_but_keeps_the_flag():
    needs = by_topic(analyse(hand_ratings(), rank_all=True))
    assert needs["IP"].rank == 1 and needs["IP"].too_few
    assert needs["FIN"].rank == 2


def test_topics_nobody_rated_are_listed_last_with_no_figures():
    needs = analyse(hand_ratings(), topics=["ECON", "FIN"])
    assert needs[-1].topic == "ECON"
    assert (needs[-1].n, needs[-1].mwds, needs[-1].rank, needs[-1].too_few) == (0, None, None, True)


def test_equal_mwds_is_broken_by_mean_importance_then_by_code():
    # FIN: I = 4 ×6, C = 2,2,3,3,2,3 → mean D = 9/6 = 1.5, MWDS = 1.5 · 4 = 6
    # GOV and COMM: I = 3 ×6, C = 1 ×6 → mean D = 2, MWDS = 2 · 3 = 6 (lower importance than FIN)
    ratings = [Rating(r, "FIN", 4, c) for r, c in enumerate([2, 2, 3, 3, 2, 3])]
    ratings += [Rating(r, code, 3, 1) for code in ("GOV", "COMM") for r in range(6)]
    needs = analyse(ratings)
    assert {n.mwds for n in needs} == {Decimal("6.0000")}
    assert [(n.topic, n.rank) for n in needs] == [("FIN", 1), ("COMM", 2), ("GOV", 3)]


def test_ranking_uses_exact_values_not_the_rounded_ones():
    # A: n = 10005, Σ D = 5, Ī = 10010/10005 → MWDS = 50050/100100025 ≈ 0.00049998
    # B: n = 10006, Σ D = 5, Ī = 10011/10006 → MWDS = 50055/100120036 ≈ 0.00049995; both show 0.0005.
    a = [Rating(r, "A", i, c) for r, (i, c) in enumerate([(2, 1)] * 5 + [(1, 1)] * 10000)]
    b = [Rating(r, "B", i, c) for r, (i, c) in enumerate([(2, 1)] * 5 + [(1, 1)] * 10001)]
    needs = analyse(a + b)
    assert needs[0].mwds == needs[1].mwds  # identical once rounded …
    assert [n.topic for n in needs] == ["A", "B"]  # … but A's exact MWDS is larger
    assert needs[0].exact_mwds > needs[1].exact_mwds


@pytest.mark.parametrize(
    "value, expected",
    [
        (Fraction(12345, 100000), "0.1235"),
        (Fraction(-12345, 100000), "-0.1235"),
        (Fraction(12344999, 100000000), "0.1234"),
        (Fraction(2, 3), "0.6667"),
        (Fraction(-1, 100000), "0.0000"),
        (Fraction(7), "7.0000"),
    ],
)
def test_rounding_is_half_away_from_zero_to_four_decimals(value, expected):
    assert str(round_half_up(value)) == expected


def test_negative_gaps_are_kept_when_competence_exceeds_importance():
    needs = analyse([Rating(r, "PERF", 2, 4) for r in range(5)])
    assert (needs[0].gap, needs[0].mwds) == (Decimal("-2.0000"), Decimal("-4.0000"))


def test_the_same_respondent_rating_a_topic_twice_is_an_error():
    with pytest.raises(ValueError, match="twice"):
        analyse([Rating(1, "FIN", 3, 3), Rating(1, "FIN", 4, 4)])


def test_top_topics_never_include_unranked_ones():
    assert [n.topic for n in top_topics(analyse(hand_ratings()), 10)] == ["FIN", "REG", "GOV"]


def test_area_means_average_the_ranked_topics_of_each_area():
    needs = analyse(hand_ratings())
    means = area_means(needs, {"FIN": "financing", "GOV": "governance", "REG": "value_chain", "IP": "value_chain"})
    # value_chain: only REG has enough answers (IP has four), so its mean is REG's exact MWDS 250/36.
    assert means == {"financing": Fraction(42, 5), "governance": Fraction(3), "value_chain": Fraction(250, 36)}


def test_strengths_and_weaknesses_combine_survey_and_self_assessment():
    need = {"financing": Fraction(9), "governance": Fraction(1), "strategy": Fraction(2), "contacts": Fraction(6)}
    strengths, weaknesses = strengths_and_weaknesses(need, {"financing": 2, "strategy": 5}, highlighted=1)
    assert [(f.area, f.reason) for f in strengths] == [
        ("governance", "lowest training need in the survey (mean MWDS 1.00)"),
        ("strategy", "self-assessed 5/5"),
    ]
    assert [(f.area, f.reason) for f in weaknesses] == [
        ("financing", "highest training need in the survey (mean MWDS 9.00); self-assessed 2/5")
    ]


def test_a_later_survey_is_compared_topic_by_topic_with_an_earlier_one():
    earlier = analyse(hand_ratings())
    # Later: FIN's gap closed to 1 for everyone (I = 4, C = 3 ×5 → MWDS = 1 · 4 = 4); GOV unchanged; ECON new.
    later_ratings = [Rating(r, "FIN", 4, 3) for r in range(5)] + [Rating(r, "ECON", 4, 2) for r in range(5)]
    later_ratings += [r for r in hand_ratings() if r.topic == "GOV"]
    changes = {c.topic: c for c in compare_rankings(earlier, analyse(later_ratings))}
    assert (changes["FIN"].previous_rank, changes["FIN"].current_rank, changes["FIN"].mwds_change) == (
        1,
        2,
        Decimal("-4.4000"),
    )
    assert changes["ECON"].previous_rank is None and changes["ECON"].mwds_change is None
    assert changes["GOV"].mwds_change == Decimal("0.0000")
