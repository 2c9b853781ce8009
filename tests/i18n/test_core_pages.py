"""Pages, errors, menus, charts, numbers and exports of the core are read in the reader's language."""

import io
import re

from flask import render_template_string
from flask_wtf import FlaskForm
from openpyxl import load_workbook
from werkzeug.datastructures import MultiDict

from ecri_lms.infra import navigation
from ecri_lms.infra.charts import grouped_bars, horizontal_bars
from ecri_lms.infra.exports import csv_lines, to_xlsx
from ecri_lms.infra.form_fields import LocaleFloatField
from ecri_lms.infra.i18n import _l, country_name, in_language
from ecri_lms.infra.navigation import NavItem, nav_for

GREEK = {
    "el": {
        "Log in": "Σύνδεση",
        "Forgot your password?": "Ξεχάσατε τον κωδικό πρόσβασής σας;",
        "E-mail": "Email",
        "Page not found": "Η σελίδα δεν βρέθηκε",
        "This page does not exist: check the address, or start again from the home page.": "Αυτή η σελίδα δεν υπάρχει.",
        "Me": "Ο χώρος μου",
        "Notifications": "Ειδοποιήσεις",
        "My sessions": "Οι συνεδρίες μου",
        "Name": "Όνομα",
        "Data": "Δεδομένα",
        "yes": "ναι",
        ("page", "Next"): "Επόμενη",
        "Page %(page)s of %(pages)s": "Σελίδα %(page)s από %(pages)s",
    }
}


def heading(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S).group(1).strip()


def test_a_page_in_greek_shows_its_heading_labels_and_title_in_greek(client, catalogues):
    catalogues(GREEK)
    response = client.get("/login", headers={"Accept-Language": "el"})
    assert '<html lang="el">' in response.text and heading(response) == "Σύνδεση"
    assert "<title>Σύνδεση · ECRI LMS</title>" in response.text
    assert ">Email</label>" in response.text and "Ξεχάσατε τον κωδικό πρόσβασής σας;" in response.text
    english = client.get("/login")
    assert heading(english) == "Log in" and ">E-mail</label>" in english.text


def test_an_error_page_is_in_the_reader_s_language(client, catalogues):
    catalogues(GREEK)
    response = client.get("/no-such-page", headers={"Accept-Language": "el"})
    assert response.status_code == 404
    assert heading(response) == "Η σελίδα δεν βρέθηκε" and "Αυτή η σελίδα δεν υπάρχει." in response.text
    assert client.get("/no-such-page", headers={"Accept-Language": "el", "Accept": "application/json"}).json == {
        "error": "Η σελίδα δεν βρέθηκε",
        "message": "Αυτή η σελίδα δεν υπάρχει.",
    }


def test_too_many_attempts_says_when_in_words_of_the_language(app, catalogues):
    from ecri_lms.infra.errors import _in_words

    catalogues({"pl": {("%(num)d minute", "%(num)d minutes"): ("%(num)d minutę", "%(num)d minuty", "%(num)d minut")}})
    with app.test_request_context(), in_language("pl"):
        assert [_in_words(seconds) for seconds in (60, 120, 300)] == ["1 minutę", "2 minuty", "5 minut"]
    with app.test_request_context():
        assert [_in_words(seconds) for seconds in (1, 59, 61)] == ["1 second", "59 seconds", "2 minutes"]


def test_menus_are_grouped_by_their_english_name_and_shown_in_the_reader_s(app, catalogues, monkeypatch, make):
    catalogues(GREEK)
    everyone = lambda _user: True  # noqa: E731
    monkeypatch.setattr(
        navigation,
        "_ITEMS",
        [
            NavItem(_l("My sessions"), "scheduling.my_sessions", 1, everyone, menu=_l("Me")),
            NavItem("Notifications", "notifications.index", 2, everyone, menu="Me"),  # an area that marked nothing
        ],
    )
    with app.test_request_context(headers={"Accept-Language": "el"}):
        [menu] = nav_for(make.trainee(language=None))
    assert menu["label"] == "Ο χώρος μου"
    assert [child["label"] for child in menu["children"]] == ["Οι συνεδρίες μου", "Ειδοποιήσεις"]


def test_the_pager_speaks_the_reader_s_language(app, catalogues):
    catalogues(GREEK)
    page = type("P", (), {"pages": 3, "page": 1, "has_prev": False, "has_next": True, "next_num": 2})()
    with app.test_request_context("/notifications", headers={"Accept-Language": "el"}):
        html = render_template_string('{% from "_macros.html" import pager %}{{ pager(page) }}', page=page)
    assert "Σελίδα 1 από 3" in html and ">Επόμενη</a>" in html


def test_a_decimal_typed_the_spanish_way_is_read_as_the_number_it_is(app):
    class GradeForm(FlaskForm):
        grade = LocaleFloatField("Grade")

    with app.test_request_context(method="POST", headers={"Accept-Language": "es"}):
        form = GradeForm(formdata=MultiDict({"grade": "62,5"}), meta={"csrf": False})
        assert form.validate() and form.grade.data == 62.5
        assert GradeForm(data={"grade": 1140.5}, meta={"csrf": False}).grade._value() == "1140,5"
    with app.test_request_context(method="POST", headers={"Accept-Language": "en"}):
        assert GradeForm(formdata=MultiDict({"grade": "62.5"}), meta={"csrf": False}).grade.data == 62.5


def test_charts_write_their_numbers_the_reader_s_way(app):
    rows = [("HBIO", 8.4, False), ("LSK", -0.9, False)]
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert [bar.value_text for bar in horizontal_bars(rows).bars] == ["8,40", "-0,90"]
        assert [tick.text for tick in grouped_bars([("HBIO", [0.6])], ["Rate"]).ticks][:3] == ["0", "0,2", "0,4"]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert [bar.value_text for bar in horizontal_bars(rows).bars] == ["8.40", "-0.90"]


def test_exports_translate_their_headers_and_words_but_keep_values(app, catalogues):
    catalogues(GREEK)
    with app.test_request_context(headers={"Accept-Language": "el"}):
        text = "".join(csv_lines([_l("Name"), "id"], [["Ελένη", True], ["Ana", 62.5]]))
        workbook = load_workbook(io.BytesIO(to_xlsx([_l("Name")], [["Ελένη"]])))
    assert text.splitlines() == ["Όνομα,id", "Ελένη,ναι", "Ana,62.5"]
    assert workbook.sheetnames == ["Δεδομένα"] and workbook.active["A1"].value == "Όνομα"


def test_a_sheet_title_a_translation_made_unfit_for_excel_is_made_fit(app):
    with app.app_context():
        workbook = load_workbook(io.BytesIO(to_xlsx(["a"], [], sheet_title="Plans: 2027/28 [draft]?")))
    assert workbook.sheetnames == ["Plans 2027 28 draft"]


def test_a_partner_s_country_is_named_in_the_reader_s_language(app, client, make):
    with app.test_request_context(headers={"Accept-Language": "pl"}):
        assert [country_name(code, name) for code, name in (("ES", "Spain"), ("GR", "Greece"))] == [
            "Hiszpania",
            "Grecja",
        ]
        assert country_name("DE", "Deutschland") == "Deutschland"  # a name of its own is left as it was typed
    make.partners()
    assert "(Balearic Islands, España)" in client.get("/sign-up", headers={"Accept-Language": "es"}).text
