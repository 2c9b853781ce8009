"""Question types: validation, scoring, secrecy of the public view, and response parsing."""

import itertools
import json
import random

import pytest

from ecri_lms.assessment import question_types
from ecri_lms.assessment.question_types import (
    AnswerFeedback,
    Question,
    QuestionSpecError,
    QuestionType,
    ResponseError,
    all_types,
    get_type,
    item_id,
    register,
    validate_question,
)
from ecri_lms.assessment.question_types.essay import Essay
from ecri_lms.assessment.question_types.numerical import format_number, parse_number

SECRET = "SECRET-FEEDBACK"


def choice(text, weight=0, feedback=""):
    return {"text": text, "weight": weight, "feedback": feedback}


def single_spec():
    return {
        "choices": [
            choice("Strategy", 100, SECRET),
            choice("Services", 50, SECRET),
            choice("Logo", -50, SECRET),
            choice("Weather", 0, SECRET),
        ]
    }


def multiple_spec():
    return {
        "choices": [
            choice("Financing", 50, SECRET),
            choice("Services", 50, SECRET),
            choice("Weather", -50, SECRET),
            choice("Logo", -100, SECRET),
            choice("Neutral", 0),
        ]
    }


def short_spec(case_sensitive=False):
    return {
        "answers": [
            choice("entrepreneurial discovery process", 100, SECRET),
            choice("EDP", 100),
            choice("discovery", 50, "Half: name the whole process."),
            choice("RIS3", 0, "A strategy."),
        ],
        "case_sensitive": case_sensitive,
    }


def numerical_spec():
    return {
        "answers": [
            {"value": 2.4, "tolerance": 0.05, "weight": 100, "feedback": SECRET},
            {"min": 2.0, "max": 3.0, "weight": 50, "feedback": "Close."},
            {"value": 24, "tolerance": 0, "weight": 0, "feedback": "Shares are not percentages."},
        ]
    }


def matching_spec():
    return {
        "pairs": [
            {"left": "BIOIBAL", "right": "Balearic Islands"},
            {"left": "HBIO", "right": "Greece"},
            {"left": "LSK", "right": "Małopolska"},
            {"left": "BIOPMED", "right": "Piedmont"},
        ],
        "distractors": ["Bavaria"],
    }


def essay_spec():
    return {"response_template": "Our strategy: ", "grader_info": SECRET}


def true_false_spec(answer=True):
    return {"answer": answer, "feedback_true": SECRET + "-T", "feedback_false": SECRET + "-F"}


SPECS = {
    "single_choice": single_spec,
    "multiple_response": multiple_spec,
    "true_false": true_false_spec,
    "short_answer": short_spec,
    "numerical": numerical_spec,
    "matching": matching_spec,
    "essay": essay_spec,
}


def ids(*texts):
    return [item_id(text) for text in texts]


# Registry --------------------------------------------------------------------------------------


def test_every_builtin_type_is_registered_with_a_widget_and_a_valid_example():
    assert [qtype.name for qtype in all_types()] == list(SPECS)
    for qtype in all_types():
        assert qtype.label and qtype.widget in question_types.WIDGETS
        qtype.validate(SPECS[qtype.name]())


def test_only_essays_are_graded_by_hand():
    assert [qtype.name for qtype in all_types() if not qtype.auto_graded] == ["essay"]


def test_an_unknown_type_is_refused_with_the_known_names():
    with pytest.raises(QuestionSpecError, match="Unknown question type 'cloze'.*single_choice"):
        get_type("cloze")


def test_questions_of_a_new_type_can_be_stored_once_it_is_registered_under_a_name_of_its_own(monkeypatch):
    monkeypatch.setattr(question_types, "_registry", dict(question_types._registry))  # the type is gone afterwards

    class Ranking(Essay):
        name = "ranking"

    ranking_question = question(qtype="ranking", spec=essay_spec())
    with pytest.raises(QuestionSpecError, match="Unknown question type 'ranking'"):
        validate_question(ranking_question)
    register(Ranking())
    validate_question(ranking_question)
    assert "ranking" in [qtype.name for qtype in all_types()]
    with pytest.raises(ValueError, match="already registered"):
        register(Ranking())


def test_registering_something_that_is_not_a_question_type_fails(monkeypatch):
    monkeypatch.setattr(question_types, "_registry", dict(question_types._registry))

    class NoWidget(Essay):
        name = "odd"
        widget = "slider"

    with pytest.raises(ValueError, match="unknown widget"):
        register(NoWidget())
    with pytest.raises(ValueError, match="not a QuestionType"):
        register(object())
    assert issubclass(NoWidget, QuestionType)


