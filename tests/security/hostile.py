"""Hypothesis strategies for hostile values: what a careless or malicious client might send."""

import io
from datetime import date, datetime

from hypothesis import strategies as st

FRAGMENTS = (
    "", " ", "\x00", "abc\x00def", "' OR '1'='1", "1; DROP TABLE user_account; --", "\" OR 1=1 --",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}",
    "{% raw %}", "../../etc/passwd", "%00", "%s%s%n", "Ελληνικά Polski 中文 العربية עברית", "\u202etxt.exe",
    "\ufeff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "-1", "0", "-0", "1e308", "NaN", "inf", "-99999999999999999999",
    "99999999999999999999999999", "2147483648", "9223372036854775808", "1.5", "0x10", "true", "null", "[]",
    "{}", "0001-01-01", "9999-12-31", "0000-00-00", "2027-02-30", "1900-01-01T00:00", "9999-12-31T23:59",
    "2027-03-31T02:30", "25:61", "admin", "trainee", "consortium_coordinator", "HBIO", "LSK", "UTC",
    "Mars/Olympus_Mons",
)


def _long(n: int) -> str:
    return "x" * n


hostile_text = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=40),
    st.integers(min_value=-2**70, max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda moment: moment.strftime("%Y-%m-%dT%H:%M")),
    st.sampled_from((300, 5_000, 100_000)).map(_long),
)

hostile_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=0, max_size=3))

ZIP_HEADER = b"PK\x03\x04"
PDF_HEADER = b"%PDF-1.4\n"
hostile_file_bytes = st.one_of(
    st.just(b""),
    st.binary(max_size=200),
    st.sampled_from((PDF_HEADER, ZIP_HEADER, PDF_HEADER + ZIP_HEADER * 4, b"GIF89a<script>alert(1)</script>",
                     b"MZ\x90\x00" + b"\x00" * 60, b"\xef\xbb\xbf::q::Question{=a ~b", b"::q::{")),
)
hostile_filename = st.one_of(st.sampled_from(("a.pdf", "../../x.pdf", "x.pdf\x00.exe", "", "ünï cødé.xlsx",
                                              "a" * 300 + ".csv", "quiz.gift", "answers.csv")), st.text(max_size=20))


def file_value(data: bytes, filename: str):
    return (io.BytesIO(data), filename)
