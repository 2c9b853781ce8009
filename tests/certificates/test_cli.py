"""`flask certificates evaluate|issue|render|revoke|list`."""

import csv
import io

from ecri_lms.certificates import codes
from ecri_lms.certificates.models import Certificate
from ecri_lms.certificates.services import issue_manually
from ecri_lms.infra.extensions import db
from tests.certificates.conftest import view_all_lessons_unheard


def test_issue_gives_certificates_to_everyone_who_completed(held, runner):
    assert "0 certificates issued" in runner.invoke(args=["certificates", "issue", "--run", str(held.run.id)]).output
    view_all_lessons_unheard(held.trainee, held.course)
    result = runner.invoke(args=["certificates", "issue", "--run", str(held.run.id)])
    assert result.exit_code == 0 and "1 certificate issued" in result.output
    assert db.session.query(Certificate).count() == 1


def test_evaluate_reports_what_it_did(held, runner):
    view_all_lessons_unheard(held.trainee, held.course)
    result = runner.invoke(args=["certificates", "evaluate", "--run", str(held.run.id)])
    assert "1 trainee checked: 1 newly completed, 1 certificate issued." in result.output


def test_render_revoke_and_list(held, runner, tmp_path):
    certificate = issue_manually(held.coordinator, held.run, held.trainee, "Completed")
    db.session.commit()
    out = tmp_path / "c.pdf"
    result = runner.invoke(args=["certificates", "render", codes.display(certificate.code), "--out", str(out)])
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
    assert runner.invoke(args=["certificates", "revoke", certificate.code, "--reason", "Withdrawn"]).exit_code == 0
    second = runner.invoke(args=["certificates", "revoke", certificate.code, "--reason", "Again"])
    assert second.exit_code == 1 and "Only a current certificate" in second.output
    listed = runner.invoke(args=["certificates", "list", "--run", str(held.run.id), "--format", "csv"]).output
    rows = list(csv.reader(io.StringIO(listed)))
    assert rows[0] == ["code", "trainee", "course", "partner", "issued", "status"]
    assert rows[1][0] == codes.display(certificate.code) and rows[1][1] == "Łukasz Żółć"
    assert rows[1][3] == "LSK" and rows[1][5] == "revoked"


def test_unknown_codes_and_runs_are_errors(runner, tmp_path):
    assert (
        "No certificate with the code"
        in runner.invoke(args=["certificates", "render", "nope", "--out", str(tmp_path / "x.pdf")]).output
    )
    assert runner.invoke(args=["certificates", "list", "--run", "999"]).exit_code == 1