# Questions and fingerprints -------------------------------------------------------------------


def question(**overrides):
    fields = dict(
        qtype="true_false",
        name="Cluster versus members",
        text="A cluster is its members.",
        spec=true_false_spec(False),
        category="CE01/final",
    )
    fields.update(overrides)
    return Question(**fields)


def test_a_fingerprint_depends_on_content_only():
    assert question().fingerprint == question().fingerprint
    assert question(spec={**true_false_spec(False)}).fingerprint == question().fingerprint
    for change in (
        dict(category="CE02/final"),
        dict(name="Other"),
        dict(text="Other?"),
        dict(qtype="essay"),
        dict(spec=true_false_spec(True)),
        dict(general_feedback="More."),
        dict(text_format="html"),
    ):
        assert question(**change).fingerprint != question().fingerprint


def test_a_fingerprint_treats_integral_floats_as_integers():
    as_ints = question(qtype="single_choice", spec={"choices": [choice("a", 100), choice("b", 0)]})
    as_floats = question(qtype="single_choice", spec={"choices": [choice("a", 100.0), choice("b", 0.0)]})
    assert as_ints.fingerprint == as_floats.fingerprint


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(name="  "), "name is empty"),
        (dict(text=""), "text is empty"),
        (dict(text_format="rtf"), "Unknown text format 'rtf'"),
        (dict(category=None), "category must be text"),
        (dict(qtype="cloze"), "Unknown question type"),
        (dict(spec={"answer": "yes", "feedback_true": "", "feedback_false": ""}), "must be true or false"),
    ],
)
def test_a_malformed_question_is_refused(change, message):
    with pytest.raises(QuestionSpecError, match=message):
        validate_question(question(**change))


# Spec validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "qtype, spec, message",
    [
        ("single_choice", [], "must be an object"),
        ("single_choice", {"choices": [choice("a", 100)]}, "at least 2"),
        ("single_choice", {"choices": [choice("a", 50), choice("b", 50)]}, "no answer is worth 100%"),
        ("single_choice", {"choices": [choice("a", 100), choice("a", 0)]}, "'a' appears twice"),
        ("single_choice", {"choices": [choice("a", 100), choice(" ", 0)]}, "text is empty"),
        ("single_choice", {"choices": [choice("a", 100), choice("b", 150)]}, "between -100 and 100"),
        ("single_choice", {"choices": [choice("a", True), choice("b", 100)]}, "finite number"),
        ("single_choice", {"choices": [choice("a", 100), {"text": "b", "weight": 0}]}, "lacks 'feedback'"),
        ("single_choice", {"choices": [choice("a", 100), choice("b")], "shuffle": True}, "unknown 'shuffle'"),
        ("multiple_response", {"choices": [choice("a", 50), choice("b", 40)]}, "add up to 90%, not 100%"),
        ("multiple_response", {"choices": [choice("a", 0), choice("b", -10)]}, "add up to 0%"),
        ("true_false", {"answer": 1, "feedback_true": "", "feedback_false": ""}, "must be true or false"),
        ("short_answer", {"answers": [], "case_sensitive": False}, "at least 1"),
        ("short_answer", {"answers": [choice("a", -10), choice("b", 100)], "case_sensitive": False}, "between 0"),
        ("short_answer", {"answers": [choice("EDP", 100), choice("edp ", 50)], "case_sensitive": False}, "case"),
        ("short_answer", {"answers": [choice("a", 100)], "case_sensitive": "no"}, "case_sensitive must be"),
        ("numerical", {"answers": [{"min": 7, "max": 5, "weight": 100, "feedback": ""}]}, "min is larger"),
        ("numerical", {"answers": [{"value": 5, "tolerance": -1, "weight": 100, "feedback": ""}]}, "at least 0"),
        ("numerical", {"answers": [{"value": float("nan"), "tolerance": 0, "weight": 100, "feedback": ""}]}, "finite"),
        ("numerical", {"answers": [{"value": 5, "tolerance": 0, "max": 6, "weight": 100, "feedback": ""}]}, "unknown"),
        ("numerical", {"answers": [{"value": 5, "tolerance": 0, "weight": 50, "feedback": ""}]}, "100%"),
        ("matching", {"pairs": [{"left": "a", "right": "b"}], "distractors": []}, "at least 2"),
        (
            "matching",
            {"pairs": [{"left": "a", "right": "b"}, {"left": "a", "right": "c"}], "distractors": []},
            "'a' appears twice",
        ),
        (
            "matching",
            {"pairs": [{"left": "a", "right": "b"}, {"left": "c", "right": "d"}], "distractors": ["b"]},
            "also a right answer",
        ),
        (
            "matching",
            {"pairs": [{"left": "a", "right": "b"}, {"left": "c", "right": ""}], "distractors": []},
            "right side is empty",
        ),
        ("essay", {"response_template": ""}, "lacks 'grader_info'"),
    ],
)
def test_a_malformed_spec_is_refused_with_a_clear_message(qtype, spec, message):
    with pytest.raises(QuestionSpecError, match=message):
        get_type(qtype).validate(spec)


