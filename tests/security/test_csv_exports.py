"""CSV exports open safely in every partner's spreadsheet: no text cell becomes a formula whatever the
delimiter the reader splits on (`,` `;` tab), numbers (negative ones too) stay numbers, and every CSV is
streamed by the one writer."""

import csv
import html
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from itertools import count, cycle
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.models import User
from ecri_lms.accounts.organisations import Organisation
from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.assessment.models import Question, Quiz
from ecri_lms.catalogue.models import Course, CurriculumArea, Topic
from ecri_lms.certificates.models import Certificate
from ecri_lms.infra.exports import csv_lines, csv_response
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs.analysis import MIN_ANSWERS
from ecri_lms.needs.models import Answer, Respondent, Survey, TrainingPlan
from ecri_lms.needs.services import plans
from ecri_lms.reporting.lists import ROW_SETS
from ecri_lms.scheduling.models import CourseRun, Venue
from tests.security.client_roles import act_as
from tests.security.matrix import MATRIX
from tests.security.routes import route_cases, url_of
from tests.security.spreadsheet import FORMULA_PAYLOADS, formula_cells
from tests.security.world import ROLES

pytestmark = pytest.mark.generated

TODAY = utcnow().date()
# The reports' period: around the world's run, whatever the day of the year the test runs.
PERIOD = {"start": (TODAY - timedelta(days=365)).isoformat(), "end": (TODAY + timedelta(days=365)).isoformat()}

text_cells = st.text(alphabet=st.sampled_from(list(",;\t\r\n\" =+-@'aZ1é")), max_size=12)
any_cells = st.one_of(
    text_cells,
    st.sampled_from(FORMULA_PAYLOADS),
    st.integers(-(10**9), 10**9),
    st.decimals(allow_nan=False, allow_infinity=False, places=4),
    st.floats(allow_nan=False, allow_infinity=False),
    st.none(),
    st.dates(),
)


def _csv(headers, rows) -> str:
    return "".join(csv_lines(headers, rows))


def test_no_payload_becomes_a_formula_whatever_the_delimiter():
    text = _csv(["name", *FORMULA_PAYLOADS], [[payload, payload] for payload in FORMULA_PAYLOADS])
    assert formula_cells(text) == []


@given(rows=st.lists(st.lists(any_cells, min_size=1, max_size=4), max_size=5))
def test_no_generated_row_becomes_a_formula_whatever_the_delimiter(rows):
    assert formula_cells(_csv(["a", "b"], rows)) == []


def test_text_reads_back_with_only_apostrophes_added_and_numbers_stay_numbers():
    rows = [["Eleni;=1+1;@SUM(1+1)", -3, Decimal("-0.2500"), -1.5, date(2027, 3, 1), 'Núñez, José "Pepe"']]
    header, row = list(csv.reader(io.StringIO(_csv(["name", "n", "mwds", "gap", "day", "who"], rows))))
    assert row == ["Eleni;'=1+1;'@SUM(1+1)", "-3", "-0.2500", "-1.5", "2027-03-01", 'Núñez, José "Pepe"']


def test_a_negative_number_never_starts_a_line():
    # Read with ;, the line `-1,5+HYPERLINK(…)` would be one cell: in Spain or Greece the formula -1.5+HYPERLINK(…).
    text = _csv(["gap", "note"], [[-1, '5+HYPERLINK("http://evil.example")']])
    assert list(csv.reader(io.StringIO(text)))[1] == ["'-1", '5+HYPERLINK("http://evil.example")']
    assert formula_cells(text) == []


def test_a_csv_download_streams_its_rows_as_they_are_read(app):
    read = []

    def endless_rows():
        for number in count():
            assert number < 100, "the export read ahead instead of streaming"
            read.append(number)
            yield [f"trainee {number}", number]

    with app.test_request_context():
        response = csv_response("big", ["name", "n"], endless_rows())
        chunks = iter(response.response)
        first = [next(chunks) for _ in range(3)]
    assert response.is_streamed and first == ["\ufeff", "name,n\r\n", "trainee 0,0\r\n"]
    assert read == [0]


# Free text that reaches the exports, each set to one of the payloads.
HOSTILE_COLUMNS = (
    (User, "name"),
    (Course, "title"),
    (CourseRun, "title"),
    (Topic, "name"),
    (CurriculumArea, "name"),
    (Venue, "name"),
    (Organisation, "name"),
    (Survey, "name"),
    (TrainingPlan, "title"),
    (AuditEvent, "summary"),
    (Question, "name"),
    (Quiz, "title"),
    (Certificate, "trainee_name"),
    (Certificate, "course_title"),
)
# Who fetches the exports: the first of these roles the matrix lets through.
READERS = ("cc", "pc_own", "trainer", "trainee", "admin")
CRAWLERS = ("cc", "pc_own")  # between them, they see every page that links to a CSV
# Exports that write people's names or titles: the payloads must be found in them.
NAMES_AND_TITLES = {
    "attendance.sheet_csv",
    "attendance.run_overview_csv",
    "gradebook.run_gradebook_csv",
    "reporting.rows_export",
    "reporting.trainee_export",
    "reporting.audit_export",
}
CSV_LINK = re.compile(r'href="([^"]*\.csv(?:\?[^"]*)?)"')


