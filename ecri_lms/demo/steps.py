"""The demo loader's steps, in order; each area adds its own step here."""

from ..assessment.demo import load_assessments
from ..attendance.demo import load_attendance
from ..catalogue.demo import load_catalogue
from ..certificates.demo import load_certificates
from ..evaluations.demo import load_evaluations
from ..needs.demo import load_needs
from ..scheduling.demo import load_schedule
from .coursework import load_coursework
from .people import load_people


def people_step(rng, context: dict) -> None:
    context["people"] = load_people(rng)


def catalogue_step(rng, context: dict) -> None:
    context["courses"] = load_catalogue(rng, context["people"])


def scheduling_step(rng, context: dict) -> None:
    """Venues and runs: needs the courses of the catalogue step, so it comes after it."""
    context["scheduling"] = load_schedule(rng, context["people"])


def assessment_step(rng, context: dict) -> None:
    load_assessments(rng, context["people"])


def coursework_step(rng, context: dict) -> None:
    """Lessons and quizzes of the ended runs: needs the assessment step's quizzes, and comes before the
    attendance sheets are marked (see demo/coursework.py)."""
    load_coursework(rng, context["scheduling"]["runs"])


def attendance_step(rng, context: dict) -> None:
    """Attendance sheets of the demo runs' past sessions: needs the scheduling step's runs."""
    load_attendance(rng, context["scheduling"]["runs"])


def certificates_step(rng, context: dict) -> None:
    """After scheduling and assessment: certificates of the completed runs."""
    load_certificates()


def needs_step(rng, context: dict) -> None:
    load_needs(context["people"])


def evaluations_step(rng, context: dict) -> None:
    """Evaluations of the runs that have ended: needs the scheduling step's runs and registrations."""
    load_evaluations(rng)


DEMO_STEPS = [
    people_step,
    catalogue_step,
    scheduling_step,
    assessment_step,
    coursework_step,
    attendance_step,
    certificates_step,
    needs_step,
    evaluations_step,
]