def test_two_prompts_may_share_an_option():
    spec = {
        "pairs": [{"left": "Athens", "right": "Greece"}, {"left": "Heraklion", "right": "Greece"}],
        "distractors": ["Italy"],
    }
    matching = get_type("matching")
    matching.validate(spec)
    assert [option["text"] for option in matching.public_view(spec)["options"]] == ["Greece", "Italy"]
    assert matching.score(spec, dict(zip(ids("Athens", "Heraklion"), ids("Greece", "Greece"), strict=True))) == 1.0


# Scoring --------------------------------------------------------------------------------------


@pytest.mark.parametrize("picked, expected", [("Strategy", 1.0), ("Services", 0.5), ("Logo", 0.0), ("Weather", 0.0)])
def test_single_choice_scores_the_weight_of_the_picked_choice_never_below_zero(picked, expected):
    assert get_type("single_choice").score(single_spec(), item_id(picked)) == expected


def test_single_choice_gives_nothing_for_no_answer_or_a_choice_no_longer_in_the_question():
    single = get_type("single_choice")
    assert single.score(single_spec(), None) == 0.0
    assert single.score(single_spec(), item_id("Removed choice")) == 0.0


@pytest.mark.parametrize(
    "ticked, expected",
    [
        (("Financing", "Services"), 1.0),
        (("Financing",), 0.5),
        (("Financing", "Services", "Weather"), 0.5),
        (("Financing", "Weather"), 0.0),
        (("Financing", "Logo"), 0.0),
        (("Weather", "Logo"), 0.0),
        (("Financing", "Services", "Neutral"), 1.0),
        ((), 0.0),
    ],
)
def test_multiple_response_adds_the_weights_of_the_ticked_choices(ticked, expected):
    assert get_type("multiple_response").score(multiple_spec(), ids(*ticked)) == expected


def test_multiple_response_stays_between_zero_and_one_whatever_is_ticked():
    spec = {"choices": [choice("a", 60), choice("b", 40), choice("c", -100), choice("d", -30), choice("e", 0)]}
    texts = [item["text"] for item in spec["choices"]]
    scores = {
        get_type("multiple_response").score(spec, ids(*subset))
        for size in range(len(texts) + 1)
        for subset in itertools.combinations(texts, size)
    }
    assert min(scores) == 0.0 and max(scores) == 1.0 and all(0.0 <= score <= 1.0 for score in scores)


def test_multiple_response_gives_full_marks_when_thirds_add_up_to_almost_a_hundred():
    spec = {"choices": [choice("a", 33.3), choice("b", 33.3), choice("c", 33.3), choice("d", -100)]}
    multiple = get_type("multiple_response")
    multiple.validate(spec)
    assert multiple.score(spec, ids("a", "b", "c")) == 1.0
    assert multiple.score(spec, ids("a")) == pytest.approx(1 / 3)


def test_true_false_scores_the_right_truth_value():
    true_false = get_type("true_false")
    assert true_false.score(true_false_spec(False), False) == 1.0
    assert true_false.score(true_false_spec(False), True) == 0.0
    assert true_false.score(true_false_spec(True), None) == 0.0


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Entrepreneurial Discovery Process", 1.0),
        ("  entrepreneurial   discovery\tprocess ", 1.0),
        ("edp", 1.0),
        ("DISCOVERY", 0.5),
        ("ris3", 0.0),
        ("entrepreneurial discovery", 0.0),
    ],
)
def test_short_answer_ignores_case_and_spacing_and_gives_partial_credit(typed, expected):
    assert get_type("short_answer").score(short_spec(), typed) == expected


