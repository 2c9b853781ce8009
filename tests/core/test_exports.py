import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from ecri_lms.infra.exports import csv_lines, csv_response, to_xlsx

HOSTILE = ['=HYPERLINK("http://evil")', "+1+2", "-3", "@SUM(A1)", 'Núñez, José "Pepe"', "Żółć"]


def test_csv_keeps_commas_quotes_and_accents_and_defuses_formulas():
    text = "".join(csv_lines(["name", "score"], [[name, 1] for name in HOSTILE]))
    rows = list(csv.reader(io.StringIO(text)))
    names = [row[0] for row in rows[1:]]
    assert names == ['\'=HYPERLINK("http://evil")', "'+1+2", "'-3", "'@SUM(A1)", 'Núñez, José "Pepe"', "Żółć"]


def test_xlsx_keeps_numbers_as_numbers_and_dates_as_dates():
    moment = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
    data = to_xlsx(["name", "score", "rate", "day", "at"], [["=1+1", 42, Decimal("87.5"), date(2027, 3, 1), moment]])
    sheet = load_workbook(io.BytesIO(data)).active
    name, score, rate, day, at = [cell.value for cell in sheet[2]]
    assert name == "'=1+1"
    assert score == 42 and isinstance(score, int)
    assert rate == 87.5
    assert day.date() == date(2027, 3, 1)
    assert at == datetime(2027, 3, 1, 9, 30)
    assert [cell.value for cell in sheet[1]] == ["name", "score", "rate", "day", "at"]


def test_csv_response_is_an_attachment_with_a_bom(app):
    with app.test_request_context():
        response = csv_response("report", ["a"], [["é"]])
        assert response.headers["Content-Disposition"] == 'attachment; filename="report.csv"'
        assert response.get_data(as_text=True) == "\ufeffa\r\né\r\n"
