"""Closing the loop after training (Kirkpatrick levels 1 and 2): the needs side.

After a run its trainees answer a short evaluation, stored by the evaluations area: level 1, the
run's usefulness, trainer and organisation (1–5) and a comment; level 2,
their competence now in each of the run's topics (1–5). The needs area puts those level-2 ratings
beside what the partner's survey respondents said before training: per partner and topic, the mean
competence before (the survey's C̄) and the mean competence after. Survey answers are anonymous, so
the comparison is by partner and topic, never by person.

Whoever stores the evaluations registers a provider (`register_provider`); until then
`evaluations_available()` is False and the needs page says so instead of showing numbers.
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from flask import Flask, current_app

from .analysis import TopicNeed, round_half_up

EXTENSION_KEY = "ecri_lms.needs.evaluations"
UNAVAILABLE_MESSAGE = "Competence after training appears once trainees have evaluated their runs."


@dataclass(frozen=True)
class CompetenceAfter:
    """One trainee's level-2 rating of their competence in one topic of a run they took."""

    partner_id: int
    topic: str
    competence: int


# (partner ids) → the level-2 ratings given by trainees of those partners.
EvaluationsProvider = Callable[[Collection[int]], Sequence[CompetenceAfter]]


def register_provider(app: Flask, provider: EvaluationsProvider) -> None:
    """Called by the area that stores post-training evaluations, at start-up."""
    app.extensions[EXTENSION_KEY] = provider


def evaluations_available() -> bool:
    return current_app.extensions.get(EXTENSION_KEY) is not None


def after_training(partner_ids: Collection[int]) -> list[CompetenceAfter]:
    """The registered provider's ratings for these partners; call only when `evaluations_available()`."""
    return list(current_app.extensions[EXTENSION_KEY](partner_ids))


@dataclass(frozen=True)
class BeforeAfter:
    topic: str
    n_before: int
    before: Decimal | None
    n_after: int
    after: Decimal | None
    change: Decimal | None  # after minus before


def before_after(needs: Sequence[TopicNeed], after: Sequence[CompetenceAfter]) -> list[BeforeAfter]:
    """Mean competence before (from one partner's survey figures) and after training, topic by topic."""
    ratings: dict[str, list[int]] = defaultdict(list)
    for rating in after:
        ratings[rating.topic].append(rating.competence)
    rows = []
    for need in needs:
        scores = ratings.get(need.topic, [])
        mean_after = Fraction(sum(scores), len(scores)) if scores else None
        change = None if mean_after is None or need.exact_competence is None else mean_after - need.exact_competence
        rows.append(
            BeforeAfter(
                need.topic,
                need.n,
                need.competence,
                len(scores),
                None if mean_after is None else round_half_up(mean_after),
                None if change is None else round_half_up(change),
            )
        )
    return rows
