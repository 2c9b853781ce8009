"""Attendance sheet, overview and own-attendance pages; the CSV export and the PDF sign-in sheet; who may see what."""

import csv
import io
import shutil
import subprocess

import pytest
from sqlalchemy import select

from ecri_lms.attendance.models import AttendanceMark
from ecri_lms.attendance.services import mark_one
from ecri_lms.infra.extensions import db


def test_the_trainer_saves_the_register_in_one_go(world, client, login_as):
    anna, lukasz, chris = world.trainees
    login_as(world.trainer)
    training_session = world.past[0]
    page = client.get(f"/sessions/{training_session.id}/sheet")
    assert page.status_code == 200 and "Łukasz Żółć" in page.text and "Sign-in sheet" in page.text
    response = client.post(
        f"/sessions/{training_session.id}/sheet",
        data={
            f"status-{anna.id}": "present",
            f"status-{lukasz.id}": "late",
            f"remark-{lukasz.id}": "Bus",
            f"status-{chris.id}": "",
        },
        follow_redirects=True,
    )
    assert "Attendance sheet saved: 2 changes" in response.text
    marks = {m.user_id: (m.status, m.remark) for m in db.session.scalars(select(AttendanceMark))}
    assert marks == {anna.id: ("present", ""), lukasz.id: ("late", "Bus")}
    assert "Not marked → Late" in response.text  # the history on the page


def _register_row(page: str, user) -> str:
    """The attendance sheet page's row of one trainee, from their status list to the end of the row."""
    return page.split(f'name="status-{user.id}"', 1)[1].split("</tr>", 1)[0]


def test_the_register_page_shows_each_trainees_own_mark_and_the_history_with_names(world, client, login_as, make):
    anna, lukasz, chris = world.trainees
    training_session = world.past[0]
    make.registration(world.run, make.trainee(name="Wendy Waiting"), status="waitlisted")
    mark_one(world.trainer, training_session, lukasz.id, "late", "Bus")
    mark_one(world.trainer, training_session, chris.id, "absent")
    db.session.commit()
    login_as(world.trainer)
    page = client.get(f"/sessions/{training_session.id}/sheet").text
    late = _register_row(page, lukasz)
    assert '<option value="late" selected>' in late and late.count(" selected") == 1 and 'value="Bus"' in late
    assert '<option value="absent" selected>' in _register_row(page, chris)
    assert '<option value="" selected>Not marked' in _register_row(page, anna) and "—" in _register_row(page, anna)
    assert "Wendy Waiting" not in page
    assert "Not marked → Late" in page and "Bus" in page and "Theodora Trainer" in page


def test_a_cancelled_sessions_register_rows_cannot_be_changed(world, client, login_as):
    from ecri_lms.accounts.permissions import SYSTEM
    from ecri_lms.scheduling.services import cancel_session

    cancel_session(SYSTEM, world.future, "Trainer ill")
    db.session.commit()
    login_as(world.trainer)
    page = client.get(f"/sessions/{world.future.id}/sheet").text
    assert "This session is cancelled" in page and "Save the attendance sheet" not in page
    assert all(_register_row(page, trainee).count(" disabled") == 2 for trainee in world.trainees)


def test_a_bad_status_is_refused_with_a_message_and_nothing_saved(world, client, login_as):
    anna, lukasz, _ = world.trainees
    login_as(world.trainer)
    response = client.post(
        f"/sessions/{world.past[0].id}/sheet",
        data={f"status-{anna.id}": "present", f"status-{lukasz.id}": "asleep"},
        follow_redirects=True,
    )
    assert "Choose present, late, excused or absent" in response.text
    assert db.session.scalar(select(AttendanceMark)) is None


def test_mark_everyone_present_from_the_page(world, client, login_as):
    login_as(world.trainer)
    response = client.post(f"/sessions/{world.past[1].id}/sheet/all-present", follow_redirects=True)
    assert "3 unmarked trainees marked present" in response.text


