"""The demo loader's steps, in order; each area adds its own step here."""

from ..assessment.demo import load_assessments
from .people import load_people


def people_step(rng, context: dict) -> None:
    context["people"] = load_people(rng)


def assessment_step(rng, context: dict) -> None:
    load_assessments(rng, context["people"])


DEMO_STEPS = [people_step, assessment_step]
