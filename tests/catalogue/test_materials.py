"""Materials: uploads checked by content, versions kept, downloads only for the course's people."""

import io

import pytest
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder

from ecri_lms.catalogue.models import Material, MaterialVersion
from ecri_lms.catalogue.services import add_version, get_material_for, upload_material, version_for_download
from ecri_lms.catalogue.uploads import UploadRefused
from ecri_lms.infra.errors import NotFound, PermissionDenied
from ecri_lms.infra.extensions import db
from tests.catalogue import files


def _upload(client, course, name: str, data: bytes, attach_to: str = "course", title: str = "Handout"):
    return client.post(
        f"/courses/{course.code}/materials",
        data={"title": title, "attach_to": attach_to, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def _materials() -> int:
    return db.session.scalar(select(func.count()).select_from(Material))


def test_a_trainer_uploads_a_material_to_a_course(client, login_as, make):
    course = make.course()
    login_as(make.trainer())

    response = _upload(client, course, "Day 1 slides.pptx", files.pptx())

    assert response.status_code == 200 and "Material uploaded." in response.get_data(as_text=True)
    version = db.session.scalar(select(MaterialVersion))
    assert (version.number, version.kind, version.original_name, version.file_name) == (
        1,
        "pptx",
        "Day 1 slides.pptx",
        "Day_1_slides.pptx",
    )


def test_a_material_can_be_attached_to_a_lesson_of_the_course(client, login_as, make):
    course = make.course(lessons=2)
    lesson = course.active_lessons[1]
    login_as(make.trainer())

    _upload(client, course, "checklist.pdf", files.PDF_BYTES, attach_to=f"lesson:{lesson.id}")

    material = db.session.scalar(select(Material))
    assert (material.owner_type, material.owner_id) == ("lesson", lesson.id)


def test_a_lesson_of_another_course_cannot_be_chosen(client, login_as, make):
    course, other = make.course(), make.course(lessons=1)
    login_as(make.trainer())

    response = _upload(client, course, "x.pdf", files.PDF_BYTES, attach_to=f"lesson:{other.active_lessons[0].id}")

    assert "Attach to: Not a valid choice." in response.text and _materials() == 0


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("tool.exe", files.PE_BYTES, "This file is a Windows program"),
        ("slides.pdf", files.PE_BYTES, "This file is a Windows program"),
        ("slides.pdf", files.ELF_BYTES, "This file is a Linux program"),
        ("page.html", b"<html><body>hi</body></html>", "This type of file is not allowed"),
        ("../../etc/passwd.pdf", files.PDF_BYTES, "without a folder path"),
    ],
)
def test_a_refused_upload_says_why_and_stores_nothing(client, login_as, make, name, data, message):
    course = make.course()
    login_as(make.trainer())

    response = _upload(client, course, name, data)

    assert message in response.get_data(as_text=True)
    assert _materials() == 0


def test_an_over_size_upload_is_refused_with_the_limit(app, client, login_as, make, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 1024)
    course = make.course()
    login_as(make.trainer())

    response = _upload(client, course, "big.pdf", files.PDF_BYTES + b"0" * 4096)

    assert "The file is too large: the limit is 1 KB." in response.get_data(as_text=True)
    assert _materials() == 0


def test_a_request_past_the_size_limit_gets_a_clear_413(app, client, login_as, make, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 1024 * 1024)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024 + 1024)
    course = make.course()
    login_as(make.trainer())

    builder = EnvironBuilder(
        path=f"/courses/{course.code}/materials",
        method="POST",
        data={"attach_to": "course", "file": (io.BytesIO(files.PDF_BYTES + b"0" * (2 * 1024 * 1024)), "huge.pdf")},
    )
    environ = builder.get_environ()
    try:
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()

    assert response.status_code == 413
    assert "The file is too large: the limit is 1 MB." in response.get_data(as_text=True)


def test_trainees_cannot_upload(make):
    course = make.course()
    trainee = make.trainee()
    make.enrolment(trainee, course)

    with pytest.raises(PermissionDenied):
        upload_material(trainee, "course", course.id, "Mine", "x.pdf", io.BytesIO(files.PDF_BYTES))


