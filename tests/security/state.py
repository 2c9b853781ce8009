"""The database's state, to prove that a refused request changed nothing."""

import hashlib

from ecri_lms.infra.extensions import db


def fingerprint() -> dict[str, str]:
    """Per table, its row count and a hash of every row (what the request left committed).

    The rows are read as the driver returns them: compared only with each other, they need none of
    the ORM's conversions, which would cost more than the requests under test."""
    db.session.rollback()
    connection = db.session.connection()
    result = {}
    for table in db.metadata.sorted_tables:
        rows = connection.exec_driver_sql(_all_rows_sql(connection.dialect, table)).all()
        result[table.name] = f"{len(rows)}:{hashlib.sha256(repr(rows).encode()).hexdigest()}"
    return result


def _all_rows_sql(dialect, table) -> str:
    quote = dialect.identifier_preparer.quote
    order = ", ".join(quote(column.name) for column in table.primary_key.columns)
    return f"SELECT * FROM {quote(table.name)} ORDER BY {order}"


# The audit log may record an attempt that was refused; that is a record, not a change of state. The
# audit table's new version token (data_version, the result cache's bookkeeping) goes with it.
RECORDS_OF_ATTEMPTS = frozenset({"audit_event", "data_version"})


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name) and name not in RECORDS_OF_ATTEMPTS)
