"""Borich needs analysis: topics ranked by mean weighted discrepancy score (MWDS), exactly.

Pure functions over plain rows, so every figure can be checked by hand and tested without a
database. For topic j, over the n_j respondents who gave both ratings:

    Ī_j = mean importance, C̄_j = mean competence, gap_j = Ī_j − C̄_j,
    MWDS_j = (1/n_j) · Σ_i (I_ij − C_ij) · Ī_j

Arithmetic is done in exact fractions; each figure is rounded once, at the end, to four decimals,
half away from zero (what Python's Decimal calls ROUND_HALF_UP: 0.12345 → 0.1235, −0.12345 →
−0.1235). Ranking uses the exact values, never the rounded ones.
"""

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..infra.i18n import gettext as _
from .locale_format import fixed

MIN_ANSWERS = 5
PLACES = 4
HIGHLIGHTED_AREAS = 2


@dataclass(frozen=True)
class Rating:
    """One respondent's ratings of one topic; None is "no answer"."""

    respondent: Hashable
    topic: str
    importance: int | None
    competence: int | None


@dataclass(frozen=True)
class TopicNeed:
    """A topic's figures, rounded for display; `exact_mwds` keeps the value used for ranking."""

    topic: str
    n: int
    importance: Decimal | None
    competence: Decimal | None
    gap: Decimal | None
    mwds: Decimal | None
    rank: int | None
    too_few: bool
    withheld: bool = False  # figures hidden to protect a small group (needs.small_groups)
    exact_importance: Fraction | None = field(default=None, compare=False, repr=False)
    exact_competence: Fraction | None = field(default=None, compare=False, repr=False)
    exact_mwds: Fraction | None = field(default=None, compare=False, repr=False)


def round_half_up(value: Fraction, places: int = PLACES) -> Decimal:
    """The exact value rounded to `places` decimals, ties away from zero, with the zeros kept."""
    units = int(abs(value) * 10**places + Fraction(1, 2))
    return Decimal(units if value >= 0 else -units).scaleb(-places)


@dataclass(frozen=True)
class Totals:
    """A topic's answers that have both ratings: how many, and the sum of each rating.

    All the figures follow from these three integers, so the database can add them up.
    """

    n: int = 0
    importance: int = 0
    competence: int = 0

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(self.n + other.n, self.importance + other.importance, self.competence + other.competence)


def _totals_by_topic(ratings: Iterable[Rating]) -> dict[str, Totals]:
    totals: dict[str, Totals] = defaultdict(Totals)
    seen: set[tuple[Hashable, str]] = set()
    for rating in ratings:
        key = (rating.respondent, rating.topic)
        if key in seen:
            raise ValueError(f"respondent {rating.respondent!r} rated topic {rating.topic} twice")
        seen.add(key)
        if rating.importance is not None and rating.competence is not None:
            totals[rating.topic] += Totals(1, rating.importance, rating.competence)
    return totals


@dataclass(frozen=True)
class _Exact:
    topic: str
    n: int
    importance: Fraction | None = None
    competence: Fraction | None = None
    mwds: Fraction | None = None


def _exact(topic: str, totals: Totals) -> _Exact:
    n = totals.n
    if n == 0:
        return _Exact(topic, 0)
    mean_importance = Fraction(totals.importance, n)
    mean_competence = Fraction(totals.competence, n)
    # (1/n)·Σ(I−C)·Ī = Ī·(ΣI − ΣC)/n: the same exact value from the two sums.
    mwds = mean_importance * Fraction(totals.importance - totals.competence, n)
    return _Exact(topic, n, mean_importance, mean_competence, mwds)


def _order_key(figures: _Exact) -> tuple:
    """MWDS descending, then mean importance descending, then topic code ascending."""
    if figures.mwds is None:
        return (1, 0, 0, figures.topic)
    return (0, -figures.mwds, -figures.importance, figures.topic)


def _rounded(value: Fraction | None) -> Decimal | None:
    return None if value is None else round_half_up(value)


def analyse(
    ratings: Iterable[Rating], topics: Sequence[str] = (), *, min_answers: int = MIN_ANSWERS, rank_all: bool = False
) -> list[TopicNeed]:
    """Every topic's figures, ranked ones first in rank order, then the topics with too few answers.

    `topics` lists topics to report even when nobody rated them; topics that appear in the
    ratings are always reported. With `rank_all`, topics with fewer than `min_answers` (but at
    least one) answers are ranked too, still flagged.
    """
    return analyse_totals(_totals_by_topic(ratings), topics, min_answers=min_answers, rank_all=rank_all)


