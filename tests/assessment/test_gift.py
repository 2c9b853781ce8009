"""GIFT: every grammar feature on its own and mixed, error recovery, and the write/read round trip."""

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ecri_lms.assessment.gift import BLANK, GiftSyntaxError, GiftWriteError, parse_gift, read_question, to_gift
from ecri_lms.assessment.question_types import Question, QuestionSpecError

DATA = Path(__file__).parent / "data"


def only(text):
    """The single question of a GIFT text, failing on any error."""
    result = parse_gift(text)
    assert result.errors == [] and len(result.questions) == 1
    return result.questions[0].question


def error_of(text):
    """The single error of a GIFT text that holds one broken question."""
    result = parse_gift(text)
    assert result.questions == [] and len(result.errors) == 1
    return result.errors[0].message


def answer(text, weight, feedback=""):
    return {"text": text, "weight": weight, "feedback": feedback}


# Structure ------------------------------------------------------------------------------------


def test_comment_lines_are_ignored_even_inside_a_question():
    result = parse_gift("// header\n\n  // indented comment\nQ?{\n// inside\n=yes\n~no // not a comment\n}\n// tail")
    assert result.errors == []
    assert result.questions[0].line == 4
    assert result.questions[0].question.spec["choices"][1]["text"] == "no // not a comment"


def test_questions_are_separated_by_blank_lines_and_keep_their_first_line():
    result = parse_gift("\n\nOne?{T}\n   \nTwo\nlines?{F}\n\n\n\nThree?{=3}\n")
    assert [(parsed.line, parsed.question.text) for parsed in result.questions] == [
        (3, "One?"),
        (5, "Two\nlines?"),
        (10, "Three?"),
    ]


def test_categories_apply_to_the_questions_that_follow():
    result = parse_gift("A?{T}\n\n$CATEGORY: CE01/final\n\nB?{T}\n\nC?{T}\n\n$CATEGORY:   CE02/mid  \nD?{T}")
    assert [(parsed.question.text, parsed.category) for parsed in result.questions] == [
        ("A?", ""),
        ("B?", "CE01/final"),
        ("C?", "CE01/final"),
        ("D?", "CE02/mid"),
    ]
    assert result.questions[-1].line == 10


def test_a_title_names_the_question_and_escaped_colons_stay_in_it():
    question = only("::LQ\\: basics::  What is an LQ?{}")
    assert (question.name, question.text) == ("LQ: basics", "What is an LQ?")


def test_an_untitled_question_is_named_after_its_text():
    assert only("What   is\nan LQ?{}").name == "What is an LQ?"
    assert only("[html]<p>What is <b>an</b> LQ?</p>{}").name == "What is an LQ?"
    long_name = only("word " * 40 + "{}").name
    assert len(long_name) == 80 and long_name.endswith("…")


@pytest.mark.parametrize(
    "marker, expected",
    [
        ("", "moodle"),
        ("[moodle]", "moodle"),
        ("[markdown]", "markdown"),
        ("[html]", "html"),
        ("[plain]", "plain"),
        ("[HTML]", "html"),
    ],
)
def test_a_text_format_prefix_sets_the_format(marker, expected):
    question = only(f"::t::{marker}Some *text*{{}}")
    assert (question.text_format, question.text) == (expected, "Some *text*")


