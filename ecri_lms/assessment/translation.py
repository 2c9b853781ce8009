"""A question's translation lined up with its original: the same structure, only the texts differ. Pure code.

A trainee's response always names the original's choices (a choice's id comes from its original text), so an
attempt is scored on the original question whatever language it was read in. These functions check that a
translated question can stand for its original, put the translated texts on the original's ids for the
attempt page, and map a response onto the translation's ids for the review page.
"""

from __future__ import annotations

from typing import Any

from .question_types import Question, get_type, item_id

CHOICE_TYPES = ("single_choice", "multiple_response")


def _marks(answers: list[dict]) -> str:
    return ", ".join(f"{answer['weight']:g}%" for answer in answers)


def _option_texts(spec: dict) -> list[str]:
    """A matching question's options: the right sides (each once) and the distractors (as the type lists them)."""
    return list(dict.fromkeys([pair["right"] for pair in spec["pairs"]] + spec["distractors"]))


def _right_pattern(spec: dict) -> list[int]:
    """Which option each prompt is matched with, by position: two prompts may share an option."""
    options = _option_texts(spec)
    return [options.index(pair["right"]) for pair in spec["pairs"]]


def _without_texts(value: Any) -> Any:
    """A spec with every text blanked: what a question type the checks below do not know must keep."""
    if isinstance(value, dict):
        return {key: _without_texts(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_texts(item) for item in value]
    return None if isinstance(value, str) else value


def structure_problem(original: Question, translated: Question) -> str | None:
    """Why `translated` cannot stand for `original` (type, format, answers, their order and marks), or None."""
    if translated.qtype != original.qtype:
        return (
            f"it is a {get_type(translated.qtype).label.lower()} question; the original is a "
            f"{get_type(original.qtype).label.lower()} question"
        )
    if translated.text_format != original.text_format:
        return f"its text format is [{translated.text_format}]; the original's is [{original.text_format}]"
    o, t = original.spec, translated.spec
    qtype = original.qtype
    if qtype in CHOICE_TYPES or qtype == "short_answer":
        key = "choices" if qtype in CHOICE_TYPES else "answers"
        if len(t[key]) != len(o[key]):
            return f"it has {len(t[key])} answers; the original has {len(o[key])}"
        if [a["weight"] for a in t[key]] != [a["weight"] for a in o[key]]:
            return (
                f"its answers' marks ({_marks(t[key])}) differ from the original's ({_marks(o[key])}): "
                f"keep the answers in the original's order"
            )
        if qtype == "short_answer" and t["case_sensitive"] != o["case_sensitive"]:
            return "it matches answers with a different sensitivity to case"
        return None
    if qtype == "numerical":
        if [_without_feedback(a) for a in t["answers"]] != [_without_feedback(a) for a in o["answers"]]:
            return "its numbers, tolerances or marks differ from the original's: only texts are translated"
        return None
    if qtype == "true_false":
        if t["answer"] != o["answer"]:
            return f"its answer is {str(t['answer']).lower()}; the original's is {str(o['answer']).lower()}"
        return None
    if qtype == "matching":
        if (len(t["pairs"]), len(t["distractors"])) != (len(o["pairs"]), len(o["distractors"])):
            return (
                f"it has {len(t['pairs'])} pairs and {len(t['distractors'])} distractors; the original has "
                f"{len(o['pairs'])} and {len(o['distractors'])}"
            )
        if _right_pattern(t) != _right_pattern(o):
            return "its prompts share options differently from the original's: keep the pairs in the original's order"
        return None
    if qtype == "essay":
        return None
    if _without_texts(t) != _without_texts(o):
        return "its answers differ from the original's: only texts are translated"
    return None


def _without_feedback(answer: dict) -> dict:
    return {key: value for key, value in answer.items() if key != "feedback"}


def id_pairs(qtype: str, original: dict, translated: dict) -> list[tuple[str, str, str]]:
    """(original id, translated id, translated text) of every item a response can name: choices, or a
    matching question's prompts and options. Empty for types whose responses name no item."""
    if qtype in CHOICE_TYPES:
        pairs = zip(original["choices"], translated["choices"], strict=True)
        return [(item_id(o["text"]), item_id(t["text"]), t["text"]) for o, t in pairs]
    if qtype == "matching":
        lefts = [(o["left"], t["left"]) for o, t in zip(original["pairs"], translated["pairs"], strict=True)]
        options = list(zip(_option_texts(original), _option_texts(translated), strict=True))
        return [(item_id(o), item_id(t), t) for o, t in lefts + options]
    return []


def relabel(qtype: str, view: dict, original: dict, translated: dict, shuffled: bool) -> dict:
    """The attempt page's public view of the original (its ids, its order) with the translated texts."""
    texts = {original_id: text for original_id, _translated_id, text in id_pairs(qtype, original, translated)}
    view = dict(view)
    for key in ("choices", "prompts", "options"):
        if key in view and texts:
            view[key] = [{**item, "text": texts.get(item["id"], item["text"])} for item in view[key]]
    if qtype == "matching" and not shuffled:
        view["options"] = sorted(view["options"], key=lambda option: option["text"].casefold())
    if "response_template" in view and "response_template" in translated:
        view["response_template"] = translated["response_template"]
    return view


def translated_response(qtype: str, response: Any, original: dict, translated: dict) -> Any:
    """A response to the original, naming the translation's items instead (for its review in that language)."""
    ids = {original_id: translated_id for original_id, translated_id, _text in id_pairs(qtype, original, translated)}
    if not ids or response is None:
        return response
    if isinstance(response, str):
        return ids.get(response, response)
    if isinstance(response, list):
        return [ids.get(item, item) if isinstance(item, str) else item for item in response]
    if isinstance(response, dict):
        return {ids.get(key, key): ids.get(value, value) for key, value in response.items()}
    return response


def accepting(spec: dict, *others: dict, feedback_from: dict | None = None) -> dict:
    """A short answer's spec accepting its own answers and those of its translations `others`, each with the
    mark of the original answer in the same place (and the feedback of `feedback_from`, when given)."""
    shown = feedback_from or spec
    answers = []
    for source in (spec, *others, *([feedback_from] if feedback_from else [])):
        for answer, feedback in zip(source["answers"], shown["answers"], strict=True):
            answers.append({**answer, "feedback": feedback["feedback"]})
    return {**spec, "answers": answers}
