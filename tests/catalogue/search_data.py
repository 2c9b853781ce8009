"""A course on patents written in English and translated into Polish, Greek, Spanish and Italian, for the
search tests: each text uses its own inflected forms, so a word found in it is found by its stem."""

from ecri_lms.catalogue.models import Course, CourseTranslation, LessonTranslation
from ecri_lms.catalogue.search import refresh_search_text
from ecri_lms.infra.extensions import db

ENGLISH = (
    "Before the fair, file the application. "
    "A patent protects an invention for twenty years; licensing it brings income."
)
POLISH = ("Patenty i licencje", "Ochrona patentu trwa dwadzieścia lat od dnia zgłoszenia wynalazku w urzędzie.")
GREEK = (
    "Διπλώματα και άδειες",
    "Το δίπλωμα ευρεσιτεχνίας προστατεύει μια εφεύρεση για είκοσι χρόνια από την κατάθεση.",
)
SPANISH = ("Patentes y licencias", "Una patente protege una invención durante veinte años.")
ITALIAN = ("Brevetti e licenze", "Il brevetto protegge un'invenzione per vent'anni.")


def patent_course(make, code: str = "IP01", **kw) -> Course:
    """A course whose first lesson ("Protecting inventions") is translated into four languages, and whose
    second lesson says nothing of patents."""
    course = make.course(
        code,
        title="Intellectual property for SMEs",
        summary="Protect what your firm invents.",
        outcomes=("Decide when a patent is worth its cost.",),
        lessons=[ENGLISH, "Trade marks and designs."],
        **kw,
    )
    first = course.active_lessons[0]
    first.title = "Protecting inventions"
    first.translations = [
        LessonTranslation(language=language, title=title, body=body)
        for language, (title, body) in {"pl": POLISH, "el": GREEK, "es": SPANISH, "it": ITALIAN}.items()
    ]
    course.translations = [
        CourseTranslation(language="pl", title="Własność intelektualna", summary="Patenty dla małych firm."),
        CourseTranslation(language="el", title="Διανοητική ιδιοκτησία", summary="Διπλώματα για μικρές επιχειρήσεις."),
    ]
    refresh_search_text(course)
    db.session.commit()
    return course
