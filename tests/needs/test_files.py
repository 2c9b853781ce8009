"""Reading imported files: both shapes, CSV dialects, XLSX, and every line-numbered refusal."""

import io

import pytest
from openpyxl import Workbook

from ecri_lms.needs.analysis import Rating, analyse
from ecri_lms.needs.files import Vocabulary, parse_assessment_table, parse_survey_table
from ecri_lms.needs.tabular import TableError, read_table
from tests.factories import CURRICULUM_TOPICS
from tests.needs.builders import HAND_DATA, LONG_HEADER, long_csv

TOPICS = frozenset(code for code, *_ in CURRICULUM_TOPICS)
VOCAB = Vocabulary(
    partners=frozenset({"BIOIBAL", "HBIO", "LSK", "BIOPMED"}),
    topics=TOPICS,
    survey_topics=TOPICS,
    areas=frozenset({"financing", "value_chain"}),
)


def parse(text: str, vocab: Vocabulary = VOCAB, encoding: str = "utf-8"):
    return parse_survey_table(read_table(text.encode(encoding)), vocab)


def errors_of(text: str, vocab: Vocabulary = VOCAB) -> list[str]:
    respondents, errors = parse(text, vocab)
    assert respondents == []
    return [str(e) for e in errors]


def wide_csv() -> str:
    topics = list(HAND_DATA)
    lines = ["respondent_id,partner,organisation_type," + ",".join(f"{t}_importance,{t}_competence" for t in topics)]
    for index in range(6):
        cells = []
        for topic in topics:
            importances, competences = HAND_DATA[topic]
            cells += [str(importances[index]), str(competences[index])] if index < len(importances) else ["", ""]
        lines.append(f"R{index + 1},HBIO,sme," + ",".join(cells))
    return "\n".join(lines) + "\n"


def ratings_of(respondents) -> list[Rating]:
    return [Rating((r.partner, r.external_id), topic, i, c) for r in respondents for topic, (i, c) in r.answers.items()]


def test_long_and_wide_files_give_the_same_ranking():
    long_rows, long_errors = parse(long_csv())
    wide_rows, wide_errors = parse(wide_csv())
    assert long_errors == wide_errors == []
    long_needs, wide_needs = analyse(ratings_of(long_rows)), analyse(ratings_of(wide_rows))
    assert long_needs == wide_needs
    assert [(n.topic, str(n.mwds), n.rank) for n in long_needs] == [
        ("FIN", "8.4000", 1),
        ("REG", "6.9444", 2),
        ("GOV", "3.0000", 3),
        ("IP", "20.0000", None),
    ]


def test_semicolons_and_a_byte_order_mark_are_understood():
    text = "\ufeff" + long_csv().replace(",", ";")
    respondents, errors = parse(text)
    assert errors == [] and len(respondents) == 6


def test_quoted_cells_and_crlf_line_ends_keep_the_line_numbers_right():
    text = f'{LONG_HEADER}\r\n"R1",HBIO,sme,FIN,4,2\r\n"R2",HBIO,sme,FIN,9,2\r\n'
    assert errors_of(text) == ["line 3: importance 9 is outside the scale 1–5"]


def test_an_empty_cell_is_no_answer_and_a_row_with_none_is_kept():
    text = f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,\nR1,HBIO,sme,GOV,,\n"
    respondents, errors = parse(text)
    assert errors == []
    assert respondents[0].answers == {"FIN": (4, None)}