def analyse_totals(
    totals: Mapping[str, Totals],
    topics: Sequence[str] = (),
    *,
    min_answers: int = MIN_ANSWERS,
    rank_all: bool = False,
    withheld: Collection[str] = (),
) -> list[TopicNeed]:
    """`analyse` from each topic's totals (as the database sums them) rather than from single ratings.

    Topics in `withheld` keep only their number of answers: no figure, no rank.
    """
    codes = list(dict.fromkeys([*topics, *sorted(code for code, t in totals.items() if t.n)]))
    figures = sorted(
        (
            _Exact(code, totals.get(code, Totals()).n) if code in withheld else _exact(code, totals.get(code, Totals()))
            for code in codes
        ),
        key=_order_key,
    )
    ranked = [f for f in figures if f.mwds is not None and (f.n >= min_answers or rank_all)]
    ranks = {f.topic: position for position, f in enumerate(ranked, start=1)}
    rest = [f for f in figures if f.topic not in ranks]
    return [
        TopicNeed(
            topic=f.topic,
            n=f.n,
            importance=_rounded(f.importance),
            competence=_rounded(f.competence),
            gap=_rounded(None if f.mwds is None else f.importance - f.competence),
            mwds=_rounded(f.mwds),
            rank=ranks.get(f.topic),
            too_few=f.n < min_answers,
            withheld=f.topic in withheld,
            exact_importance=f.importance,
            exact_competence=f.competence,
            exact_mwds=f.mwds,
        )
        for f in [*ranked, *rest]
    ]


def top_topics(needs: Sequence[TopicNeed], count: int) -> list[TopicNeed]:
    """The `count` best-ranked topics (topics with too few answers are never among them unless ranked)."""
    return [need for need in needs if need.rank is not None][:count]


@dataclass(frozen=True)
class RankChange:
    """A topic's place and MWDS in an earlier survey and in a later one."""

    topic: str
    previous_rank: int | None
    current_rank: int | None
    previous_mwds: Decimal | None
    current_mwds: Decimal | None
    mwds_change: Decimal | None  # later minus earlier: negative means the need shrank


def compare_rankings(previous: Sequence[TopicNeed], current: Sequence[TopicNeed]) -> list[RankChange]:
    """The later survey's topics in its order, each beside its rank and MWDS in the earlier one."""
    before = {need.topic: need for need in previous}
    changes = []
    for need in current:
        old = before.get(need.topic)
        old_mwds = old.exact_mwds if old else None
        change = None if old_mwds is None or need.exact_mwds is None else need.exact_mwds - old_mwds
        changes.append(
            RankChange(
                need.topic, old.rank if old else None, need.rank, old.mwds if old else None, need.mwds, _rounded(change)
            )
        )
    return changes


def area_means(needs: Iterable[TopicNeed], area_of: Mapping[str, str]) -> dict[str, Fraction]:
    """Mean MWDS per area over its topics with enough answers and shown figures; an area with none is left out."""
    values: dict[str, list[Fraction]] = defaultdict(list)
    for need in needs:
        if not need.too_few and need.exact_mwds is not None and need.topic in area_of:
            values[area_of[need.topic]].append(need.exact_mwds)
    return {area: sum(scores, Fraction(0)) / len(scores) for area, scores in values.items()}


@dataclass(frozen=True)
class Finding:
    """An area called a strength or a weakness, and why."""

    area: str
    reason: str


def _merged(reasons: list[tuple[str, str]]) -> list[Finding]:
    """One finding per area, its reasons joined in the order found."""
    by_area: dict[str, list[str]] = {}
    for area, reason in reasons:
        by_area.setdefault(area, []).append(reason)
    return [Finding(area, "; ".join(texts)) for area, texts in by_area.items()]


def _mean(value: Fraction) -> str:
    return fixed(round_half_up(value, 2), 2)


def strengths_and_weaknesses(
    need_by_area: Mapping[str, Fraction], self_scores: Mapping[str, int], highlighted: int = HIGHLIGHTED_AREAS
) -> tuple[list[Finding], list[Finding]]:
    """Strengths: the areas of lowest survey need and those self-assessed 4–5.
    Weaknesses: the areas of highest survey need and those self-assessed 1–2.
    """
    by_need = sorted(need_by_area, key=lambda area: (need_by_area[area], area))
    lowest = by_need[:highlighted]
    highest = [area for area in reversed(by_need[-highlighted:]) if area not in lowest]
    strengths = [
        (a, _("lowest training need in the survey (mean MWDS %(mwds)s)", mwds=_mean(need_by_area[a]))) for a in lowest
    ]
    weaknesses = [
        (a, _("highest training need in the survey (mean MWDS %(mwds)s)", mwds=_mean(need_by_area[a]))) for a in highest
    ]
    strengths += [(a, _("self-assessed %(score)d/5", score=s)) for a, s in sorted(self_scores.items()) if s >= 4]
    weaknesses += [(a, _("self-assessed %(score)d/5", score=s)) for a, s in sorted(self_scores.items()) if s <= 2]
    return _merged(strengths), _merged(weaknesses)
