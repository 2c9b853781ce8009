"""Who may open which scheduling page: every protected endpoint, for every kind of visitor."""

import pytest

from ecri_lms.accounts.models import User
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling import services
from ecri_lms.scheduling.models import CourseRun
from tests.dbutil import prebuilt_data
from tests.factories import Factory


def _world_ids(_app) -> dict[str, int]:
    """A published HBIO run with a session and a registration, a draft, and an HBIO venue."""
    make = Factory()
    trainee = make.trainee("HBIO")
    run = make.run(partner="HBIO", format="online")
    registration = make.registration(run, trainee)
    draft = make.run(partner="HBIO", status="draft", format="online")
    return {
        "run": run.id,
        "session": run.sessions[0].id,
        "registration": registration.id,
        "draft": draft.id,
        "venue": make.venue("HBIO").id,
        "trainee": trainee.id,
    }


@pytest.fixture(scope="module")
def _world_data(app, tmp_path_factory):
    """The world, built once for the module's eighty tests (tests/dbutil.py, `PrebuiltData`)."""
    with prebuilt_data(tmp_path_factory, "scheduling_permissions", _world_ids) as prebuilt:
        yield prebuilt


@pytest.fixture
def world(_world_data, app, monkeypatch):
    with _world_data.used_by(app, monkeypatch) as ids:
        yield ids | {"trainee": db.session.get(User, ids["trainee"])}


MANAGEMENT_PAGES = [
    ("get", "/runs/{run}/edit"),
    ("get", "/runs/{run}/sessions/new"),
    ("get", "/sessions/{session}/edit"),
    ("get", "/sessions/{session}/cancel"),
    ("get", "/runs/{run}/cancel"),
    ("get", "/runs/{run}/registrations"),
    ("post", "/runs/{draft}/publish"),
    ("post", "/runs/{run}/complete"),
    ("post", "/runs/{run}/registrations"),
    ("post", "/registrations/{registration}/remove"),
    ("post", "/registrations/{registration}/move"),
]
STAFF_ONLY = MANAGEMENT_PAGES + [
    ("get", "/runs/new"),
    ("get", "/my/teaching"),
    ("get", "/venues"),
    ("get", "/venues/new"),
    ("get", "/venues/{venue}/edit"),
]
SIGNED_IN_PAGES = [
    ("get", "/runs"),
    ("get", "/runs/{run}"),
    ("get", "/calendar"),
    ("get", "/my/calendar-feed"),
    ("get", "/runs/{run}/calendar.ics"),
    ("get", "/sessions/{session}/calendar.ics"),
    ("get", "/my/sessions"),
    ("post", "/runs/{run}/register"),
    ("post", "/runs/{run}/leave"),
]


def call(client, method, template, world):
    return getattr(client, method)(template.format(**world))


@pytest.mark.parametrize("method, template", STAFF_ONLY + SIGNED_IN_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, world, method, template):
    response = call(client, method, template, world)
    assert response.status_code == 302 and "/login" in response.location


@pytest.mark.parametrize("method, template", STAFF_ONLY)
def test_a_trainee_is_refused_every_staff_page(client, login_as, world, method, template):
    login_as(world["trainee"])
    assert call(client, method, template, world).status_code == 403


def test_a_trainee_cannot_create_a_run_even_by_posting_the_form(client, login_as, make, world):
    login_as(world["trainee"])
    response = client.post("/runs/new", data={"course": make.course().id, "partner": 1, "capacity": 10})
    assert response.status_code == 403


@pytest.mark.parametrize("method, template", MANAGEMENT_PAGES + [("get", "/venues/{venue}/edit")])
def test_a_coordinator_of_another_partner_finds_nothing(client, login_as, make, world, method, template):
    login_as(make.partner_coordinator("LSK"))
    assert call(client, method, template, world).status_code == 404


@pytest.mark.parametrize("method, template", MANAGEMENT_PAGES)
def test_a_trainer_of_another_partner_finds_nothing(client, login_as, make, world, method, template):
    login_as(make.trainer("LSK"))
    assert call(client, method, template, world).status_code == 404


@pytest.mark.parametrize("who", ["partner_coordinator", "trainer", "consortium_coordinator"])
@pytest.mark.parametrize(
    "template",
    [
        "/runs/{run}/edit",
        "/runs/{run}/sessions/new",
        "/runs/{run}/registrations",
        "/sessions/{session}/edit",
        "/runs/{draft}",
    ],
)
def test_staff_of_the_partner_and_the_consortium_coordinator_open_the_management_pages(
    client, login_as, make, world, who, template
):
    login_as(getattr(make, who)("HBIO") if who != "consortium_coordinator" else make.consortium_coordinator())
    assert call(client, "get", template, world).status_code == 200


def test_a_trainer_of_the_run_from_another_partner_manages_it(client, login_as, make):
    guest = make.trainer("BIOPMED")
    run = make.run(partner="HBIO", trainers=[guest], format="online")
    login_as(guest)
    assert client.get(f"/runs/{run.id}/edit").status_code == 200
    assert client.get(f"/runs/{run.id}/registrations").status_code == 200


def test_drafts_are_hidden_from_trainees_and_other_partners(client, login_as, make, world):
    login_as(world["trainee"])
    assert client.get(f"/runs/{world['draft']}").status_code == 404
    assert client.get(f"/runs/{world['draft']}/calendar.ics").status_code == 404
    assert f'/runs/{world["draft"]}"' not in client.get("/runs").text
    login_as(make.partner_coordinator("LSK"))
    assert client.get(f"/runs/{world['draft']}").status_code == 404


def test_an_admin_manages_venues_but_not_runs(client, login_as, make, world):
    login_as(make.admin())
    assert client.get("/venues").status_code == 200
    assert client.get(f"/runs/{world['run']}/edit").status_code == 403


def test_moving_a_trainee_into_another_partners_run_is_refused(client, login_as, make, world):
    run = db.session.get(CourseRun, world["run"])
    elsewhere = make.run(course=run.course, partner="LSK", format="online")
    login_as(make.partner_coordinator("HBIO"))
    response = client.post(f"/registrations/{world['registration']}/move", data={"target": elsewhere.id})
    assert response.status_code == 404
    assert services.get_registration_for(make.consortium_coordinator(), world["registration"]).status == "confirmed"
