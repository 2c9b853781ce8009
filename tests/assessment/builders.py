"""Test data for the assessment area: courses, banks and quizzes, and answers as a browser sends them."""

import itertools

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.assessment.question_types import item_id
from ecri_lms.assessment.services import add_fixed_slot, create_quiz, import_gift
from ecri_lms.catalogue.models import Course
from ecri_lms.infra.extensions import db

_counter = itertools.count(1)

SECRET = "SECRET-FEEDBACK"

# One question of every type; every feedback carries SECRET so a test can look for leaks.
EVERY_TYPE = f"""$CATEGORY: flow

::single::Which area weighs most in ESCA Gold?{{
=Strategy #{SECRET} one
~%50%Services #{SECRET} two
~%-50%Logo colour #{SECRET} three
~Weather
####{SECRET} general
}}

::multi::Pick the ESCA areas.{{~%50%Financing ~%50%Services ~%-100%Weather #{SECRET} four}}

::truefalse::A cluster is a single firm.{{F#{SECRET} five#{SECRET} six}}

::short::Name the process at the heart of a smart specialisation strategy.{{
=entrepreneurial discovery
=%50%discovery #{SECRET} seven
}}

::numeric::What is the location quotient, to one decimal place?{{#2.4:0.05#{SECRET} eight}}

::matching::Match each partner with its region.{{
=BIOIBAL -> Balearic Islands
=HBIO -> Greece
=LSK -> Lesser Poland
= -> Bavaria
}}

::essay::Describe your cluster's strategy.{{####{SECRET} nine}}
"""

# Right answers of EVERY_TYPE that appear nowhere in the question texts.
RIGHT_ANSWER_TEXTS = ("entrepreneurial discovery", "2.4")


def course(code: str | None = None, title: str | None = None, source: str = "app") -> Course:
    number = next(_counter)
    made = Course(code=code or f"QZ{number}", title=title or f"Quiz course {number}", level="foundation", source=source)
    db.session.add(made)
    db.session.commit()
    return made


def bank(target: Course, text: str = EVERY_TYPE, commit: bool = True):
    """Import GIFT into the course's bank; returns the questions by name."""
    report = import_gift(SYSTEM, target, text)
    assert report.errors == [], report.errors
    if commit:
        db.session.commit()
    return {question.name: question for question in report.questions}


def quiz(target: Course | None = None, text: str = EVERY_TYPE, slug: str = "final", **settings):
    """A quiz with one fixed slot per question of `text`, in file order."""
    target = target or course()
    questions = bank(target, text, commit=False)
    settings.setdefault("title", "Final quiz")
    made = create_quiz(SYSTEM, target, slug=slug, **settings)
    for question in questions.values():
        add_fixed_slot(SYSTEM, made, question)
    db.session.commit()
    return made


def choice_id(text: str) -> str:
    return item_id(text)


def right_values(question):
    """The form values that answer a question fully right."""
    spec = question.spec
    if question.qtype == "single_choice":
        return [choice_id(next(c["text"] for c in spec["choices"] if c["weight"] == 100))]
    if question.qtype == "multiple_response":
        return [choice_id(c["text"]) for c in spec["choices"] if c["weight"] > 0]
    if question.qtype == "true_false":
        return ["true" if spec["answer"] else "false"]
    if question.qtype in ("short_answer", "numerical"):
        answer = next(a for a in spec["answers"] if a["weight"] == 100)
        return [str(answer.get("text", answer.get("value")))]
    if question.qtype == "matching":
        return {item_id(pair["left"]): item_id(pair["right"]) for pair in spec["pairs"]}
    return ["My cluster focuses on diagnostics."]


def wrong_values(question):
    """The form values that answer a question wrong (or leave an essay blank)."""
    spec = question.spec
    if question.qtype in ("single_choice", "multiple_response"):
        return [choice_id(next(c["text"] for c in spec["choices"] if c["weight"] <= 0))]
    if question.qtype == "true_false":
        return ["false" if spec["answer"] else "true"]
    if question.qtype == "short_answer":
        return ["nothing like it"]
    if question.qtype == "numerical":
        return ["999999"]
    if question.qtype == "matching":
        lefts = [item_id(pair["left"]) for pair in spec["pairs"]]
        rights = [item_id(pair["right"]) for pair in spec["pairs"]]
        return dict(zip(lefts, rights[1:] + rights[:1], strict=True))
    return []


def form_data(question, values) -> dict:
    """`values` as the attempt form posts them (field names included)."""
    name = f"q{question.id}"
    if isinstance(values, dict):
        return {f"{name}-{prompt}": option for prompt, option in values.items()}
    return {name: values}
