"""Materials of one run: uploaded by its trainers from the run page, seen by its confirmed trainees only."""

import io

from sqlalchemy import select

from ecri_lms.catalogue.models import Material
from ecri_lms.infra.extensions import db
from tests.catalogue import files


def _upload(client, run, name="Room plan.pdf", data=None, title="Room plan"):
    data = {"title": title, "file": (io.BytesIO(data or files.docx()), name)}
    return client.post(
        f"/runs/{run.id}/materials", data=data, content_type="multipart/form-data", follow_redirects=True
    )


def test_a_trainer_of_the_run_uploads_a_material_shown_on_the_run_page(client, login_as, make):
    trainer = make.trainer()
    run = make.run(trainers=[trainer])
    login_as(trainer)

    page = _upload(client, run, "Room plan.docx").get_data(as_text=True)

    material = db.session.scalar(select(Material))
    assert (material.owner_type, material.owner_id, material.title) == ("run", run.id, "Room plan")
    assert "Material uploaded." in page and "Room plan" in page


def test_a_trainer_of_another_partner_cannot_upload(client, login_as, make):
    run = make.run(trainers=[make.trainer()], partner="HBIO")
    login_as(make.trainer(partner="LSK"))

    page = _upload(client, run, "Room plan.docx").get_data(as_text=True)

    assert db.session.scalar(select(Material)) is None
    assert "You cannot add materials here." in page


def test_a_confirmed_trainee_sees_the_material_and_a_waitlisted_one_does_not(client, login_as, make):
    trainer = make.trainer()
    run = make.run(trainers=[trainer], capacity=1)
    login_as(trainer)
    _upload(client, run, "Room plan.docx", title="Secret room plan")
    confirmed, waiting = make.trainee(), make.trainee()
    make.registration(run, confirmed)
    make.registration(run, waiting, status="waitlisted")

    login_as(confirmed)
    assert "Secret room plan" in client.get(f"/runs/{run.id}").get_data(as_text=True)
    login_as(waiting)
    assert "Secret room plan" not in client.get(f"/runs/{run.id}").get_data(as_text=True)


def test_an_upload_without_a_file_says_so(client, login_as, make):
    trainer = make.trainer()
    run = make.run(trainers=[trainer])
    login_as(trainer)

    response = client.post(f"/runs/{run.id}/materials", data={"title": "Nothing"}, follow_redirects=True)
    page = response.get_data(as_text=True)

    assert "Choose a file." in page and db.session.scalar(select(Material)) is None
