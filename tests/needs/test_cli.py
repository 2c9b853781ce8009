"""`flask needs import | import-self-assessment | report | pdf`."""

import json

from sqlalchemy import func, select

from ecri_lms.infra.extensions import db
from ecri_lms.needs.models import Respondent, Survey
from tests.needs.test_files import long_csv, wide_csv


def test_import_creates_the_survey_and_report_prints_four_decimals(runner, make, tmp_path):
    make.curriculum_topics()
    make.partners()
    path = tmp_path / "answers.csv"
    path.write_text(wide_csv(), encoding="utf-8")
    result = runner.invoke(args=["needs", "import", str(path), "--survey", "Imported 2017"])
    assert result.exit_code == 0, result.output
    assert "6 new respondents, 0 replaced, 20 answers" in result.output
    report = runner.invoke(args=["needs", "report", "--survey", "Imported 2017", "--partner", "hbio"])
    lines = report.output.splitlines()
    assert lines[:4] == [
        "topic,n,importance,competence,gap,mwds,rank",
        "FIN,5,4.2000,2.2000,2.0000,8.4000,1",
        "REG,6,4.1667,2.5000,1.6667,6.9444,2",
        "GOV,5,3.0000,2.0000,1.0000,3.0000,3",
    ]
    assert "IP,4,,,,," in lines and "COMM,0,,,,," in lines  # IP: four answers, a small group withheld


def test_the_json_report_keeps_four_decimals_and_flags_small_topics(runner, make, tmp_path):
    make.curriculum_topics()
    make.partners()
    path = tmp_path / "answers.csv"
    path.write_text(long_csv(), encoding="utf-8")
    runner.invoke(args=["needs", "import", str(path), "--survey", "S"])
    output = runner.invoke(args=["needs", "report", "--survey", "S", "--format", "json", "--org-type", "sme"]).output
    assert '"mwds": 8.4000' in output
    rows = json.loads(output)
    assert rows[0] == {
        "topic": "FIN",
        "n": 5,
        "importance": 4.2,
        "competence": 2.2,
        "gap": 2.0,
        "mwds": 8.4,
        "rank": 1,
        "too_few_answers": False,
        "withheld": False,
    }
    ip = next(row for row in rows if row["topic"] == "IP")
    assert ip["rank"] is None and ip["too_few_answers"] is True and ip["withheld"] is True and ip["mwds"] is None
    ranked_all = json.loads(
        runner.invoke(args=["needs", "report", "--survey", "S", "--format", "json", "--rank-all"]).output
    )
    ip = next(row for row in ranked_all if row["topic"] == "IP")
    assert ranked_all[0]["topic"] == "FIN" and ip["withheld"] is True  # ranking all shows no small group


def test_a_refused_file_prints_every_bad_line_and_creates_no_survey(runner, make, tmp_path):
    make.curriculum_topics()
    make.partners()
    path = tmp_path / "answers.csv"
    path.write_text(long_csv() + "R9,NOWHERE,sme,FIN,4,2\n", encoding="utf-8")
    result = runner.invoke(args=["needs", "import", str(path), "--survey", "Bad"])
    assert result.exit_code == 1
    assert "line 22: unknown partner code 'NOWHERE'" in result.output and "Nothing was changed" in result.output
    assert db.session.scalar(select(func.count()).select_from(Survey)) == 0
    assert db.session.scalar(select(func.count()).select_from(Respondent)) == 0


def test_report_of_an_unknown_survey_or_partner_fails_clearly(runner, make):
    make.survey(name="Known")
    assert "No survey named 'Nope'" in runner.invoke(args=["needs", "report", "--survey", "Nope"]).output
    assert (
        "No partner with code 'XX'"
        in runner.invoke(args=["needs", "report", "--survey", "Known", "--partner", "XX"]).output
    )


def test_self_assessment_import_and_pdf_commands(runner, make, tmp_path):
    make.survey(name="Known")
    scores = tmp_path / "scores.csv"
    scores.write_text("partner;area;score;note\nLSK;value_chain;2;MDR\n", encoding="utf-8-sig")
    assert (
        "1 self-assessment score imported."
        in runner.invoke(args=["needs", "import-self-assessment", str(scores)]).output
    )
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["needs", "pdf", "--survey", "Known", "--out", str(out)])
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