def test_a_new_version_keeps_the_old_one_and_trainees_get_the_current(make):
    course = make.course()
    trainer, trainee = make.trainer(), make.trainee()
    make.enrolment(trainee, course)
    material = upload_material(trainer, "course", course.id, "Survey", "survey.csv", io.BytesIO(files.CSV_BYTES))

    add_version(trainer, material, "survey.xlsx", io.BytesIO(files.xlsx()), note="As a spreadsheet")
    db.session.commit()

    assert [v.number for v in material.versions] == [2, 1]
    assert version_for_download(trainee, material, None).kind == "xlsx"
    assert version_for_download(trainer, material, 1).kind == "csv"
    with pytest.raises(NotFound):
        version_for_download(trainee, material, 1)


def test_a_refused_new_version_leaves_the_material_as_it_was(make):
    course = make.course()
    trainer = make.trainer()
    material = make.material(course)

    with pytest.raises(UploadRefused):
        add_version(trainer, material, "v2.pdf", io.BytesIO(files.ELF_BYTES))

    assert [v.number for v in material.versions] == [1]


def test_a_trainee_not_enrolled_gets_403_on_a_material(client, login_as, make):
    course = make.course()
    material = make.material(course)
    login_as(make.trainee())

    assert client.get(f"/materials/{material.id}/download").status_code == 403
    assert client.get(f"/materials/{material.id}").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, make):
    material = make.material(make.course())

    response = client.get(f"/materials/{material.id}/download")

    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_enrolled_trainee_downloads_the_current_version_as_an_attachment(client, login_as, make):
    course = make.course()
    material = make.material(course, versions=2)
    trainee = make.trainee()
    make.enrolment(trainee, course)
    login_as(trainee)

    with client.get(f"/materials/{material.id}/download") as response:
        body = response.get_data()
        headers = response.headers

    assert response.status_code == 200 and body.endswith(b"% version 2\n")
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == "attachment; filename=slides_v2.pdf"
    assert "sandbox" in headers["Content-Security-Policy"] and headers["X-Content-Type-Options"] == "nosniff"
    with client.get(f"/materials/{material.id}/download?version=1") as old:
        assert old.status_code == 404


def test_staff_see_the_history_and_download_old_versions(client, login_as, make):
    course = make.course()
    material = make.material(course, versions=2)
    login_as(make.trainer(partner="LSK"))

    page = client.get(f"/materials/{material.id}").get_data(as_text=True)
    with client.get(f"/materials/{material.id}/download?version=1") as old:
        body = old.get_data()

    assert "Versions" in page and "slides v1.pdf" in page and "Upload a new version" in page
    assert body.endswith(b"% version 1\n")


def test_a_trainee_sees_no_history(client, login_as, make):
    course = make.course()
    material = make.material(course, versions=2)
    trainee = make.trainee()
    make.enrolment(trainee, course)
    login_as(trainee)

    page = client.get(f"/materials/{material.id}").get_data(as_text=True)

    assert "slides v1.pdf" not in page and "Upload a new version" not in page


def test_a_removed_material_disappears_for_trainees(client, login_as, make):
    course = make.course()
    material = make.material(course)
    trainer, trainee = make.trainer(), make.trainee()
    make.enrolment(trainee, course)
    login_as(trainer)
    client.post(f"/materials/{material.id}/remove")

    login_as(trainee)
    assert client.get(f"/materials/{material.id}/download").status_code == 404
    assert "Slides" not in client.get(f"/courses/{course.code}").get_data(as_text=True)
    with pytest.raises(NotFound):
        get_material_for(trainee, material.id)


def test_lesson_materials_are_listed_on_the_lesson_page(client, login_as, make):
    course = make.course(lessons=1)
    lesson = course.active_lessons[0]
    make.material(lesson, title="Lesson checklist")
    trainee = make.trainee()
    make.enrolment(trainee, course)
    login_as(trainee)

    page = client.get(f"/courses/{course.code}/lessons/{lesson.slug}").get_data(as_text=True)

    assert "Lesson checklist" in page