def test_a_case_sensitive_short_answer_counts_the_best_matching_answer():
    spec = {"answers": [choice("EDP", 100), choice("edp", 50)], "case_sensitive": True}
    short = get_type("short_answer")
    short.validate(spec)
    assert (short.score(spec, "EDP"), short.score(spec, "edp"), short.score(spec, "Edp")) == (1.0, 0.5, 0.0)


def test_short_answer_treats_unicode_variants_alike():
    spec = {"answers": [choice("Małopolska", 100)], "case_sensitive": False}
    assert get_type("short_answer").score(spec, "MAŁOPOLSKA") == 1.0
    assert (
        get_type("short_answer").score({"answers": [choice("café", 100)], "case_sensitive": False}, "cafe\u0301") == 1.0
    )


@pytest.mark.parametrize(
    "typed, expected",
    [
        (2.4, 1.0),
        (2.35, 1.0),
        (2.45, 1.0),
        (2.46, 0.5),
        (2.0, 0.5),
        (3.0, 0.5),
        (3.01, 0.0),
        (24, 0.0),
        (None, 0.0),
    ],
)
def test_numerical_accepts_a_tolerance_and_a_range_with_partial_credit(typed, expected):
    assert get_type("numerical").score(numerical_spec(), typed) == expected


def test_numerical_tolerance_is_inclusive_despite_binary_rounding():
    spec = {"answers": [{"value": 0.3, "tolerance": 0.1, "weight": 100, "feedback": ""}]}
    numerical = get_type("numerical")
    assert numerical.score(spec, 0.1 + 0.1) == 1.0 and numerical.score(spec, 0.4) == 1.0
    assert numerical.score(spec, 0.41) == 0.0


@pytest.mark.parametrize(
    "pairs, expected",
    [
        ({"BIOIBAL": "Balearic Islands", "HBIO": "Greece", "LSK": "Małopolska", "BIOPMED": "Piedmont"}, 1.0),
        ({"BIOIBAL": "Balearic Islands", "HBIO": "Greece", "LSK": "Bavaria"}, 0.5),
        ({"BIOIBAL": "Greece", "HBIO": "Balearic Islands"}, 0.0),
        ({}, 0.0),
    ],
)
def test_matching_scores_the_share_of_right_pairs(pairs, expected):
    response = {item_id(left): item_id(right) for left, right in pairs.items()}
    assert get_type("matching").score(matching_spec(), response) == expected


def test_an_essay_has_no_automatic_score():
    assert get_type("essay").score(essay_spec(), "A long answer.") is None


# Public view ----------------------------------------------------------------------------------

FORBIDDEN_KEYS = {"weight", "fraction", "feedback", "correct", "right", "answer", "answers", "pairs", "grader_info"}


