"""The comparative analysis report: a well-formed PDF naming every partner and its top need."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from ecri_lms.accounts.partners.services import all_partners
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs.pdf import render_comparative_report
from ecri_lms.needs.report import comparative_report
from ecri_lms.needs.services.assessment import save_self_assessment

TOP_TOPIC = {"BIOIBAL": "INTL", "HBIO": "IP", "LSK": "REG", "BIOPMED": "COMM"}
needs_qpdf = pytest.mark.skipif(
    not shutil.which("qpdf") or not shutil.which("pdftotext"), reason="needs Debian's qpdf and poppler-utils"
)


@pytest.fixture
def report(make):
    survey = make.survey(name="Report survey")
    for code, top in TOP_TOPIC.items():
        for _ in range(6):
            make.respondent(survey, partner=code, ratings={top: (5, 1), "FIN": (4, 3), "GOV": (3, 3)})
    coordinator = make.consortium_coordinator()
    save_self_assessment(coordinator, make.partner("HBIO"), {"financing": (2, "Χρηματοδότηση: μόνο έργα")})
    save_self_assessment(coordinator, make.partner("LSK"), {"value_chain": (2, "Członkowie: MDR i IVDR")})
    make.tagged_course("REG01", "REG")
    return comparative_report(survey, utcnow().date())


def pdf_text(data: bytes) -> str:
    """The PDF's text with line breaks and runs of spaces made single spaces (lines wrap anywhere)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_report_names_every_partner_and_its_top_topic(report):
    text = pdf_text(render_comparative_report(report))
    for partner in all_partners():
        assert partner.name in text
        assert f"Top training need: {TOP_TOPIC[partner.code]} – " in text
    assert "Χρηματοδότηση: μόνο έργα" in text and "Członkowie: MDR i IVDR" in text
    assert "REG01 – Course REG01" in text  # the course suggested for LSK's top need


def test_the_report_data_ranks_each_partners_own_top_need(report):
    assert {p.short_name: p.ranked[0].topic for p in report.partners} == {
        "BIOIB": "INTL",
        "Hellenic BioCluster": "IP",
        "LifeScience Kraków": "REG",
        "bioPmed": "COMM",
    }
    lsk = next(p for p in report.partners if p.short_name == "LifeScience Kraków")
    assert (
        "Life-science value chain",
        "highest training need in the survey (mean MWDS 20.00); self-assessed 2/5",
    ) in lsk.weaknesses


@needs_qpdf
def test_the_report_passes_qpdf_and_pdftotext_reads_the_names(report, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(render_comparative_report(report))
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Klaster LifeScience Kraków" in text and "Hellenic BioCluster" in text
    metadata = PdfReader(str(path)).metadata
    assert metadata.title == "Clusters Comparative Analysis Report – Report survey" and metadata.author == "ECRI LMS"
