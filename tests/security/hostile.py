"""Hypothesis strategies for hostile values: what a careless or malicious client might send."""

import io
from datetime import date, datetime

from hypothesis import strategies as st

FRAGMENTS = (
    "",
    " ",
    "\x00",
    "abc\x00def",
    "' OR '1'='1",
    "1; DROP TABLE user_account; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}",
    "{% raw %}",
    "../../etc/passwd",
    "%00",
    "%s%s%n",
    "Ελληνικά Polski 中文 العربية עברית",
    "\u202etxt.exe",
    "\ufeff",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "-1",
    "0",
    "-0",
    "1e308",
    "NaN",
    "inf",
    "-99999999999999999999",
    "99999999999999999999999999",
    "2147483648",
    "9223372036854775808",
    "1.5",
    "0x10",
    "true",
    "null",
    "[]",
    "{}",
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "2027-02-30",
    "1900-01-01T00:00",
    "9999-12-31T23:59",
    "2027-03-31T02:30",
    "25:61",
    "admin",
    "trainee",
    "consortium_coordinator",
    "HBIO",
    "LSK",
    "UTC",
    "Mars/Olympus_Mons",
)


# Just past what the databases store: PostgreSQL's integer and bigint, and their negatives.
BOUNDARY_NUMBERS = tuple(str(n) for n in (2**31 - 1, 2**31, -(2**31) - 1, 2**32, 2**63 - 1, 2**63, -(2**63) - 1, 2**64))


def _long(n: int) -> str:
    return "x" * n


hostile_text = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(BOUNDARY_NUMBERS),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda moment: moment.strftime("%Y-%m-%dT%H:%M")
    ),
    st.sampled_from((300, 5_000, 100_000)).map(_long),
)

hostile_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=0, max_size=3))

ZIP_HEADER = b"PK\x03\x04"
PDF_HEADER = b"%PDF-1.4\n"
hostile_file_bytes = st.one_of(
    st.just(b""),
    st.binary(max_size=200),
    st.sampled_from(
        (
            PDF_HEADER,
            ZIP_HEADER,
            PDF_HEADER + ZIP_HEADER * 4,
            b"GIF89a<script>alert(1)</script>",
            b"MZ\x90\x00" + b"\x00" * 60,
            b"\xef\xbb\xbf::q::Question{=a ~b",
            b"::q::{",
        )
    ),
)
hostile_filename = st.one_of(
    st.sampled_from(
        ("a.pdf", "../../x.pdf", "x.pdf\x00.exe", "", "ünï cødé.xlsx", "a" * 300 + ".csv", "quiz.gift", "answers.csv")
    ),
    st.text(max_size=20),
)

# Files the importers accept, into which hostile text is spliced: what they read is checked like a form field.
READABLE_FILES = (
    ("quiz.gift", "$CATEGORY: ECRI/basics\n\n::q1::Is a cluster a place?{T}\n\n::q2::Pick one.{=yes ~no#why}\n"),
    ("answers.csv", "respondent_id,partner,organisation_type,topic,importance,competence\nR1,HBIO,sme,ECON,4,2\n"),
    ("answers.csv", "respondent_id;partner;organisation_type;ECON_importance;ECON_competence\nR1;HBIO;sme;4;2\n"),
    ("scores.csv", "partner,area,score,note\nHBIO,strategy_services,3,Fees\n"),
)


def _spliced(file: tuple[str, str], text: str, at: int) -> tuple[bytes, str]:
    name, content = file
    at %= len(content) + 1
    return (content[:at] + text + content[at:]).encode(), name


hostile_upload = st.one_of(
    st.tuples(hostile_file_bytes, hostile_filename),
    st.builds(_spliced, st.sampled_from(READABLE_FILES), hostile_text, st.integers(min_value=0)),
)


def file_value(data: bytes, filename: str):
    return (io.BytesIO(data), filename)
