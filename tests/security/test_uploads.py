"""Hostile uploads into every upload form: refused cleanly (never a 500), the database unchanged,
nothing left in the file store."""

import io

import pytest

from ecri_lms.infra.extensions import db
from ecri_lms.infra.storage import get_storage
from tests.security import stats
from tests.security.client_roles import act_as
from tests.security.hostile_files import GIF_POLYGLOT, hostile_files
from tests.security.routes import url_of
from tests.security.state import changed_tables, fingerprint

pytestmark = pytest.mark.generated

# endpoint → (file field, other fields of the form)
UPLOAD_FORMS = {
    "catalogue.upload": ("file", {"title": "Hostile", "attach_to": "course"}),
    "catalogue.new_version": ("file", {"note": "hostile"}),
    "assessment.import_questions": ("import-gift_file", {}),
    "needs.survey_import": ("file", {}),
    "needs.self_assessment_import": ("file", {}),
}
FILES = hostile_files()


@pytest.fixture(autouse=True)
def _as_the_owning_coordinator(client, world):
    """Signed in before the database's state is taken: signing in writes a login session."""
    act_as(client, world, "pc_own")


def _send(app, client, world, endpoint, data: bytes, filename: str):
    field, others = UPLOAD_FORMS[endpoint]
    form = {name: value.format(**world.ids) for name, value in others.items()}
    form[field] = (io.BytesIO(data), filename)
    return client.post(url_of(app, endpoint, world.ids), data=form, content_type="multipart/form-data")


@pytest.mark.parametrize("endpoint", sorted(UPLOAD_FORMS))
@pytest.mark.parametrize("case", sorted(FILES))
def test_a_hostile_file_is_refused_and_changes_nothing(app, client, world, request, endpoint, case):
    data, filename = FILES[case]
    before, files_before = fingerprint(), set(get_storage().keys())

    response = _send(app, client, world, endpoint, data, filename)
    response.close()

    assert response.status_code < 500
    changed = changed_tables(before, fingerprint())
    assert not changed, f"{case} into {endpoint} changed {changed}"
    assert set(get_storage().keys()) == files_before
    stats.count(request.config, upload_cases=1)


@pytest.mark.parametrize("endpoint", sorted(UPLOAD_FORMS))
def test_a_file_over_the_request_limit_is_a_413(app, client, world, monkeypatch, endpoint):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 64 * 1024)
    before = fingerprint()

    response = _send(app, client, world, endpoint, b"%PDF-1.4\n" + b"0" * (128 * 1024), "big.pdf")

    assert response.status_code == 413
    assert b"too large" in response.data
    assert not changed_tables(before, fingerprint())


def test_a_malformed_gift_file_names_its_lines_and_creates_nothing(app, client, world):
    before = fingerprint()
    _send(
        app,
        client,
        world,
        "assessment.import_questions",
        b"// header\n\n::broken:: What? {=yes ~no\n\n::also broken:: {#abc}\n",
        "bad.gift",
    )
    db.session.expire_all()
    assert not changed_tables(before, fingerprint())
    with client.session_transaction() as sess:
        messages = [message for _category, message in sess.get("_flashes", [])]
    assert any(message.startswith("Line 3") for message in messages), messages


def test_an_image_polyglot_is_only_ever_served_as_an_inert_download(app, client, world):
    _send(app, client, world, "catalogue.new_version", GIF_POLYGLOT, "picture.gif")
    response = client.get(url_of(app, "catalogue.download", world.ids))
    assert response.status_code == 200
    assert response.mimetype != "text/html"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    response.close()