def test_the_register_exports_as_csv(world, client, login_as):
    mark_one(world.trainer, world.past[0], world.trainees[1].id, "late", "=cmd|' /C calc'!A0")
    db.session.commit()
    login_as(world.trainer)
    response = client.get(f"/sessions/{world.past[0].id}/sheet.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Name", "Email", "Partner", "Organisation", "Status"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Anna Alpha", "Łukasz Żółć", "Chris Gamma"}
    assert by_name["Łukasz Żółć"][4:7] == ["Late", "'=cmd|' /C calc'!A0", "Attendance sheet"]
    assert by_name["Łukasz Żółć"][8] == "Theodora Trainer" and by_name["Anna Alpha"][4] == ""


@pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("qpdf")), reason="needs poppler-utils and qpdf")
def test_the_sign_in_sheet_is_a_valid_pdf_with_every_name(world, client, login_as, tmp_path):
    login_as(world.trainer)
    response = client.get(f"/sessions/{world.past[0].id}/sign-in-sheet.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.data)
    subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for name in (
        "Anna Alpha",
        "Łukasz Żółć",
        "Chris Gamma",
        "Signature",
        world.run.display_title,
        world.past[0].venue.name,
        world.past[0].timezone,
    ):
        assert name in text


@pytest.mark.parametrize("who, status", [("trainee", 403), ("lsk_coordinator", 404), ("lsk_trainer", 404)])
def test_outsiders_get_no_register_overview_or_exports(world, make, client, login_as, who, status):
    people = {
        "trainee": lambda: world.trainees[0],
        "lsk_coordinator": lambda: make.partner_coordinator("LSK"),
        "lsk_trainer": lambda: make.trainer("LSK"),
    }
    if who == "lsk_trainer":  # a trainer of another run
        other_trainer = people[who]()
        make.run(partner="LSK", trainers=[other_trainer])
        login_as(other_trainer)
    else:
        login_as(people[who]())
    s, run = world.past[0].id, world.run.id
    for url in (
        f"/sessions/{s}/sheet",
        f"/sessions/{s}/sheet.csv",
        f"/sessions/{s}/sign-in-sheet.pdf",
        f"/runs/{run}/attendance",
        f"/runs/{run}/attendance.csv",
        f"/runs/{run}/gradebook",
    ):
        assert client.get(url).status_code == status, url
    for url in (
        f"/sessions/{s}/sheet",
        f"/sessions/{s}/sheet/all-present",
        f"/sessions/{s}/check-in/open",
        f"/runs/{run}/attendance/rule",
    ):
        assert (
            client.post(url, data={f"status-{world.trainees[0].id}": "present", "minutes": "30"}).status_code == status
        ), url
    assert db.session.scalar(select(AttendanceMark)) is None


def test_a_coordinator_in_scope_keeps_the_attendance_sheet(world, make, client, login_as):
    login_as(make.partner_coordinator("HBIO"))
    assert client.get(f"/sessions/{world.past[0].id}/sheet").status_code == 200
    assert client.get(f"/runs/{world.run.id}/attendance").status_code == 200


def test_the_overview_shows_the_grid_rates_and_the_rule(world, client, login_as):
    anna = world.trainees[0]
    for training_session, status in zip(world.past, ("present", "late", "excused"), strict=True):
        mark_one(world.trainer, training_session, anna.id, status)
    db.session.commit()
    login_as(world.trainer)
    page = client.get(f"/runs/{world.run.id}/attendance")
    assert "100%" in page.text and "Excused" in page.text and "Not yet" in page.text
    response = client.post(
        f"/runs/{world.run.id}/attendance/rule",
        data={"late_counts": "y", "excused_counts_as": "absent"},
        follow_redirects=True,
    )
    assert "The attendance rule is saved" in response.text and "67%" in response.text
    csv_text = client.get(f"/runs/{world.run.id}/attendance.csv").data.decode("utf-8-sig")
    assert "Anna Alpha" in csv_text and "0.6667" in csv_text


def test_a_trainee_sees_their_own_attendance_only(world, client, login_as):
    anna, lukasz, _ = world.trainees
    mark_one(world.trainer, world.past[0], anna.id, "late", "Missed the bus")
    mark_one(world.trainer, world.past[0], lukasz.id, "absent", "Private note about Łukasz")
    db.session.commit()
    login_as(anna)
    page = client.get("/my/attendance")
    assert page.status_code == 200 and world.run.display_title in page.text
    assert "Missed the bus" in page.text and "Late" in page.text and "Łukasz" not in page.text


def test_the_run_page_links_the_attendance_sheet_for_its_managers_only(world, client, login_as):
    login_as(world.trainer)
    page = client.get(f"/runs/{world.run.id}")
    assert f"/sessions/{world.past[0].id}/sheet" in page.text and f"/runs/{world.run.id}/gradebook" in page.text
    login_as(world.trainees[0])
    page = client.get(f"/runs/{world.run.id}")
    assert "/sheet" not in page.text
    assert "/my/attendance" in client.get("/my/sessions").text
