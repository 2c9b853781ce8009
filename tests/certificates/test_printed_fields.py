"""The PDF prints every field the public verification page shows: a genuine certificate never looks altered."""

import io
import zipfile
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from ecri_lms.catalogue.content.loader import load_tree
from ecri_lms.certificates.services import issue_manually, pdf_of, reissue
from ecri_lms.infra.extensions import db

SHIPPED = {course.code: course for course in load_tree(Path(__file__).resolve().parents[2] / "course_content").courses}
LONG_OUTCOMES = tuple(
    f"Outcome {number}: design, price and evaluate a service that a cluster organisation offers its member SMEs, "
    "with the evidence a funder asks for and the indicators the European Cluster Excellence Programme uses"
    for number in range(1, 13)
)
EMPTY = {"—", "No expiry"}


class _Fields(HTMLParser):
    """A page's description list as (label, value) pairs, a list's items each a value of their own."""

    def __init__(self):
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._in = ""
        self._label = ""
        self._items: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("dt", "dd"):
            self._in, self._items = tag, [""]
        elif tag == "li" and self._in == "dd":
            self._items.append("")

    def handle_endtag(self, tag):
        if tag == "dt":
            self._label = " ".join("".join(self._items).split())
        elif tag == "dd":
            self.pairs.extend((self._label, " ".join(item.split())) for item in self._items if item.strip())
        if tag in ("dt", "dd"):
            self._in = ""

    def handle_data(self, data):
        if self._in:
            self._items[-1] += data


def _shown_fields(client, certificate) -> list[str]:
    page = client.get(f"/verify/{certificate.code}")
    assert page.status_code == 200
    parser = _Fields()
    parser.feed(page.get_data(as_text=True))
    fields = []
    for label, value in parser.pairs:
        # The run is named by its course and its partner, two fields the certificate prints apart.
        fields.extend(value.rsplit(", ", 1) if label == "Training run" else [value])
    return fields


def _printed_text(certificate) -> str:
    reader = PdfReader(io.BytesIO(pdf_of(certificate)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _certificate_of(held, make, code: str, title: str, outcomes) -> object:
    course = make.course(code, title=title, outcomes=tuple(outcomes))
    run = make.run(course, partner="LSK", starts_in=timedelta(days=-9), sessions=1)
    trainee = make.trainee("LSK", name="Łukasz Nowak")
    make.registration(run, trainee)
    certificate = issue_manually(held.coordinator, run, trainee, "Completed")
    db.session.commit()
    return certificate


def _unprinted(client, certificate) -> list[str]:
    text = _printed_text(certificate)
    return [field for field in _shown_fields(client, certificate) if field not in EMPTY and field not in text]


@pytest.mark.parametrize("code", sorted(SHIPPED))
def test_every_field_of_the_verification_page_is_printed_for_every_shipped_course(held, make, client, code):
    course = SHIPPED[code]
    certificate = _certificate_of(held, make, f"T{code}", course.title, course.outcomes)
    assert len(certificate.outcomes) == len(course.outcomes)
    assert _unprinted(client, certificate) == []


def test_twelve_long_outcomes_are_all_printed_on_a_continuation_page(held, make, client):
    certificate = _certificate_of(held, make, "LONG12", "Designing member services", LONG_OUTCOMES)
    assert _unprinted(client, certificate) == []
    pages = PdfReader(io.BytesIO(pdf_of(certificate))).pages
    assert len(pages) >= 2
    assert "see the next page" in pages[0].extract_text() and certificate.trainee_name in pages[1].extract_text()


def test_the_batch_zip_names_each_file_after_its_trainee(held, make, client, login_as):
    others = ["José Núñez", "Νίκος Παπαδόπουλος"]
    for name in others:
        trainee = make.trainee("LSK", name=name)
        make.registration(held.run, trainee)
        issue_manually(held.coordinator, held.run, trainee, "Completed")
    db.session.commit()
    login_as(held.coordinator)
    names = zipfile.ZipFile(io.BytesIO(client.get(f"/runs/{held.run.id}/certificates.zip").data)).namelist()
    assert sorted(name.split(" – ")[0] for name in names) == sorted(others)


def test_a_superseded_certificate_links_to_the_one_that_replaced_it(held, client):
    old = issue_manually(held.coordinator, held.run, held.trainee, "Completed")
    new = reissue(held.coordinator, old, "Name corrected on the profile")
    db.session.commit()
    page = client.get(f"/verify/{old.code}").get_data(as_text=True)
    assert f'href="/verify/{new.code}"' in page
    assert "replaced by" not in client.get(f"/verify/{new.code}").get_data(as_text=True)
