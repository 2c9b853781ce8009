"""The database's state, to prove that a refused request changed nothing."""

import functools
import hashlib

from ecri_lms.infra.extensions import db


def fingerprint() -> dict[str, str]:
    """Per table, its row count and a hash of every row (what the request left committed).

    The rows are read through the driver's own cursor, as it returns them: compared only with each
    other, they need none of SQLAlchemy's result handling, which would cost more than the requests
    under test."""
    db.session.rollback()
    connection = db.session.connection()
    cursor = connection.connection.dbapi_connection.cursor()
    result = {}
    try:
        for name, sql in _all_rows_sql(connection.dialect):
            cursor.execute(sql)
            rows = cursor.fetchall()
            result[name] = f"{len(rows)}:{hashlib.sha256(repr(rows).encode()).hexdigest()}"
    finally:
        cursor.close()
    return result


@functools.cache
def _all_rows_sql(dialect) -> tuple[tuple[str, str], ...]:
    """(table name, the query of its rows in key order) for every table."""
    quote = dialect.identifier_preparer.quote
    return tuple(
        (
            table.name,
            f"SELECT * FROM {quote(table.name)} ORDER BY "
            + ", ".join(quote(column.name) for column in table.primary_key.columns),
        )
        for table in db.metadata.sorted_tables
    )


# The audit log may record an attempt that was refused; that is a record, not a change of state. The
# audit table's new version token (data_version, the result cache's bookkeeping) goes with it.
RECORDS_OF_ATTEMPTS = frozenset({"audit_event", "data_version"})


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name) and name not in RECORDS_OF_ATTEMPTS)
