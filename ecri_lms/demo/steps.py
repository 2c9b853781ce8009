"""The demo loader's steps, in order; each area adds its own step here."""

from ..scheduling.demo import load_schedule
from .people import load_people


def people_step(rng, context: dict) -> None:
    context["people"] = load_people(rng)


def scheduling_step(rng, context: dict) -> None:
    """Venues and runs: needs the courses of the catalogue step, so it comes after it."""
    context["scheduling"] = load_schedule(rng, context["people"])


DEMO_STEPS = [people_step, scheduling_step]
