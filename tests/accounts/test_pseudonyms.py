"""Rewriting the text that names an erased person: every mention of them, and nothing else."""

from ecri_lms.privacy.pseudonyms import Pseudonym

ERASED = "Erased user 5"
ERASED_EMAIL = "erased-5@erased.invalid"


def pseudonym(*names, protected=()):
    return Pseudonym(names=names, emails=("ana@example.org",), protected=protected, name=ERASED, email=ERASED_EMAIL)


def test_an_address_is_rewritten_in_any_case_but_never_inside_a_longer_one():
    text = "Mail ANA@Example.org, diana@example.org, ana@example.org.uk or (ana@example.org)."
    assert pseudonym("Ana Li").rewrite(text) == (
        f"Mail {ERASED_EMAIL}, diana@example.org, ana@example.org.uk or ({ERASED_EMAIL})."
    )


def test_a_full_name_is_rewritten_in_any_case_and_spacing_but_not_inside_other_names():
    text = "Ana Li, ANA  LI and ana\nli met Ana Lima, Diana Li and Ana Lis."
    assert pseudonym("Ana Li").rewrite(text) == f"{ERASED}, {ERASED} and {ERASED} met Ana Lima, Diana Li and Ana Lis."


def test_a_one_word_name_is_rewritten_only_as_written():
    assert pseudonym("Mark").rewrite("Mark got full mark, MARK.") == f"{ERASED} got full mark, MARK."


def test_longer_names_of_others_that_contain_the_name_stay():
    rewritten = pseudonym("Ana Li", protected=("Ana Li Wang",)).rewrite("Ana Li and Ana Li Wang")
    assert rewritten == f"{ERASED} and Ana Li Wang"


def test_a_longer_former_name_of_the_person_is_rewritten_whole():
    assert pseudonym("Ana Li", "Ana Li-Wong").rewrite("Ana Li-Wong, now Ana Li") == f"{ERASED}, now {ERASED}"


def test_structured_values_are_rewritten_in_their_texts_only():
    value = {"reason": "Ana Li asked", "count": 2, "to": ["ana@example.org", None], "Ana Li": True}
    assert pseudonym("Ana Li").rewrite(value) == {
        "reason": f"{ERASED} asked",
        "count": 2,
        "to": [ERASED_EMAIL, None],
        "Ana Li": True,
    }


def test_without_names_only_the_addresses_are_rewritten():
    assert pseudonym().rewrite("Ana Li <ana@example.org>") == f"Ana Li <{ERASED_EMAIL}>"