def all_keys(value):
    if isinstance(value, dict):
        return set(value) | set().union(*(all_keys(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(all_keys(item) for item in value))
    return set()


@pytest.mark.parametrize("name", list(SPECS))
@pytest.mark.parametrize("shuffle", [False, True])
def test_the_public_view_holds_no_marker_fraction_or_feedback(name, shuffle):
    view = get_type(name).public_view(SPECS[name](), random.Random(7), shuffle)
    assert view["widget"] == get_type(name).widget
    assert not all_keys(view) & FORBIDDEN_KEYS
    assert SECRET not in json.dumps(view, ensure_ascii=False)


def swap_right_and_wrong(name, spec):
    """The same question with a different right answer."""
    if name in ("single_choice", "multiple_response"):
        weights = [item["weight"] for item in spec["choices"]]
        rotated = weights[1:] + weights[:1]
        return {"choices": [{**item, "weight": weight} for item, weight in zip(spec["choices"], rotated, strict=True)]}
    if name == "true_false":
        return {**spec, "answer": not spec["answer"]}
    if name == "matching":
        rights = [pair["right"] for pair in spec["pairs"]]
        return {
            **spec,
            "pairs": [
                {"left": pair["left"], "right": right}
                for pair, right in zip(spec["pairs"], rights[1:] + rights[:1], strict=True)
            ],
        }
    if name == "essay":
        return {**spec, "grader_info": "Something else."}
    return {**spec, "answers": spec["answers"][::-1]}


@pytest.mark.parametrize("name", list(SPECS))
def test_the_public_view_is_the_same_whichever_answer_is_right(name):
    spec = SPECS[name]()
    other = swap_right_and_wrong(name, spec)
    get_type(name).validate(other)
    assert get_type(name).public_view(spec) == get_type(name).public_view(other)
    assert get_type(name).public_view(spec, random.Random(3), True) == get_type(name).public_view(
        other, random.Random(3), True
    )


def test_shuffling_keeps_each_choice_id_and_a_seed_keeps_the_order():
    single = get_type("single_choice")
    plain = single.public_view(single_spec())
    orders = {
        tuple(c["id"] for c in single.public_view(single_spec(), random.Random(seed), True)["choices"])
        for seed in range(20)
    }
    assert len(orders) > 1
    assert all(sorted(order) == sorted(c["id"] for c in plain["choices"]) for order in orders)
    assert single.public_view(single_spec(), random.Random(5), True) == single.public_view(
        single_spec(), random.Random(5), True
    )
    assert [c["text"] for c in plain["choices"]] == ["Strategy", "Services", "Logo", "Weather"]


def test_a_saved_response_still_scores_after_reshuffling():
    single = get_type("single_choice")
    first_view = single.public_view(single_spec(), random.Random(1), True)
    picked = next(c["id"] for c in first_view["choices"] if c["text"] == "Services")
    response = single.parse_response(single_spec(), [picked])
    reshuffled = single.public_view(single_spec(), random.Random(2), True)
    assert response in {c["id"] for c in reshuffled["choices"]}
    assert single.score(single_spec(), response) == 0.5


def test_matching_options_are_alphabetical_unless_shuffled():
    view = get_type("matching").public_view(matching_spec())
    assert [prompt["text"] for prompt in view["prompts"]] == ["BIOIBAL", "HBIO", "LSK", "BIOPMED"]
    assert [option["text"] for option in view["options"]] == [
        "Balearic Islands",
        "Bavaria",
        "Greece",
        "Małopolska",
        "Piedmont",
    ]


def test_true_false_always_shows_true_then_false():
    view = get_type("true_false").public_view(true_false_spec(False), random.Random(0), True)
    assert view["choices"] == [{"id": "true", "text": "True"}, {"id": "false", "text": "False"}]


def test_an_essay_shows_its_response_template_but_not_the_grader_information():
    assert get_type("essay").public_view(essay_spec())["response_template"] == "Our strategy: "


# Parsing responses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, values, expected",
    [
        ("single_choice", [item_id("Services")], item_id("Services")),
        ("single_choice", [], None),
        ("single_choice", [""], None),
        ("multiple_response", ids("Services", "Financing", "Services"), ids("Financing", "Services")),
        ("multiple_response", [], None),
        ("true_false", ["true"], True),
        ("true_false", ["false"], False),
        ("true_false", [" "], None),
        ("short_answer", ["  two   words "], "two words"),
        ("short_answer", [""], None),
        ("numerical", ["5,5"], 5.5),
        ("numerical", [" -1.5e2 "], -150.0),
        ("numerical", [".5"], 0.5),
        ("numerical", ["0,125"], 0.125),
        ("numerical", ["44,8"], 44.8),
        ("numerical", ["44.800"], 44.8),
        ("numerical", [""], None),
        ("matching", {item_id("HBIO"): item_id("Greece"), item_id("LSK"): ""}, {item_id("HBIO"): item_id("Greece")}),
        ("matching", {item_id("HBIO"): ""}, None),
        ("essay", ["  Line one\r\nLine two  "], "Line one\nLine two"),
        ("essay", ["   "], None),
    ],
)
def test_submitted_values_become_a_json_response(name, values, expected):
    response = get_type(name).parse_response(SPECS[name](), values)
    assert response == expected
    assert json.loads(json.dumps(response)) == expected


@pytest.mark.parametrize(
    "name, values, message",
    [
        ("single_choice", "abc", "list of values"),
        ("single_choice", [item_id("Strategy"), item_id("Services")], "Only one answer"),
        ("single_choice", ["Strategy"], "not one of the question's choices"),
        ("single_choice", [3], "must be text"),
        ("multiple_response", [item_id("Financing"), "forged"], "not one of the question's choices"),
        ("multiple_response", {"a": "b"}, "list of values"),
        ("true_false", ["yes"], "true or false"),
        ("short_answer", ["x" * 1001], "too long"),
        ("short_answer", ["a", "b"], "Only one answer"),
        ("numerical", ["abc"], "not a number"),
        ("numerical", ["1.000,5"], "not a number"),
        ("numerical", ["1e999"], "too large"),
        ("numerical", ["5 5"], "not a number"),
        ("numerical", ["44,800"], "'44,800' is ambiguous: write 44800 or 44.800"),
        ("matching", [item_id("Greece")], "prompt/option pairs"),
        ("matching", {"forged": item_id("Greece")}, "prompt that is not in the question"),
        ("matching", {item_id("HBIO"): "forged"}, "not one of the question's options"),
        ("matching", {item_id("HBIO"): 5}, "must be text"),
        ("essay", ["x" * 50_001], "too long"),
    ],
)
def test_a_malformed_response_is_refused(name, values, message):
    with pytest.raises(ResponseError, match=message):
        get_type(name).parse_response(SPECS[name](), values)


def test_number_helpers_read_people_and_write_exact_values():
    assert [parse_number(text) for text in ("5", "5,5", "+2.", "-0,25", "1E3")] == [5, 5.5, 2, -0.25, 1000]
    assert [format_number(value) for value in (5.0, -3, 0.1, 1e-05, 1e20)] == ["5", "-3", "0.1", "1e-05", "1e+20"]


# Review page ----------------------------------------------------------------------------------


def test_feedback_and_right_answer_for_choices():
    single, multiple = get_type("single_choice"), get_type("multiple_response")
    assert single.feedback(single_spec(), item_id("Services")) == [AnswerFeedback("Services", 0.5, SECRET)]
    assert single.feedback(single_spec(), None) == []
    assert single.right_answer_text(single_spec()) == "Strategy"
    assert single.response_text(single_spec(), item_id("Logo")) == "Logo"
    assert multiple.feedback(multiple_spec(), ids("Weather", "Financing")) == [
        AnswerFeedback("Financing", 0.5, SECRET),
        AnswerFeedback("Weather", -0.5, SECRET),
    ]
    assert multiple.right_answer_text(multiple_spec()) == "Financing; Services"
    assert multiple.response_text(multiple_spec(), ids("Services", "Logo")) == "Services; Logo"


def test_true_false_feedback_follows_the_answer_given():
    true_false = get_type("true_false")
    assert true_false.feedback(true_false_spec(False), True) == [AnswerFeedback("True", 0.0, SECRET + "-T")]
    assert true_false.feedback(true_false_spec(False), False) == [AnswerFeedback("False", 1.0, SECRET + "-F")]
    assert true_false.right_answer_text(true_false_spec(False)) == "False"


def test_text_answers_get_the_feedback_of_the_best_match():
    short, numerical = get_type("short_answer"), get_type("numerical")
    assert short.feedback(short_spec(), "Discovery") == [
        AnswerFeedback("Discovery", 0.5, "Half: name the whole process.")
    ]
    assert short.feedback(short_spec(), "nothing") == [AnswerFeedback("nothing", 0.0, "")]
    assert short.right_answer_text(short_spec()) == "entrepreneurial discovery process / EDP"
    assert numerical.feedback(numerical_spec(), 24.0) == [AnswerFeedback("24", 0.0, "Shares are not percentages.")]
    assert numerical.feedback(numerical_spec(), 2.42) == [AnswerFeedback("2.42", 1.0, SECRET)]
    assert numerical.right_answer_text(numerical_spec()) == "2.4 ± 0.05"
    ranged = {
        "answers": [
            {"min": 5, "max": 7, "weight": 100, "feedback": ""},
            {"value": 6, "tolerance": 0, "weight": 100, "feedback": ""},
        ]
    }
    assert numerical.right_answer_text(ranged) == "5 to 7 / 6"


def test_matching_feedback_lists_each_answered_pair():
    matching = get_type("matching")
    response = {item_id("HBIO"): item_id("Greece"), item_id("LSK"): item_id("Bavaria")}
    assert matching.feedback(matching_spec(), response) == [
        AnswerFeedback("HBIO → Greece", 1.0, ""),
        AnswerFeedback("LSK → Bavaria", 0.0, ""),
    ]
    assert matching.right_answer_text(matching_spec()).startswith("BIOIBAL → Balearic Islands; HBIO → Greece")


def test_an_essay_has_no_automatic_feedback_or_right_answer():
    essay = get_type("essay")
    assert essay.feedback(essay_spec(), "text") == [] and essay.right_answer_text(essay_spec()) == ""
    assert essay.response_text(essay_spec(), "My answer") == "My answer"
