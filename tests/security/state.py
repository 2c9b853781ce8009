"""The database's state, to prove that a refused request changed nothing."""

import hashlib

from sqlalchemy import func, select

from ecri_lms.extensions import db


def fingerprint() -> dict[str, str]:
    """Per table, its row count and a hash of every row (what the request left committed)."""
    db.session.rollback()
    result = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
        count = db.session.execute(select(func.count()).select_from(table)).scalar()
        result[table.name] = f"{count}:{hashlib.sha256(repr(rows).encode()).hexdigest()}"
    return result


# The audit log may record an attempt that was refused; that is a record, not a change of state. The
# audit table's new version token (data_version, the result cache's bookkeeping) goes with it.
RECORDS_OF_ATTEMPTS = frozenset({"audit_event", "data_version"})


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name) and name not in RECORDS_OF_ATTEMPTS)