def test_every_bad_line_is_listed_with_its_number_and_reason():
    text = (
        "\n".join(
            [
                LONG_HEADER,
                "R1,HBIO,sme,FIN,4,2",  # 2 fine
                "R2,XXX,sme,FIN,4,2",  # 3 unknown partner
                "R3,HBIO,sme,NOPE,4,2",  # 4 unknown topic
                "R4,HBIO,startup,FIN,4,2",  # 5 unknown organisation type
                "R5,HBIO,sme,FIN,4.5,2",  # 6 not a whole number
                "R6,HBIO,sme,FIN,4,0",  # 7 out of range
                "R1,HBIO,sme,FIN,3,3",  # 8 duplicate respondent/topic
                "R1,HBIO,research,GOV,3,3",  # 9 organisation type differs for R1
                ",HBIO,sme,FIN,3,3",  # 10 no respondent id
                "",  # 11 blank: skipped
                "R7,HBIO,sme,FIN,3,3,extra",  # 12 more cells than columns
            ]
        )
        + "\n"
    )
    assert errors_of(text) == [
        "line 3: unknown partner code 'XXX'",
        "line 4: unknown topic code 'NOPE'",
        "line 5: unknown organisation type 'startup' (use one of: sme, large_company, research, cluster_team, "
        "public_body)",
        "line 6: importance '4.5' is not a whole number from 1 to 5",
        "line 7: competence 0 is outside the scale 1–5",
        "line 8: respondent R1 (HBIO) already answered topic FIN on line 2",
        "line 9: organisation type differs from line 2 for respondent R1",
        "line 10: respondent_id is missing",
        "line 12: 7 cells but the header has 6 columns",
    ]


def test_a_wide_file_refuses_a_repeated_respondent():
    text = "respondent_id,partner,organisation_type,FIN_importance,FIN_competence\nR1,LSK,sme,4,2\nR1,LSK,sme,5,1\n"
    assert errors_of(text) == ["line 3: respondent R1 (LSK) already appears on line 2"]


def test_the_same_respondent_id_in_two_partners_is_two_respondents():
    text = f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,2\nR1,LSK,sme,FIN,4,2\n"
    respondents, errors = parse(text)
    assert errors == [] and {(r.partner, r.external_id) for r in respondents} == {("HBIO", "R1"), ("LSK", "R1")}


@pytest.mark.parametrize(
    "header, expected",
    [
        ("respondent_id,partner,topic,importance,competence", ["line 1: missing column organisation_type"]),
        ("respondent_id,partner,organisation_type,FIN_importance", ["line 1: missing column FIN_competence"]),
        (
            "respondent_id,partner,organisation_type,XYZ_importance,XYZ_competence",
            [
                "line 1: unknown topic code 'xyz' in column xyz_importance",
                "line 1: unknown topic code 'xyz' in column xyz_competence",
            ],
        ),
        (LONG_HEADER + ",comment", ["line 1: unknown column 'comment'"]),
        (
            "id,name,score",
            [
                "line 1: the header is neither the long shape (respondent_id,partner,organisation_type,topic,"
                "importance,competence) nor the wide shape (respondent_id,partner,organisation_type,"
                "<TOPIC>_importance,<TOPIC>_competence,…)"
            ],
        ),
    ],
)
def test_a_wrong_header_is_refused_on_line_one(header, expected):
    assert errors_of(header + "\nR1,HBIO,sme,FIN,4,2\n") == expected


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The file is empty."),
        (b"\n  \n", "The file is empty."),
        (LONG_HEADER.encode() + b"\n", "The file has a header but no data rows."),
        (b"\xff\xfe\x00r\x00e", "neither XLSX nor UTF-8"),
        (b"PK\x03\x04 not really a workbook", "cannot be read as XLSX"),
    ],
)
def test_files_that_are_not_tables_are_refused(content, message):
    with pytest.raises(TableError, match=message):
        read_table(content)


