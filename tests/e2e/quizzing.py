"""Answering a quiz in the browser as a trainee who knows (or does not know) the answers.

The answer key is the question bank itself, read through the app: the page only names each
question by its id (`data-question`), and the test clicks, ticks, chooses and types like a person.
"""

from playwright.sync_api import Locator, Page
from sqlalchemy import select

from ecri_lms.assessment.models import Question
from ecri_lms.infra.extensions import db

WRONG_TEXT = "I am not sure"


def answer_every_question(page: Page, live_app, *, right: bool) -> int:
    """Answer all the questions of the attempt on the page, all right or all wrong; returns how many."""
    fieldsets = page.locator("fieldset.quiz-question").all()
    ids = [int(fieldset.get_attribute("data-question")) for fieldset in fieldsets]
    with live_app.app_context():
        specs = {
            question.id: (question.qtype, question.spec)
            for question in db.session.scalars(select(Question).where(Question.id.in_(ids)))
        }
    for fieldset, question_id in zip(fieldsets, ids, strict=True):
        answer(fieldset, *specs[question_id], right)
    return len(fieldsets)


def answer(fieldset: Locator, qtype: str, spec: dict, right: bool) -> None:
    """Give one question's answer through its widgets."""
    if qtype == "single_choice":
        choices = [c for c in spec["choices"] if (c["weight"] == 100) == right]
        fieldset.get_by_label(choices[0]["text"], exact=True).check()
    elif qtype == "multiple_response":
        for choice in spec["choices"]:
            if (choice["weight"] > 0) == right:
                fieldset.get_by_label(choice["text"], exact=True).check()
    elif qtype == "true_false":
        fieldset.get_by_label("True" if spec["answer"] == right else "False", exact=True).check()
    elif qtype == "short_answer":
        best = max(spec["answers"], key=lambda a: a["weight"])["text"]
        fieldset.get_by_label("Your answer").fill(best if right else WRONG_TEXT)
    elif qtype == "numerical":
        best = max(spec["answers"], key=lambda a: a["weight"])
        value = float(best["value"] if "value" in best else best["min"])
        fieldset.get_by_label("Your answer (a number)").fill(f"{value:g}" if right else f"{value * 10 + 1:g}")
    elif qtype == "matching":
        rights = [pair["right"] for pair in spec["pairs"]]
        chosen = rights if right else rights[1:] + rights[:1]
        for pair, option in zip(spec["pairs"], chosen, strict=True):
            fieldset.get_by_label(pair["left"], exact=True).select_option(label=option)
    elif qtype == "essay":
        fieldset.get_by_label("Your answer").fill(
            "We mapped our members onto the value chain and chose two priority segments with the board."
        )
    else:
        raise AssertionError(f"the journey does not know how to answer a {qtype} question")
