"""Cached results stand while the tables they read are unchanged, and never a moment longer."""

import os
from datetime import timedelta

import pytest
from sqlalchemy import update

from ecri_lms.infra.caching.results import cached_result, table_names
from ecri_lms.infra.caching.store import install_store
from ecri_lms.infra.caching.versions import tokens
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs.models import PlanItem
from ecri_lms.scheduling.models import CourseRun, Registration
from tests.needs.builders import approved_plan

REGISTRATIONS = table_names([Registration])


class Computation:
    """A stand-in computation that says how often it ran."""

    def __init__(self, value="first"):
        self.value, self.runs = value, 0

    def __call__(self):
        self.runs += 1
        return self.value


def _lookup(computation, tables=REGISTRATIONS, params=("a",)):
    return cached_result("test.result", tables, params, computation)


def _registration_token() -> str:
    db.session.rollback()  # tokens are read once per transaction
    return tokens(REGISTRATIONS)["registration"]


def test_a_result_is_computed_once_while_its_tables_are_unchanged(make):
    make.run()
    computation = Computation()
    assert [_lookup(computation), _lookup(computation)] == ["first", "first"]
    assert computation.runs == 1


def test_other_parameters_are_another_result(make):
    computation = Computation()
    _lookup(computation, params=("a",))
    _lookup(computation, params=("b",))
    assert computation.runs == 2


def test_a_committed_write_to_a_table_read_gives_a_fresh_result(make):
    run, trainee = make.run(), make.trainee()
    computation = Computation()
    _lookup(computation)
    make.registration(run, trainee)
    computation.value = "after the registration"
    assert _lookup(computation) == "after the registration"


def test_a_write_to_another_table_keeps_the_result(make):
    computation = Computation()
    _lookup(computation)
    make.run()
    _lookup(computation)
    assert computation.runs == 1


def test_a_rolled_back_write_changes_no_version(make):
    run, trainee = make.run(), make.trainee()
    before = _registration_token()
    db.session.add(Registration(run_id=run.id, user_id=trainee.id, status="confirmed", position=1))
    db.session.flush()
    db.session.rollback()
    assert _registration_token() == before


def test_bulk_statements_give_their_table_a_new_version(make):
    registration = make.registration(make.run(), make.trainee())
    before = _registration_token()
    db.session.execute(update(Registration).where(Registration.id == registration.id).values(status="cancelled"))
    db.session.commit()
    assert _registration_token() != before


def test_changing_an_association_gives_the_association_table_a_new_version(make):
    item_id, course = approved_plan(make)[0].last_approved.items[0].id, make.course("EXTRA")
    db.session.rollback()
    before = tokens(["needs_plan_item_course"])
    item = db.session.get(PlanItem, item_id)
    item.courses.append(course)
    db.session.commit()
    assert tokens(["needs_plan_item_course"]) != before


def test_a_login_time_alone_does_not_change_the_accounts_version(make):
    trainee = make.trainee()
    db.session.rollback()
    before = tokens(["user_account"])
    trainee.last_login_at = utcnow()
    db.session.commit()
    assert tokens(["user_account"]) == before
    trainee.name = "Another Name"
    db.session.commit()
    assert tokens(["user_account"]) != before


def test_uncommitted_writes_bypass_the_cache_and_store_nothing(make):
    run, trainee = make.run(), make.trainee()
    db.session.add(Registration(run_id=run.id, user_id=trainee.id, status="confirmed", position=1))
    seen_inside = Computation("with the unsaved registration")
    assert _lookup(seen_inside) == "with the unsaved registration"
    db.session.rollback()
    computation = Computation("as committed")
    assert _lookup(computation) == "as committed"
    assert computation.runs == 1


MINUTE = utcnow().replace(second=0, microsecond=0)


def _as_of(computation, moment):
    return cached_result("test.timed", REGISTRATIONS, ("a",), computation, as_of=moment)


def test_a_result_as_of_a_later_minute_is_computed_again(make):
    computation = Computation()
    _as_of(computation, MINUTE)
    _as_of(computation, MINUTE)
    computation.value = "a minute later"
    assert _as_of(computation, MINUTE + timedelta(minutes=1)) == "a minute later"
    assert _as_of(computation, MINUTE) == "a minute later"  # a newer result serves an older moment
    assert computation.runs == 2


def test_while_one_request_computes_the_new_minute_others_get_the_last_one(app, make):
    store = app.extensions["result_cache"]
    store.clear()  # the app is shared by the tests: only this test's result is left
    computation = Computation()
    _as_of(computation, MINUTE)
    refreshing = [key for key in store._cache if key.startswith("test.timed:")][0] + ":refreshing"
    store.add(refreshing, True)
    computation.value = "a minute later"
    assert _as_of(computation, MINUTE + timedelta(minutes=1)) == "first"
    store.delete(refreshing)
    assert _as_of(computation, MINUTE + timedelta(minutes=1)) == "a minute later"


def test_the_cache_can_be_turned_off(app, make, monkeypatch):
    monkeypatch.setitem(app.config, "RESULT_CACHE", False)
    computation = Computation()
    _lookup(computation)
    _lookup(computation)
    assert computation.runs == 2


def test_the_dashboard_counts_a_registration_made_after_it_was_shown(make, client, login_as):
    run = make.run(starts_in=timedelta(days=3))
    make.registration(run, make.trainee())
    login_as(make.consortium_coordinator())
    year = run.starts_at.year
    query = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    assert _registered_total(client, query) == 1
    make.registration(run, make.trainee())
    assert _registered_total(client, query) == 2


def _registered_total(client, query) -> int:
    from ecri_lms.reporting.dashboard import DASHBOARD_FIGURES, figure_rows
    from ecri_lms.reporting.filters import ReportFilters, Selection

    assert client.get("/reports/", query_string=query).status_code == 200
    db.session.rollback()
    filters = ReportFilters(*(utcnow().date().fromisoformat(query[key]) for key in ("start", "end")))
    rows = figure_rows(Selection(filters, None, utcnow().replace(second=0, microsecond=0)), [], DASHBOARD_FIGURES)
    return next(row.total for row in rows if row.figure.key == "trainees_registered")


@pytest.mark.skipif(not os.environ.get("REDIS_TEST_URL"), reason="needs Redis: set REDIS_TEST_URL")
def test_with_redis_every_app_server_shares_one_copy(app, make_app, make, monkeypatch):
    redis_url = os.environ["REDIS_TEST_URL"]
    first, second = make_app(REDIS_URL=redis_url), make_app(REDIS_URL=redis_url)
    make.run()  # a new version of course_run: no earlier test's entry can match
    computation = Computation("shared")
    tables = table_names([CourseRun])
    with first.app_context():
        assert cached_result("test.shared", tables, ("x",), computation) == "shared"
    with second.app_context():
        assert cached_result("test.shared", tables, ("x",), computation) == "shared"
    assert computation.runs == 1


def test_the_store_is_redis_when_configured_and_memory_otherwise(app, monkeypatch):
    from cachelib import RedisCache, SimpleCache

    monkeypatch.setitem(app.extensions, "result_cache", None)
    install_store(app)
    assert isinstance(app.extensions["result_cache"], SimpleCache)
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/15")
    install_store(app)
    assert isinstance(app.extensions["result_cache"], RedisCache)
