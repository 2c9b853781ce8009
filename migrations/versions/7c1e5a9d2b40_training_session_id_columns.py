"""attendance and reminders: session_id columns renamed training_session_id

The columns that point at a training session are named after it, so that `session` means only the
database or the login session. Constraints and the history index are renamed with them (their names
come from the columns). Renaming keeps every row, both ways.

Revision ID: 7c1e5a9d2b40
Revises: 3da6090862e8
Create Date: 2026-12-07 05:45:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "7c1e5a9d2b40"
down_revision = "3da6090862e8"
branch_labels = None
depends_on = None

# (table, the other columns of its unique constraint on the session: None when it has none)
TABLES = (
    ("attendance_mark", ["user_id"]),
    ("attendance_change", None),
    ("check_in_window", []),
    ("session_reminder", ["user_id"]),
)
HISTORY_INDEX = {
    "session_id": "ix_attendance_change_session_changed",
    "training_session_id": "ix_attendance_change_training_session_changed",
}


def _rename(old: str, new: str) -> None:
    """Drop what is named after the old column, rename it, then name it all again after the new one (in a
    second batch: SQLite's batch copy knows the renamed column only once it has been recreated)."""
    for table, unique_with in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == "attendance_change":
                batch_op.drop_index(HISTORY_INDEX[old])
            if unique_with is not None:
                batch_op.drop_constraint(f"uq_{table}_{'_'.join([old, *unique_with])}", type_="unique")
            batch_op.drop_constraint(f"fk_{table}_{old}_training_session", type_="foreignkey")
            batch_op.alter_column(old, new_column_name=new)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_foreign_key(
                f"fk_{table}_{new}_training_session", "training_session", [new], ["id"], ondelete="CASCADE"
            )
            if unique_with is not None:
                batch_op.create_unique_constraint(f"uq_{table}_{'_'.join([new, *unique_with])}", [new, *unique_with])
            if table == "attendance_change":
                batch_op.create_index(HISTORY_INDEX[new], [new, "changed_at"], unique=False)


def upgrade():
    _rename("session_id", "training_session_id")


def downgrade():
    _rename("training_session_id", "session_id")
