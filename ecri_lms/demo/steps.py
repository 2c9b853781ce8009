"""The demo loader's steps, in order; each area adds its own step here."""

from .people import load_people


def people_step(rng, context: dict) -> None:
    context["people"] = load_people(rng)


DEMO_STEPS = [people_step]