# A NUL character in a header, an id, a code, a number, a note; with comma, semicolon and CR line ends.
NUL_IN_CSV = [
    ("respondent_id\x00,partner,organisation_type,topic,importance,competence\nR1,HBIO,sme,FIN,4,2\n", 1),
    (f"{LONG_HEADER}\nR\x001,HBIO,sme,FIN,4,2\n", 2),
    (f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,2\nR2,HB\x00IO,sme,FIN,4,2\n", 3),
    (f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4\x00,2\n", 2),
    (f"{LONG_HEADER}\r\nR1;HBIO;sme;FIN;4;2\r\nR2;HBIO;sme;FIN;4;\x00\r\n".replace(",", ";"), 3),
    ("partner,area,score,note\rLSK,financing,3,Fees\x00\r", 2),
]


@pytest.mark.parametrize("text, line", NUL_IN_CSV)
def test_a_csv_file_with_a_nul_character_is_refused_naming_the_line(text, line):
    with pytest.raises(TableError, match=f"line {line}: a NUL character"):
        read_table(text.encode())


def test_partner_scope_and_the_survey_partner_make_rows_line_errors():
    scoped = Vocabulary(
        partners=VOCAB.partners, topics=TOPICS, survey_topics=TOPICS, allowed_partners=frozenset({"HBIO"})
    )
    text = f"{LONG_HEADER}\nR1,HBIO,sme,FIN,4,2\nR2,LSK,sme,FIN,4,2\n"
    assert errors_of(text, scoped) == ["line 3: partner LSK is outside your scope (you may import for HBIO only)"]
    for_lsk = Vocabulary(partners=VOCAB.partners, topics=TOPICS, survey_topics=TOPICS, survey_partner="LSK")
    assert errors_of(text, for_lsk) == ["line 2: partner HBIO is not this survey's partner (LSK)"]


def test_a_known_topic_outside_the_survey_is_refused():
    narrow = Vocabulary(partners=VOCAB.partners, topics=TOPICS, survey_topics=frozenset({"FIN"}))
    errors = errors_of(f"{LONG_HEADER}\nR1,HBIO,sme,GOV,4,2\n", narrow)
    assert errors == ["line 2: topic GOV is not part of this survey"]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_file_is_read_with_numbers_as_whole_numbers_and_its_row_numbers():
    data = xlsx(
        [
            ["respondent_id", "partner", "organisation_type", "FIN_importance", "FIN_competence"],
            ["R1", "hbio", "SME", 4, 2.0],
            [None, None, None, None, None],
            ["R2", "HBIO", "sme", 3.5, None],
        ]
    )
    respondents, errors = parse_survey_table(read_table(data), VOCAB)
    assert [str(e) for e in errors] == ["line 4: FIN importance '3.5' is not a whole number from 1 to 5"]
    good = xlsx(
        [
            ["respondent_id", "partner", "organisation_type", "FIN_importance", "FIN_competence"],
            ["R1", "hbio", "SME", 4, 2.0],
        ]
    )
    respondents, errors = parse_survey_table(read_table(good), VOCAB)
    assert errors == [] and respondents[0].partner == "HBIO" and respondents[0].answers == {"FIN": (4, 2)}


def test_self_assessment_rows_are_checked_like_answers():
    text = (
        "\n".join(
            [
                "partner,area,score,note",
                "HBIO,financing,2,Project funding only",
                "HBIO,financing,3,",
                "LSK,marketing,4,",
                "BIOPMED,value_chain,,",
                "XX,value_chain,6,",
            ]
        )
        + "\n"
    )
    scores, errors = parse_assessment_table(read_table(text.encode()), VOCAB)
    assert scores == []
    assert [str(e) for e in errors] == [
        "line 3: partner HBIO and area financing already appear on line 2",
        "line 4: unknown curriculum area 'marketing' (use one of: financing, value_chain)",
        "line 5: score is missing",
        "line 6: unknown partner code 'XX'",
        "line 6: score 6 is outside the scale 1–5",
    ]


def test_self_assessment_without_a_note_column_is_accepted():
    scores, errors = parse_assessment_table(read_table(b"partner;area;score\nLSK;value_chain;2\n"), VOCAB)
    assert errors == [] and [(s.partner, s.area, s.score, s.note) for s in scores] == [("LSK", "value_chain", 2, "")]