def test_text_after_the_answer_block_makes_a_missing_word_question():
    question = only("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question.text == f"Grant is {BLANK} in Grant's tomb."
    assert question.qtype == "single_choice"


def test_html_is_kept_as_written():
    assert only("[html]<script>alert(1)</script>{}").text == "<script>alert(1)</script>"


def test_a_bom_and_windows_line_ends_are_accepted():
    result = parse_gift("\ufeff::a::A?{\r\n=yes\r\n~no\r\n}\r\n\r\n::b::B?{T}\r\n")
    assert [parsed.line for parsed in result.questions] == [1, 6] and result.errors == []


# Answer blocks --------------------------------------------------------------------------------


def test_equals_and_tilde_make_a_single_choice_with_feedback():
    question = only("Who?{=no one #Right. ~Grant #He is buried there. ~Jefferson}")
    assert question.qtype == "single_choice"
    assert question.spec == {
        "choices": [answer("no one", 100, "Right."), answer("Grant", 0, "He is buried there."), answer("Jefferson", 0)]
    }


def test_weights_give_partial_and_negative_credit_in_a_single_choice():
    question = only("Best?{=%100%a ~%50%b ~%-25%c ~%33.33333%d}")
    assert [choice["weight"] for choice in question.spec["choices"]] == [100, 50, -25, 33.33333]


def test_positive_tilde_weights_without_equals_make_a_multiple_response():
    question = only("Pick?{~%50%a ~%50%b #Yes ~%-100%c}")
    assert question.qtype == "multiple_response"
    assert question.spec["choices"] == [answer("a", 50), answer("b", 50, "Yes"), answer("c", -100)]


def test_general_feedback_follows_four_hashes():
    question = only("Q?{=a#fb a ~b####General, with = signs escaped\\= too.}")
    assert question.general_feedback == "General, with = signs escaped= too."
    assert question.spec["choices"][0]["feedback"] == "fb a"


def test_an_empty_feedback_before_the_general_feedback_is_not_confused_with_it():
    question = only("Q?{=a# ~b#####General.}")
    assert question.general_feedback == "General."
    assert question.spec["choices"][1] == answer("b", 0)


@pytest.mark.parametrize(
    "block, expected", [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)]
)
def test_true_false_words(block, expected):
    question = only(f"The sun rises in the east.{{{block}}}")
    assert question.qtype == "true_false"
    assert question.spec == {"answer": expected, "feedback_true": "", "feedback_false": ""}


def test_true_false_feedback_is_first_for_a_wrong_answer_then_for_a_right_one():
    assert only("Q?{T#Think again.#Yes.}").spec == {
        "answer": True,
        "feedback_true": "Yes.",
        "feedback_false": "Think again.",
    }
    assert only("Q?{FALSE#No, many firms.#Right.####Both.}").spec == {
        "answer": False,
        "feedback_true": "No, many firms.",
        "feedback_false": "Right.",
    }


def test_equals_answers_alone_make_a_short_answer_with_partial_credit():
    question = only("Two plus two?{=four =4 =%50%for #Spelling. =%0%five #No.}")
    assert question.qtype == "short_answer"
    assert question.spec == {
        "answers": [answer("four", 100), answer("4", 100), answer("for", 50, "Spelling."), answer("five", 0, "No.")],
        "case_sensitive": False,
    }


@pytest.mark.parametrize(
    "block, expected",
    [
        ("#5", [{"value": 5.0, "tolerance": 0.0, "weight": 100, "feedback": ""}]),
        ("#5:0.5", [{"value": 5.0, "tolerance": 0.5, "weight": 100, "feedback": ""}]),
        ("#-5,5:0,25#Right.", [{"value": -5.5, "tolerance": 0.25, "weight": 100, "feedback": "Right."}]),
        ("#5..7", [{"min": 5.0, "max": 7.0, "weight": 100, "feedback": ""}]),
        (
            "# =5:0 =%50%6:1",
            [
                {"value": 5.0, "tolerance": 0.0, "weight": 100, "feedback": ""},
                {"value": 6.0, "tolerance": 1.0, "weight": 50, "feedback": ""},
            ],
        ),
        (
            "#\n=1822:0 #Exactly.\n=%50%1820..1824 #Close.\n~1922 #A century out.",
            [
                {"value": 1822.0, "tolerance": 0.0, "weight": 100, "feedback": "Exactly."},
                {"min": 1820.0, "max": 1824.0, "weight": 50, "feedback": "Close."},
                {"value": 1922.0, "tolerance": 0.0, "weight": 0, "feedback": "A century out."},
            ],
        ),
    ],
)
def test_numerical_answers(block, expected):
    question = only(f"Q?{{{block}}}")
    assert question.qtype == "numerical" and question.spec == {"answers": expected}


