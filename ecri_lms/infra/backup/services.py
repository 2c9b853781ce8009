"""Write a consistent backup of the running installation, and restore one into an empty installation.

Generic over `db.metadata`: every table any area declares is included, in dependency order, so new
areas need nothing to be backed up. A table whose rows hold secrets no backup should keep names a
function in its `info["backup_row"]` that gives each row as the archive keeps it.
"""

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.engine import Connection

from ..caching.models import DataVersion
from ..caching.versions import bump_all
from ..extensions import db
from ..storage import get_storage
from ..timeutil import utcnow
from .archive import ArchiveReader, ArchiveWriter, BackupError, file_member, table_member
from .values import decode, encode
from .version import app_version

BATCH = 500


def backed_up_tables() -> list:
    """Every table but the cache's versions, which describe this installation's cached results only
    (a restore gives every table a new version)."""
    return [table for table in db.metadata.sorted_tables if table.name != DataVersion.__tablename__]


@contextmanager
def _snapshot(engine):
    """One read transaction that sees a single state of the database while writers go on."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                yield conn
        else:
            conn.exec_driver_sql("BEGIN")  # pysqlite would not open a transaction for reads
            try:
                yield conn
            finally:
                conn.rollback()


def _alembic_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _table_lines(conn: Connection, table, counts: dict[str, int]):
    counts[table.name] = 0
    archived = table.info.get("backup_row", dict)
    query = select(table).order_by(*table.primary_key.columns)
    for row in conn.execution_options(yield_per=BATCH).execute(query):
        counts[table.name] += 1
        yield json.dumps(
            {key: encode(value) for key, value in archived(dict(row._mapping)).items()},
            ensure_ascii=False,
            sort_keys=True,
        )


def create_backup(path: Path | str) -> dict:
    """Write the archive to `path` (atomically) and return its manifest."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(handle)
    try:
        writer = ArchiveWriter(Path(temporary))
        counts: dict[str, int] = {}
        with _snapshot(db.engine) as conn:
            revision = _alembic_revision(conn)
            for table in backed_up_tables():
                writer.write_lines(table_member(table.name), _table_lines(conn, table, counts))
        storage = get_storage()
        keys = sorted(storage.keys())
        for key in keys:
            with storage.open(key) as stream:
                writer.write_stream(file_member(key), stream)
        manifest = {
            "alembic_revision": revision,
            "app_version": app_version(),
            "created_at": utcnow().isoformat(),
            "database": db.engine.dialect.name,
            "tables": counts,
            "table_order": list(counts),
            "files": len(keys),
        }
        writer.close(manifest)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest


def restore_backup(path: Path | str) -> dict:
    """Restore an archive into this (empty, migrated) installation, all or nothing; return its manifest."""
    reader = ArchiveReader(Path(path))
    try:
        conn = db.session.connection()
        _check_compatible(conn, reader.manifest)
        replaced = _check_empty(conn, reader)
        try:
            for table in reversed(replaced):
                conn.execute(table.delete())
            for table in backed_up_tables():
                _insert_rows(conn, table, reader)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
            bump_all(conn)  # results cached before the restore describe other data
            _restore_files(reader)
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
    finally:
        reader.close()
    return reader.manifest


def _check_compatible(conn: Connection, manifest: dict) -> None:
    current = _alembic_revision(conn)
    archived = manifest.get("alembic_revision")
    if current != archived:
        raise BackupError(
            f"The backup was made at schema revision {archived}, this database is at {current}: "
            f"bring the database to revision {archived} (flask db upgrade {archived}) first."
        )
    unknown = set(manifest.get("tables") or {}) - set(db.metadata.tables)
    if unknown:
        raise BackupError(f"The backup holds tables this version does not know: {', '.join(sorted(unknown))}.")


def _check_empty(conn: Connection, reader: ArchiveReader) -> list:
    """Refuse a database with data; reference rows a migration seeded (in tables with no foreign
    keys, every row also in the archive) may be there, and are replaced by the archive's."""
    replaced = []
    for table in backed_up_tables():
        count = conn.execute(select(func.count()).select_from(table)).scalar()
        if not count:
            continue
        pk = list(table.primary_key.columns)
        existing = set(conn.execute(select(*pk)).tuples())
        archived = {tuple(decode(c, row.get(c.name)) for c in pk) for row in reader.rows(table.name)}
        if table.foreign_keys or not existing <= archived:
            raise BackupError(
                f"The database is not empty ({table.name} has {count} rows): restore only into "
                "a fresh installation (an empty database after `flask db upgrade`)."
            )
        replaced.append(table)
    return replaced


def _insert_rows(conn: Connection, table, reader: ArchiveReader) -> None:
    expected = (reader.manifest.get("tables") or {}).get(table.name, 0)
    columns = {c.name: c for c in table.columns}
    batch, total = [], 0
    for row in reader.rows(table.name):
        unknown = set(row) - set(columns)
        if unknown:
            raise BackupError(f"{table.name}: unknown columns {', '.join(sorted(unknown))}.")
        batch.append({name: decode(columns[name], value) for name, value in row.items()})
        if len(batch) >= BATCH:
            conn.execute(insert(table), batch)
            total += len(batch)
            batch = []
    if batch:
        conn.execute(insert(table), batch)
        total += len(batch)
    if total != expected:
        raise BackupError(f"{table.name}: {total} rows in the archive, the manifest says {expected}.")


def _reset_sequences(conn: Connection) -> None:
    """Restored ids were given explicitly: move each sequence past the largest one."""
    quote = conn.dialect.identifier_preparer.quote
    for table in backed_up_tables():
        column = table.autoincrement_column
        if column is None:
            continue
        sequence = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": quote(table.name), "c": column.name}
        ).scalar()
        if sequence:
            largest = f"SELECT MAX({quote(column.name)}) FROM {quote(table.name)}"
            conn.execute(text(f"SELECT setval(:s, COALESCE(({largest}), 0) + 1, false)"), {"s": sequence})


def _restore_files(reader: ArchiveReader) -> None:
    storage = get_storage()
    for key in reader.files():
        with reader.open_file(key) as stream:
            stored = storage.save(stream)
        if stored.key != key:
            raise BackupError(f"files/{key}: content does not match its name, the archive is corrupted.")
