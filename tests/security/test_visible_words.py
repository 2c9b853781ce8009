"""Words a person reads: no page or export of the role crawl shows a raw code where its label belongs,
and no "(s)" stands in for a plural. The codes are generated from every labelled enum's values."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from ecri_lms.app.templating import LABELLED_ENUMS
from ecri_lms.assessment.question_types import all_types
from tests.security.client_roles import act_as
from tests.security.routes import route_cases, url_of
from tests.security.visible_text import visible_texts
from tests.security.world import ROLES

PAGES = [endpoint for endpoint, method in route_cases() if method == "GET"]
# A code that reads as its own label ("SME" aside, codes are lower case: "open" is not "Open").
CODES = sorted({m.value for e in LABELLED_ENUMS for m in e if m.value != m.label})
# Codes with an underscore are never words, wherever they stand (question types' too: the world's questions
# are named "essay", "matching"); the others only when they stand alone.
UNDERSCORED = sorted({c for c in CODES if "_" in c} | {t.name for t in all_types() if "_" in t.name})
CODE_WORD = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in UNDERSCORED) + r")\b")
STANDALONE = frozenset(CODES)
CRAWLING_ROLES = ROLES[1:] + ("learner", "teacher")
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _raw_codes(texts) -> list[str]:
    return sorted({t for t in texts if t in STANDALONE or CODE_WORD.search(t) or "(s)" in t})


def _cells(response) -> list[str]:
    if response.mimetype == "text/csv":
        return [cell for row in csv.reader(io.StringIO(response.get_data(as_text=True))) for cell in row]
    workbook = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    return [str(c) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]


@pytest.mark.generated
@pytest.mark.parametrize("role", CRAWLING_ROLES)
def test_no_page_or_export_shows_a_raw_code(app, client, world, role):
    shown = {}
    for endpoint in PAGES:
        act_as(client, world, role)
        response = client.get(url_of(app, endpoint, world.ids))
        if response.status_code == 200:
            if response.mimetype == "text/html":
                found = _raw_codes(visible_texts(response.get_data(as_text=True)))
            elif response.mimetype in ("text/csv", SPREADSHEET):
                found = _raw_codes(_cells(response))
            else:
                found = []
            if found:
                shown[endpoint] = found
        response.close()
    assert not shown, f"{role} reads codes: {shown}"


def test_one_word_per_concept_signing_up_is_not_registering(client):
    page = client.get("/").get_data(as_text=True)
    assert ">Sign up</a>" in page and ">Register</a>" not in page
