"""`flask backup create` / `restore`: the same records and files come back, on and across databases."""

import json
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from ecri_lms.accounts.models import User
from ecri_lms.infra.caching.models import DataVersion
from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.outbox import queue_mail
from ecri_lms.needs.models import PlanItem
from tests.backup.installations import Installations, MigratedTemplates, populate, snapshot


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory):
    templates = MigratedTemplates(tmp_path_factory)
    yield templates
    templates.close()


@pytest.fixture
def installations(tmp_path, migrated_templates, app):
    made = Installations(tmp_path, migrated_templates)
    yield made
    made.close()


def _invoke(app, *args):
    """Run a command against this installation (the CLI uses whichever app context is pushed)."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=list(args))
        db.session.remove()
    return result


def _backup(app, path):
    result = _invoke(app, "backup", "create", str(path))
    assert result.exit_code == 0, result.output
    return result


def _restore(app, path):
    return _invoke(app, "backup", "restore", str(path))


def _backed_up(installations, tmp_path, kind: str = "sqlite"):
    """A populated installation and the path of its backup."""
    source = installations.new(kind)
    populate(source)
    archive = tmp_path / "backup.zip"
    _backup(source, archive)
    return source, archive


@pytest.mark.parametrize(
    "source_kind, target_kind",
    [
        ("sqlite", "sqlite"),
        ("postgresql", "postgresql"),
        ("sqlite", "postgresql"),
        ("postgresql", "sqlite"),
    ],
)
def test_a_restored_backup_has_the_same_records_and_files(installations, tmp_path, source_kind, target_kind):
    source, archive = _backed_up(installations, tmp_path, source_kind)
    target = installations.new(target_kind)

    result = _restore(target, archive)

    assert result.exit_code == 0, result.output
    before, after = snapshot(source), snapshot(target)
    assert after == before
    assert len(after["files"]) == 2


def _restored_copy(installations, tmp_path, kind: str = "sqlite"):
    """A populated installation and another of the same kind restored from its backup."""
    source, archive = _backed_up(installations, tmp_path, kind)
    target = installations.new(kind)
    assert _restore(target, archive).exit_code == 0
    return source, target


def test_restored_values_keep_their_types(installations, tmp_path):
    _source, target = _restored_copy(installations, tmp_path)
    with target.app_context():
        trainee = db.session.scalar(select(User).where(User.name.like("Zoë%")))
        item = db.session.scalar(select(PlanItem))
        assert trainee.active is False
        assert trainee.last_login_at.tzinfo == UTC
        assert isinstance(trainee.created_at, datetime) and trainee.created_at.utcoffset().total_seconds() == 0
        assert item.need_mwds == Decimal("6.1234") and isinstance(item.need_mwds, Decimal)
        assert item.target_org_types == ["sme", "cluster_team"]
        db.session.remove()


def test_the_manifest_describes_the_archive(installations, tmp_path):
    source, archive = _backed_up(installations, tmp_path)
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    with source.app_context():
        revision = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        db.session.remove()
    assert manifest["alembic_revision"] == revision
    assert manifest["app_version"]
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert manifest["tables"]["user_account"] == 2
    assert list(manifest["tables"]).index("partner") < list(manifest["tables"]).index("user_account")


def test_sequences_continue_after_the_restored_ids(installations, tmp_path):
    _source, target = _restored_copy(installations, tmp_path, "postgresql")
    with target.app_context():
        from tests.factories import Factory

        newcomer = Factory().trainee()
        assert newcomer.id > max(db.session.scalars(select(User.id).where(User.id != newcomer.id)))
        db.session.remove()


def test_restore_refuses_a_database_with_data(installations, tmp_path):
    source, archive = _backed_up(installations, tmp_path)
    before = snapshot(source)

    result = _restore(source, archive)

    assert result.exit_code != 0
    assert "not empty" in result.output
    assert snapshot(source) == before


def test_restore_refuses_another_schema_revision(installations, tmp_path):
    source, archive = _backed_up(installations, tmp_path)
    target = installations.new("sqlite")
    with target.app_context():
        db.session.execute(text("UPDATE alembic_version SET version_num = 'abc123'"))
        db.session.commit()

    result = _restore(target, archive)

    assert result.exit_code != 0
    assert "revision" in result.output and "abc123" in result.output
    assert snapshot(target)["tables"]["user_account"] == []


def _rewrite(archive, target, change):
    with zipfile.ZipFile(archive) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = change(info.filename, original.read(info.filename))
            if data is not None:
                copy.writestr(info.filename, data)


@pytest.mark.parametrize(
    "damage", ["truncated", "altered row", "missing table", "not a zip", "empty file", "no manifest"]
)
def test_a_damaged_archive_is_refused_and_nothing_is_written(installations, tmp_path, damage):
    source, archive = _backed_up(installations, tmp_path)
    damaged = tmp_path / "damaged.zip"
    data = archive.read_bytes()
    if damage == "truncated":
        damaged.write_bytes(data[: len(data) * 2 // 3])
    elif damage == "altered row":
        _rewrite(
            archive,
            damaged,
            lambda name, body: (
                body.replace(b"Plan 2027", b"Plan 2028") if name.endswith("needs_training_plan.jsonl") else body
            ),
        )
    elif damage == "missing table":
        _rewrite(archive, damaged, lambda name, body: None if name.endswith("user_account.jsonl") else body)
    elif damage == "not a zip":
        damaged.write_bytes(b"%PDF-1.4 not a backup" * 100)
    elif damage == "empty file":
        damaged.write_bytes(b"")
    else:
        _rewrite(archive, damaged, lambda name, body: None if name == "manifest.json" else body)
    target = installations.new("sqlite")
    before = snapshot(target)

    result = _restore(target, damaged)

    assert result.exit_code == 1
    assert "Error:" in result.output and "Traceback" not in result.output
    assert snapshot(target) == before


def test_a_backup_is_consistent_while_writers_go_on(installations, tmp_path, monkeypatch):
    """A row committed while the backup is being written is not in it (one REPEATABLE READ snapshot;
    on SQLite the read transaction's lock makes writers wait instead)."""
    source = installations.new("postgresql")
    populate(source)
    from ecri_lms.infra.backup import services

    original = services._table_lines
    written = []

    def lines_then_write(conn, table, counts):
        if table.name == "partner" and not written:
            written.append(True)
            with source.app_context():
                db.session.execute(text("UPDATE user_account SET name = 'Changed meanwhile'"))
                db.session.commit()
                db.session.remove()
        yield from original(conn, table, counts)

    monkeypatch.setattr(services, "_table_lines", lines_then_write)
    archive = tmp_path / "backup.zip"
    _backup(source, archive)
    rows = zipfile.ZipFile(archive).read("tables/user_account.jsonl").decode().splitlines()
    assert written and all("Changed meanwhile" not in row for row in rows)


def test_a_restore_gives_every_table_a_new_cache_version(installations, tmp_path):
    source, target = _restored_copy(installations, tmp_path)
    with source.app_context():
        before = dict(db.session.execute(select(DataVersion.table_name, DataVersion.token)).all())
        db.session.remove()
    with target.app_context():
        after = dict(db.session.execute(select(DataVersion.table_name, DataVersion.token)).all())
        db.session.remove()
    assert set(after) == {table.name for table in db.metadata.sorted_tables} - {"data_version"}
    assert not set(before.items()) & set(after.items())  # no result cached before can match the restored data


def test_a_backup_keeps_no_link_that_gives_access_and_never_sends_an_e_mail_without_its_link(installations, tmp_path):
    source = installations.new("sqlite")
    source.config["MAIL_SERVER"] = "smtp.example.org"  # the e-mails wait in the outbox
    link = "http://127.0.0.1:5000/password/reset/SECRET-TOKEN"
    with source.app_context():
        sent = queue_mail("ana@example.org", "Reset your password", f"Open {link}", secret_link=True)
        sent.status = "sent"
        queue_mail("bea@example.org", "Reset your password", f"Open {link}", secret_link=True)
        queue_mail("cy@example.org", "Your seat is confirmed", "See http://127.0.0.1:5000/runs/1")
        db.session.commit()
        db.session.remove()
    archive = tmp_path / "backup.zip"
    _backup(source, archive)
    rows = [json.loads(line) for line in zipfile.ZipFile(archive).read("tables/outbox_message.jsonl").splitlines()]
    assert "SECRET-TOKEN" not in json.dumps(rows)
    assert [(row["status"], row["body"]) for row in rows] == [
        ("sent", "Open [link hidden]"),
        ("failed", "Open [link hidden]"),
        ("pending", "See http://127.0.0.1:5000/runs/1"),
    ]
    assert rows[1]["last_error"] == "Its link was left out of the backup."