def test_matching_pairs_and_distractors():
    question = only("Match.{\n=BIOIBAL -> Balearic Islands\n=HBIO->Greece\n= -> Bavaria\n=LSK -> Kraków -> Poland\n}")
    assert question.qtype == "matching"
    assert question.spec == {
        "pairs": [
            {"left": "BIOIBAL", "right": "Balearic Islands"},
            {"left": "HBIO", "right": "Greece"},
            {"left": "LSK", "right": "Kraków -> Poland"},
        ],
        "distractors": ["Bavaria"],
    }


def test_an_empty_block_is_an_essay_and_may_carry_general_feedback():
    assert only("Describe your strategy.{}").spec == {"response_template": "", "grader_info": ""}
    question = only("Describe.{\n####Name the target groups.\n}")
    assert (question.qtype, question.general_feedback) == ("essay", "Name the target groups.")


@pytest.mark.parametrize(
    "escaped, literal",
    [
        ("\\~", "~"),
        ("\\=", "="),
        ("\\#", "#"),
        ("\\{", "{"),
        ("\\}", "}"),
        ("\\:", ":"),
        ("\\n", "\n"),
        ("\\\\", "\\"),
        ("\\x", "\\x"),
    ],
)
def test_escaped_characters_are_read_literally_everywhere(escaped, literal):
    question = only(f"::a{escaped}b::Text {escaped}?{{=a{escaped}b #f{escaped}b ~c####g{escaped}h}}")
    assert question.name == f"a{literal}b"
    assert question.text == f"Text {literal}?"
    assert question.spec["choices"][0] == answer(f"a{literal}b", 100, f"f{literal}b")
    assert question.general_feedback == f"g{literal}h"


def test_every_feature_in_one_file():
    result = parse_gift((DATA / "all_features.gift").read_text(encoding="utf-8"))
    assert result.errors == []
    summary = [(parsed.line, parsed.question.qtype, parsed.category) for parsed in result.questions]
    assert summary == [
        (4, "single_choice", ""),
        (8, "single_choice", "ECRI/cluster economics"),
        (10, "single_choice", "ECRI/cluster economics"),
        (18, "multiple_response", "ECRI/cluster economics"),
        (26, "true_false", "ECRI/true false"),
        (28, "true_false", "ECRI/true false"),
        (30, "true_false", "ECRI/true false"),
        (32, "true_false", "ECRI/true false"),
        (34, "short_answer", "ECRI/true false"),
        (36, "numerical", "ECRI/true false"),
        (38, "numerical", "ECRI/true false"),
        (40, "numerical", "ECRI/true false"),
        (45, "matching", "ECRI/true false"),
        (53, "essay", "ECRI/true false"),
        (57, "single_choice", "ECRI/true false"),
    ]
    by_name = {parsed.question.name: parsed.question for parsed in result.questions}
    weighted = by_name["Weighted single choice"]
    assert (weighted.text_format, weighted.general_feedback) == ("markdown", "Strategy weighs most in ESCA Gold.")
    assert [choice["weight"] for choice in weighted.spec["choices"]] == [100, 50, -25]
    assert by_name["Missing word"].text == f"Grant is {BLANK} in Grant's tomb."
    assert by_name["Matching"].spec["distractors"] == ["Bavaria"]
    escapes = by_name["Escapes: all of them"]
    assert escapes.text == "A {brace}, a ~tilde, an =equals, a #hash, a back\\slash\nand a new line."


# Errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("Just a statement.", "No answer block"),
        ("Q?{=a ~b", "not closed"),
        ("Q?{=a {~b}", "A { inside the answer block"),
        ("Q?{=a ~b} and {T}", "More than one answer block"),
        ("Q} is odd?{T}", "stray brace"),
        ("::Unclosed title Q?{T}", "title is not closed"),
        ("{T}", "no text"),
        ("Q?{yes}", "Cannot tell the question type"),
        ("Q?{oops =a ~b}", "Text before the first answer"),
        ("Q?{~%fifty%a =b}", "Bad weight"),
        ("Q?{~a ~b}", "No right answer"),
        ("Q?{~%50%a ~%40%b}", "add up to 90%"),
        ("Q?{=a ~%150%b}", "between -100 and 100"),
        ("Q?{=a =a}", "appears twice"),
        ("Q?{T#a#b#c}", "at most two feedbacks"),
        ("Q?{#five}", "Bad numerical answer"),
        ("Q?{#5..}", "Bad numerical answer"),
        ("Q?{=a -> b =c}", "without ->"),
        ("Q?{=a -> b #fb =c -> d}", "no feedback"),
        ("Q?{=a -> b}", "at least 2"),
    ],
)
def test_a_broken_question_is_reported_with_a_reason(text, message):
    assert message in error_of(text)


