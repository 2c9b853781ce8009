"""Throwaway installations (a migrated database and a storage directory) for backup tests."""

import itertools
import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask_migrate import upgrade
from sqlalchemy import select
from sqlalchemy.engine import make_url

from ecri_lms import create_app
from ecri_lms.accounts.audit.services import record
from ecri_lms.infra.backup.services import backed_up_tables
from ecri_lms.infra.backup.values import encode
from ecri_lms.infra.extensions import db
from ecri_lms.infra.storage import get_storage
from ecri_lms.needs.models import PlanItem, PlanVersion, TrainingPlan
from tests.dbutil import create_postgres_database, drop_postgres_database, postgres_server_url
from tests.factories import Factory

_numbers = itertools.count(1)


class MigratedTemplates:
    """One database per kind, migrated to head once per test process, for installations to copy."""

    def __init__(self, tmp_path_factory):
        self.tmp_path_factory = tmp_path_factory
        self.urls: dict[str, str] = {}

    def url(self, kind: str) -> str:
        if kind not in self.urls:
            self.urls[kind] = self._migrated(kind)
        return self.urls[kind]

    def _migrated(self, kind: str) -> str:
        if kind == "sqlite":
            url = f"sqlite:///{self.tmp_path_factory.mktemp('template') / 'template.sqlite'}"
        else:
            url = create_postgres_database(postgres_server_url(), "backup_template")
        app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            db.session.remove()
            db.engine.dispose()
        return url

    def close(self) -> None:
        if "postgresql" in self.urls:
            drop_postgres_database(self.urls["postgresql"])


class Installations:
    """Creates migrated installations on SQLite or PostgreSQL (copies of a migrated template), and
    drops them afterwards."""

    def __init__(self, tmp_path, templates: MigratedTemplates):
        self.tmp_path = tmp_path
        self.templates = templates
        self.postgres_urls: list[str] = []
        self.apps = []

    def new(self, kind: str):
        number = next(_numbers)
        if kind == "sqlite":
            path = self.tmp_path / f"installation{number}.sqlite"
            shutil.copyfile(make_url(self.templates.url(kind)).database, path)
            url = f"sqlite:///{path}"
        else:
            server = postgres_server_url()
            if server is None:
                pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")
            template = make_url(self.templates.url(kind)).database
            url = create_postgres_database(server, "backup", template=template)
            self.postgres_urls.append(url)
        app = create_app(
            "testing", {"SQLALCHEMY_DATABASE_URI": url, "STORAGE_DIR": str(self.tmp_path / f"storage{number}")}
        )
        self.apps.append(app)
        return app

    def close(self) -> None:
        for app in self.apps:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        for url in self.postgres_urls:
            drop_postgres_database(url)


def populate(app) -> None:
    """A little of everything: people, a course with materials, a run, needs answers and a plan."""
    with app.app_context():
        make = Factory()
        make.curriculum_topics()
        trainee = make.trainee("LSK", name="Zoë Łukasiewicz-Ντόρα")
        coordinator = make.partner_coordinator("HBIO")
        course = make.course()
        make.material(course, versions=2)
        run = make.run(course, partner="HBIO", sessions=2)
        make.registration(run, trainee)
        survey = make.survey(topics=("ECON", "FIN"))
        make.respondent(survey, ratings={"ECON": (5, 2), "FIN": (4, None)})
        plan = TrainingPlan(
            partner_id=make.partner("HBIO").id,
            title="Plan 2027",
            period_start=date(2027, 1, 1),
            period_end=date(2027, 12, 31),
        )
        version = PlanVersion(plan=plan, number=1, created_by_id=coordinator.id)
        version.items.append(
            PlanItem(
                topic_id=make.topic("ECON").id,
                target_trainees=12,
                target_org_types=["sme", "cluster_team"],
                target_start=date(2027, 2, 1),
                target_end=date(2027, 6, 30),
                need_rank=1,
                need_mwds=Decimal("6.1234"),
            )
        )
        db.session.add(plan)
        record(coordinator, "test.event", "user", trainee.id, summary="ünïcode ✓", flags={"ok": True, "n": 3})
        trainee.active = False
        trainee.last_login_at = run.sessions[0].starts_at - timedelta(days=400)
        db.session.commit()


def snapshot(app) -> dict:
    """Every table's rows (as the backup encodes them) and every stored file's key."""
    with app.app_context():
        tables = {}
        for table in backed_up_tables():
            rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            tables[table.name] = [{k: encode(v) for k, v in row.items()} for row in rows]
        files = sorted(get_storage().keys())
        db.session.remove()
    return {"tables": tables, "files": files}
