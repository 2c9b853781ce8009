"""The demo loader's steps, in order; each area adds its own step here."""

from ..catalogue.demo import load_catalogue
from ..needs.demo import load_needs
from .people import load_people


def people_step(rng, context: dict) -> None:
    context["people"] = load_people(rng)


def catalogue_step(rng, context: dict) -> None:
    context["courses"] = load_catalogue(rng, context["people"])


def needs_step(rng, context: dict) -> None:
    load_needs(context["people"])


DEMO_STEPS = [people_step, catalogue_step, needs_step]