def test_a_broken_question_in_the_middle_is_skipped_and_the_rest_is_read():
    text = (
        "::one::A?{T}\n\n// broken below\n::two::B?{=a ~b\n\n::three::C?{=c}\n\n"
        "::four::D?{~%50%x ~%20%y}\n\n::five::E?{}"
    )
    result = parse_gift(text)
    assert [parsed.question.name for parsed in result.questions] == ["one", "three", "five"]
    assert [(error.line, str(error)) for error in result.errors] == [
        (4, "line 4: The answer block is not closed: a } is missing."),
        (8, "line 8: Multiple response: the positive weights add up to 70%, not 100%."),
    ]
    assert not result.ok


def test_a_blank_line_inside_an_answer_block_splits_the_question_and_is_reported():
    result = parse_gift("Q?{\n=a\n\n~b\n}\n\nNext?{T}")
    assert [error.line for error in result.errors] == [1, 4]
    assert [parsed.question.text for parsed in result.questions] == ["Next?"]


def test_one_question_can_be_read_on_its_own_and_is_checked():
    assert read_question("Q?{T}", "CE01").category == "CE01"
    with pytest.raises(GiftSyntaxError, match="not closed"):
        read_question("Q?{T")
    with pytest.raises(QuestionSpecError, match="add up to 90%"):
        read_question("Q?{~%50%a ~%40%b}")


def test_a_clean_file_has_no_errors():
    assert parse_gift("::a::A?{T}").ok


# Fingerprints ---------------------------------------------------------------------------------


def test_fingerprints_are_stable_and_tell_duplicates_apart():
    text = "$CATEGORY: a\n\n::q::Q?{T}\n\n::q::Q?{T}\n\n::q::Q?{F}\n\n$CATEGORY: b\n\n::q::Q?{T}"
    first, second = parse_gift(text).questions, parse_gift(text).questions
    assert [p.fingerprint for p in first] == [p.fingerprint for p in second]
    prints = [p.fingerprint for p in first]
    assert prints[0] == prints[1] and len(set(prints)) == 3


# Writing and round trips ----------------------------------------------------------------------

TRICKY = "a {b} ~c =d #e :f \\g\\n [h] ->i %j ####k\nline two"

ROUND_TRIP = [
    Question(
        "single_choice",
        "Single: {tricky}",
        "Pick one " + TRICKY,
        {
            "choices": [
                answer("Right " + TRICKY, 100, "Yes " + TRICKY),
                answer("%half", 50, "fb"),
                answer("Wrong", -50),
                answer("Also wrong", 0, "#"),
            ]
        },
        general_feedback="General " + TRICKY,
        category="CE01/final",
    ),
    Question(
        "multiple_response",
        "Multiple",
        "Pick some",
        {"choices": [answer("%a", 50), answer("b", 50, "fb"), answer("c", -100, TRICKY), answer("d", 0)]},
        text_format="html",
        category="CE01/final",
    ),
    Question(
        "true_false",
        "TF with both feedbacks",
        "Statement " + TRICKY,
        {"answer": True, "feedback_true": "Right " + TRICKY, "feedback_false": "Wrong"},
        category="CE02",
    ),
    Question(
        "true_false",
        "TF right feedback empty",
        "Statement",
        {"answer": False, "feedback_true": "Wrong", "feedback_false": ""},
        general_feedback="General",
    ),
    Question("true_false", "TF bare", "Statement", {"answer": False, "feedback_true": "", "feedback_false": ""}),
    Question(
        "short_answer",
        "Short",
        f"Fill {BLANK} in",
        {
            "answers": [answer("four", 100), answer("%4", 100, "fb " + TRICKY), answer("for", 0, "no")],
            "case_sensitive": False,
        },
        text_format="markdown",
    ),
    Question(
        "short_answer",
        "Short blank at the end",
        f"Ends with {BLANK}",
        {"answers": [answer("x", 100)], "case_sensitive": False},
    ),
    Question(
        "numerical",
        "Numerical single",
        "How many?",
        {"answers": [{"value": 2.4, "tolerance": 0.05, "weight": 100, "feedback": "fb " + TRICKY}]},
        general_feedback="gf",
    ),
    Question(
        "numerical",
        "Numerical several",
        "When?",
        {
            "answers": [
                {"value": -1822.5, "tolerance": 0.0, "weight": 100, "feedback": ""},
                {"min": 1e-05, "max": 1e20, "weight": 33.3, "feedback": "far"},
                {"value": 7.0, "tolerance": 0.0, "weight": 0, "feedback": "no"},
            ]
        },
    ),
    Question(
        "matching",
        "Matching",
        "[html] looks like a format marker",
        {
            "pairs": [{"left": "a {b} ~c =d #e", "right": "x -> y " + TRICKY}, {"left": "%p", "right": "q"}],
            "distractors": ["z " + TRICKY],
        },
        general_feedback="gf",
    ),
    Question(
        "essay",
        "Essay",
        f"{BLANK} only a blank",
        {"response_template": "", "grader_info": ""},
        text_format="plain",
        general_feedback="Rubric " + TRICKY,
    ),
    Question("essay", "Essay bare", "Write.", {"response_template": "", "grader_info": ""}, category="CE01/final"),
]


