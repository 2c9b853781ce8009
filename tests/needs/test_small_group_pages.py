"""The needs page, its CSV and the command line's JSON hide small groups alike, and nothing gives them back."""

import csv
import io
import json
from decimal import Decimal

import pytest

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.extensions import db
from ecri_lms.needs.disclosure import table_sums
from ecri_lms.needs.services import imports
from tests.needs.builders import LONG_HEADER
from tests.needs.test_small_groups import subtraction_attack

# HBIO: six SMEs and one research body (whose ratings must never show); LSK: five SMEs.
RESPONDENTS = [("HBIO", "sme", 5, 2)] * 6 + [("HBIO", "research", 1, 5)] + [("LSK", "sme", 4, 3)] * 5
TYPES = ("sme", "research")


@pytest.fixture
def survey(make, login_as):
    survey = make.survey(name="Small groups", topics=("FIN",))
    lines = [LONG_HEADER] + [
        f"R{number},{partner},{org_type},FIN,{importance},{competence}"
        for number, (partner, org_type, importance, competence) in enumerate(RESPONDENTS, start=1)
    ]
    imports.import_answers(SYSTEM, survey, ("\n".join(lines) + "\n").encode())
    db.session.commit()
    login_as(make.consortium_coordinator())
    return survey


def _downloaded(client, survey, partner, org_type) -> dict:
    query = {"partner": partner or "", "org_type": org_type or ""}
    response = client.get(f"/needs/surveys/{survey.id}/ranking.csv", query_string=query)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text.removeprefix("\ufeff"))))
    return next(row for row in rows if row["topic"] == "FIN")


def test_a_lone_respondent_shows_no_rating_on_the_page(client, survey):
    page = client.get(f"/needs/?survey={survey.id}&partner=HBIO&org_type=research").text
    assert "hidden: small group" in page
    assert "1.0000" not in page and "5.0000" not in page  # the research body's importance and competence


def test_no_download_gives_the_lone_respondent_back_by_subtraction(client, make, survey):
    partner_ids = {code: make.partner(code).id for code in ("HBIO", "LSK")}
    importance_sums, sizes = {}, {}
    for partner in (None, "HBIO", "LSK"):
        for org_type in (None, *TYPES):
            row = _downloaded(client, survey, partner, org_type)
            cell = (partner_ids.get(partner), org_type)
            sizes[cell] = int(row["n"])
            if row["importance"]:  # a shown mean times its n is the sum of the ratings, a whole number
                importance_sums[cell] = int((Decimal(row["importance"]) * int(row["n"])).to_integral_value())
    lone = (partner_ids["HBIO"], "research")
    hidden = frozenset(cell for cell in sizes if cell not in importance_sums and sizes[cell])
    assert lone in hidden and len(hidden) >= 2
    sums = table_sums(sorted(partner_ids.values()))
    values = {**importance_sums, **{cell: 0 for cell in hidden}}
    values.update({cell: 0 for relation in sums for cell in (relation.total, *relation.parts) if cell not in values})
    assert lone not in subtraction_attack(values, sums, hidden)


def test_the_json_report_hides_the_same_cells(runner, survey):
    printed = runner.invoke(args=["needs", "report", "--survey", survey.name, "--partner", "HBIO", "--format", "json"])
    (fin,) = json.loads(printed.output)
    assert fin["withheld"] is True and fin["importance"] is None  # HBIO's total less its SMEs would be the lone one