def _plant_payloads(world) -> None:
    """Hostile text in every name and title; answers that give a negative MWDS; the plan approved (coverage)."""
    plans.approve(SYSTEM, db.session.get(TrainingPlan, world.ids["plan_id"]))
    payloads = cycle(FORMULA_PAYLOADS)
    for model, column in HOSTILE_COLUMNS:
        for row in db.session.scalars(select(model)):
            setattr(row, column, next(payloads))
    survey = db.session.get(Survey, world.ids["survey_id"])
    for number in range(MIN_ANSWERS):  # competence above importance: a negative gap and MWDS
        respondent = Respondent(
            survey_id=survey.id,
            partner_id=survey.partner_id,
            organisation_type="sme",
            external_id=f"N{number}",
            answered_at=utcnow(),
            answers=[Answer(topic_id=survey.topics[0].id, importance=2, competence=5)],
        )
        db.session.add(respondent)
    db.session.commit()


def _carries_a_payload(text: str) -> bool:
    """Whether a payload was written into the CSV (apostrophes aside)."""
    cells = [cell.replace("'", "") for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for cell in row]
    return any(payload.replace("'", "") in cell for cell in cells for payload in FORMULA_PAYLOADS)


def _reader(endpoint: str) -> str:
    line = MATRIX[endpoint]["GET"]
    return next(role for role in READERS if line[ROLES.index(role)] == "A")


def _csv_endpoints(app) -> set[str]:
    """Every GET route whose URL names a CSV file or a format that may be csv."""
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and (rule.rule.endswith(".csv") or "<fmt>" in rule.rule)
    }


def _exports(app, client, world) -> set[tuple[str, str]]:
    """(role, URL) of every CSV export: each CSV route with the world's objects, every list of the reports, and
    every CSV link on every page (charts, record tables…), as the roles that see them."""
    adapter = app.url_map.bind("localhost")
    found = {
        (_reader(endpoint), f"{url_of(app, endpoint, world.ids)}?{urlencode(PERIOD)}")
        for endpoint in _csv_endpoints(app)
    }
    found |= {
        (
            _reader("reporting.rows_export"),
            f"{url_of(app, 'reporting.rows_export', world.ids, key=key)}?{urlencode(PERIOD)}",
        )
        for key in ROW_SETS
    }
    for role in CRAWLERS:
        act_as(client, world, role)
        for endpoint, method in route_cases(app):
            if method != "GET" or endpoint in _csv_endpoints(app):
                continue
            response = client.get(url_of(app, endpoint, world.ids), query_string=PERIOD)
            if response.mimetype == "text/html":
                links = {html.unescape(link) for link in CSV_LINK.findall(response.get_data(as_text=True))}
                found |= {(role, link) for link in links if adapter.match(urlsplit(link).path)[0]}
            response.close()
    return found


def test_every_csv_export_is_safe_whatever_the_delimiter_and_keeps_numbers(app, client, world):
    _plant_payloads(world)
    adapter = app.url_map.bind("localhost")
    covered, unsafe, texts = set(), [], {}
    for role, url in sorted(_exports(app, client, world)):
        act_as(client, world, role)
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "text/csv", (role, url, response.status_code)
        assert response.is_streamed, f"{url} is not written by exports.csv_response"
        text = response.get_data(as_text=True)
        unsafe += [(url, *cell) for cell in formula_cells(text)]
        endpoint = adapter.match(urlsplit(url).path)[0]
        covered.add(endpoint)
        texts[url] = text
    assert not unsafe, unsafe
    assert covered == _csv_endpoints(app)
    carrying = {adapter.match(urlsplit(url).path)[0] for url, text in texts.items() if _carries_a_payload(text)}
    assert carrying >= NAMES_AND_TITLES, f"no payload reached {NAMES_AND_TITLES - carrying}"
    ranking = texts[next(url for url in texts if "ranking.csv" in url)]
    mwds = [row[5] for row in csv.reader(io.StringIO(ranking.removeprefix("\ufeff")))][1:]
    assert [float(value) for value in mwds if value] == [-6.0]


def test_the_survey_links_download_is_safe_whatever_the_delimiter(app, client, world):
    _plant_payloads(world)
    act_as(client, world, "pc_own")
    response = client.post(
        url_of(app, "needs.survey_links", world.ids), data={"partner": "HBIO", "organisation_type": "sme", "count": "2"}
    )
    assert response.status_code == 200 and response.mimetype == "text/csv" and response.is_streamed
    assert formula_cells(response.get_data(as_text=True)) == []
