"""A content course's quiz with a Greek translation, written to a folder, for the translated-quiz tests."""

from pathlib import Path

from sqlalchemy import select

from ecri_lms.assessment.models import Quiz
from ecri_lms.assessment.services import load_course_quizzes, read_quiz_entries
from ecri_lms.infra.extensions import db
from tests.assessment import builders

ORIGINAL = """$CATEGORY: TC1/final

// [id:TC1-final-01]
// [tag:scenario]
::Heart::Which service should the Cala Blava Health Cluster keep?{
=The MDR workshops #Right, they are the heart.
~The newsletter #Not the heart.
~The logo #No.
}

// [id:TC1-final-02]
::Discovery::Name the process at the heart of a smart specialisation strategy.{
=entrepreneurial discovery #Right.
=%50%discovery #Half right.
}

// [id:TC1-final-03]
::Quotient::What is the location quotient, to one decimal place?{#2.4:0.05#Right.}

// [id:TC1-final-04]
::Regions::Match each partner with its region.{
=BIOIBAL -> Balearic Islands
=HBIO -> Greece
= -> Bavaria
}

// [id:TC1-final-05]
::Single firm::A cluster is a single firm.{F#Wrong: many firms.#Right.}
"""

GREEK = """// translated_from: 000000000000
$CATEGORY: TC1/final

// [id:TC1-final-01]
// [tag:scenario]
::Καρδιά::Ποια υπηρεσία πρέπει να κρατήσει ο Cala Blava Health Cluster;{
=Τα εργαστήρια MDR #Σωστά, είναι η καρδιά.
~Το ενημερωτικό δελτίο #Όχι η καρδιά.
~Το λογότυπο #Όχι.
}

// [id:TC1-final-02]
::Ανακάλυψη::Πώς λέγεται η διαδικασία στην καρδιά μιας στρατηγικής έξυπνης εξειδίκευσης;{
=επιχειρηματική ανακάλυψη #Σωστά.
=%50%ανακάλυψη #Μισή απάντηση.
}

// [id:TC1-final-03]
::Πηλίκο::Ποιο είναι το πηλίκο χωροθέτησης, με ένα δεκαδικό ψηφίο;{#2.4:0.05#Σωστά.}

// [id:TC1-final-04]
::Περιφέρειες::Αντιστοιχίστε κάθε εταίρο με την περιφέρειά του.{
=BIOIBAL -> Βαλεαρίδες Νήσοι
=HBIO -> Ελλάδα
= -> Βαυαρία
}

// [id:TC1-final-05]
::Μία επιχείρηση::Ένας συνεργατικός σχηματισμός είναι μία επιχείρηση.{F#Λάθος: πολλές επιχειρήσεις.#Σωστά.}
"""

QUIZ_ENTRY = (
    "  - slug: final\n    title: Final quiz\n    file: quiz.gift\n    pass_mark: 60\n"
    "    attempts: 0\n    time_limit_minutes: 0\n    shuffle: true\n"
)


def write(root: Path, original: str = ORIGINAL, translations: dict[str, str] | None = None) -> Path:
    """The course folder courses/TC1 under `root`, with its quiz and the given translations ({"el": GREEK})."""
    course_dir = root / "courses" / "TC1"
    course_dir.mkdir(parents=True, exist_ok=True)
    (course_dir / "index.md").write_text(f"---\ncode: TC1\ntitle: Test\nquizzes:\n{QUIZ_ENTRY}---\nBody\n")
    (course_dir / "quiz.gift").write_text(original)
    for language, text in (translations if translations is not None else {"el": GREEK}).items():
        (course_dir / "translations" / language).mkdir(parents=True, exist_ok=True)
        (course_dir / "translations" / language / "quiz.gift").write_text(text)
    return course_dir


def load(course, course_dir: Path) -> list:
    """Load the course's quizzes as the content sync does; returns the problems."""
    entries, problems = read_quiz_entries(course_dir / "index.md")
    assert problems == []
    return load_course_quizzes(course, course_dir, entries)


def translated_quiz(root: Path) -> Quiz:
    """A content course TC1 whose final quiz has a Greek translation, loaded and committed."""
    course = builders.course(code="TC1", source="content")
    assert load(course, write(root)) == []
    db.session.commit()
    return db.session.scalar(select(Quiz).where(Quiz.course_id == course.id))


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of `text` where `fragment` first appears."""
    return next(number for number, line in enumerate(text.split("\n"), 1) if fragment in line)
