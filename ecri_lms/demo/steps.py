"""The demo loader's steps, in order; each area adds its own step here."""

from ..needs.demo import load_needs
from .people import load_people


def people_step(rng, context: dict) -> None:
    context["people"] = load_people(rng)


def needs_step(rng, context: dict) -> None:
    load_needs(context["people"])


DEMO_STEPS = [people_step, needs_step]
