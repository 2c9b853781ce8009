"""Who may open which catalogue page, and who may change what: every role against every protected door."""

import io

import pytest
from sqlalchemy import func, select

from ecri_lms.catalogue.models import Course, Material
from ecri_lms.infra.extensions import db
from tests.catalogue import files

ROLES = ("anonymous", "trainee", "enrolled", "trainer", "partner_coordinator", "consortium_coordinator", "admin")
STAFF = {"trainer", "partner_coordinator", "consortium_coordinator"}


@pytest.fixture
def world(make):
    """An app course (with a lesson and a material) and a content course."""
    course = make.course("APP1", lessons=2)
    make.course("CE01", source="content", lessons=1)
    material = make.material(course)
    return {"course": course, "material": material}


@pytest.fixture
def as_role(client, login_as, make, world):
    def _as(role: str):
        if role == "anonymous":
            return None
        if role == "enrolled":
            user = make.trainee()
            make.enrolment(user, world["course"])
        else:
            user = getattr(make, role)()
        return login_as(user)

    return _as


def _expected(role: str, allowed: set[str], denied: int = 403) -> int:
    if role == "anonymous":
        return 302
    return 200 if role in allowed else denied


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url, allowed, denied",
    [
        ("/courses", set(ROLES), 403),
        ("/courses/APP1", set(ROLES), 403),
        ("/courses/new", STAFF, 403),
        ("/courses/APP1/edit", STAFF, 403),
        ("/courses/CE01/edit", set(), 403),
        ("/courses/APP1/lessons/new", STAFF, 403),
        ("/courses/APP1/lessons/lesson-1/edit", STAFF, 403),
        ("/courses/APP1/lessons/lesson-1", STAFF | {"enrolled"}, 302),
        ("/materials/{material}", STAFF | {"enrolled"}, 403),
        ("/materials/{material}/download", STAFF | {"enrolled"}, 403),
    ],
)
def test_who_may_open_each_page(client, as_role, world, role, url, allowed, denied):
    as_role(role)
    public = url in ("/courses", "/courses/APP1")

    with client.get(url.format(material=world["material"].id)) as response:
        status = response.status_code

    assert status == (200 if public else _expected(role, allowed, denied))


@pytest.mark.parametrize("role", ROLES)
def test_who_may_reorder_lessons(client, as_role, world, role):
    as_role(role)

    client.post("/courses/APP1/lessons/lesson-2/move", data={"direction": "up"})

    db.session.expire_all()
    slugs = [lesson.slug for lesson in db.session.scalar(select(Course).where(Course.code == "APP1")).active_lessons]
    assert slugs == (["lesson-2", "lesson-1"] if role in STAFF else ["lesson-1", "lesson-2"])


@pytest.mark.parametrize("role", ROLES)
def test_who_may_upload_materials(client, as_role, world, role):
    as_role(role)

    client.post(
        "/courses/APP1/materials",
        data={"attach_to": "course", "title": "x", "file": (io.BytesIO(files.PDF_BYTES), "x.pdf")},
        content_type="multipart/form-data",
    )

    count = db.session.scalar(select(func.count()).select_from(Material))
    assert count == (2 if role in STAFF else 1)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_enrol(client, as_role, world, role):
    as_role(role)

    response = client.post("/courses/APP1/enrol", follow_redirects=True)

    if role == "anonymous":
        assert "/login" in response.request.path
    elif role in ("trainee", "enrolled"):
        assert response.request.path == "/courses/APP1/lessons/lesson-1"
    else:
        assert "You do not have permission" in response.get_data(as_text=True)