@pytest.mark.parametrize("question", ROUND_TRIP, ids=[question.name for question in ROUND_TRIP])
def test_each_type_round_trips_through_gift(question):
    assert only(to_gift([question])) == question


def test_a_whole_file_round_trips_with_its_categories():
    questions = [parsed.question for parsed in parse_gift((DATA / "all_features.gift").read_text("utf-8")).questions]
    written = to_gift(questions + ROUND_TRIP)
    assert [parsed.question for parsed in parse_gift(written).questions] == questions + ROUND_TRIP
    assert written.count("$CATEGORY:") == 6


def test_a_category_line_is_written_only_when_the_category_changes():
    written = to_gift([ROUND_TRIP[0], ROUND_TRIP[1], ROUND_TRIP[2]])
    assert written.count("$CATEGORY: CE01/final") == 1 and written.count("$CATEGORY: CE02") == 1


def test_writing_refuses_what_gift_would_read_differently():
    matching = Question(
        "matching",
        "m",
        "Q",
        {"pairs": [{"left": "a -> b", "right": "c"}, {"left": "d", "right": "e"}], "distractors": []},
    )
    short = Question("short_answer", "s", "Q", {"answers": [answer("a -> b", 100)], "case_sensitive": False})
    for question in (matching, short):
        with pytest.raises(GiftWriteError, match="->"):
            to_gift([question])
    with pytest.raises(QuestionSpecError):
        to_gift([Question("true_false", "", "Q", {"answer": True, "feedback_true": "", "feedback_false": ""})])


def test_writing_leaves_out_what_gift_cannot_hold():
    short = Question("short_answer", "s", "Q", {"answers": [answer("EDP", 100)], "case_sensitive": True})
    essay = Question("essay", "e", "Q", {"response_template": "Start here", "grader_info": "Rubric"})
    assert only(to_gift([short])).spec["case_sensitive"] is False
    assert only(to_gift([essay])).spec == {"response_template": "", "grader_info": ""}


SAFE_TEXT = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Co", "Cc")) | st.sampled_from("\n{}~=#:\\%"), min_size=1, max_size=30
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, database=None, deadline=None)
@given(name=SAFE_TEXT, text=SAFE_TEXT, right=SAFE_TEXT, wrong=SAFE_TEXT, feedback=SAFE_TEXT)
def test_any_text_survives_a_round_trip(name, text, right, wrong, feedback):
    assume(right != wrong)
    question = Question(
        "single_choice",
        name,
        text,
        {"choices": [answer(right, 100, feedback), answer(wrong, -50)]},
        general_feedback=feedback,
    )
    assert only(to_gift([question])) == question
