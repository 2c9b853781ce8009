"""Every table with a column that refers to a person, and what erasing that person does with its rows.

This list is the one place to declare them: a test walks the models and fails, naming the table,
when a table refers to `user_account` and is not listed here. A new table takes one line, e.g.
`PersonalTable("outbox_message", "deleted: mail to the person", "outbox", person="user_id", delete=True)`.

Whatever a table's line says, erasure also rewrites the person's name and e-mail address in its texts
to the pseudonym (accounts.personal_data); a line says what happens to the person's rows themselves.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Table

USER_TABLE = "user_account"


@dataclass(frozen=True)
class PersonalTable:
    name: str
    erasure: str  # what erasure does with the person's rows, and why they may stay
    # The section of "Download my data" that holds the person's rows; None: they hold nothing about the
    # person but a reference to them.
    exported_in: str | None
    person: str | None = None  # the column saying whose rows they are (for `delete` and `name_columns`)
    delete: bool = False  # the person's rows are deleted
    name_columns: tuple[str, ...] = ()  # the person's own name, copied: becomes the pseudonym

    def __post_init__(self):
        if (self.delete or self.name_columns) and self.person is None:
            raise ValueError(f"{self.name}: say which column names the person whose rows these are.")


REFERENCE_ONLY = "kept: records who did it; the reference holds no personal text"
TRAINING_RECORD = "kept for funder reporting, attached to the pseudonymous account"

PERSONAL_TABLES: tuple[PersonalTable, ...] = (
    PersonalTable("attempt_answer", REFERENCE_ONLY + " (the grader)", None),
    PersonalTable("attendance_change", TRAINING_RECORD + " (the attendance sheet's history)", "attendance"),
    PersonalTable("attendance_mark", TRAINING_RECORD, "attendance"),
    PersonalTable("audit_event", "kept: the events stay, their texts name the pseudonym", "audit"),
    PersonalTable(
        "calendar_feed_token",
        "deleted: secrets of the person's calendar feed",
        "scheduling",
        person="user_id",
        delete=True,
    ),
    PersonalTable(
        "certificate",
        TRAINING_RECORD + "; the holder's name becomes the pseudonym, stored PDFs "
        "are deleted (certificates.personal_data)",
        "certificates",
        person="user_id",
        name_columns=("trainee_name",),
    ),
    PersonalTable("check_in_window", REFERENCE_ONLY, None),
    PersonalTable("completion", TRAINING_RECORD, "certificates"),
    PersonalTable("course", REFERENCE_ONLY, None),
    PersonalTable("course_run", REFERENCE_ONLY, None),
    PersonalTable("course_run_trainer", "kept: who taught a run, for its reports", "scheduling"),
    PersonalTable("enrolment", TRAINING_RECORD + " (self-paced study)", "catalogue"),
    PersonalTable("lesson_progress", TRAINING_RECORD + " (self-paced study)", "catalogue"),
    PersonalTable(
        "login_session", "deleted: the devices the person signed in on", "login_sessions", person="user_id", delete=True
    ),
    PersonalTable("material", REFERENCE_ONLY, None),
    PersonalTable("material_version", REFERENCE_ONLY, None),
    PersonalTable("needs_plan_version", REFERENCE_ONLY, None),
    PersonalTable("needs_self_assessment", REFERENCE_ONLY, None),
    PersonalTable("needs_survey", REFERENCE_ONLY, None),
    PersonalTable("needs_training_plan", REFERENCE_ONLY, None),
    PersonalTable("notification", "deleted: messages to the person", "notifications", person="user_id", delete=True),
    PersonalTable(
        "outbox_message",
        "kept as sent mail, readdressed to the pseudonym; mail still waiting is never sent (mail.personal_data.erase)",
        "outbox",
    ),
    PersonalTable("quiz_attempt", TRAINING_RECORD, "assessment"),
    PersonalTable(
        "registration",
        TRAINING_RECORD + "; seats of runs not yet started and waiting-list places "
        "go to the next in line (scheduling.personal_data)",
        "scheduling",
    ),
    PersonalTable("run_evaluation", TRAINING_RECORD + " (the run's evaluation figures)", "evaluations"),
    PersonalTable(
        "session_reminder", "deleted: which reminders were sent to the person", None, person="user_id", delete=True
    ),
    PersonalTable("user_role", "kept: what the account could do, for reports by role", "account"),
)


def _refers_to_people(table: Table) -> bool:
    return any(key.column.table.name == USER_TABLE for key in table.foreign_keys)


def person_columns(table: Table) -> list:
    """The columns of the table that refer to a person."""
    return [key.parent for key in table.foreign_keys if key.column.table.name == USER_TABLE]


def undeclared_tables(tables: Iterable[Table]) -> list[str]:
    """Tables that refer to people but are not in PERSONAL_TABLES."""
    declared = {table.name for table in PERSONAL_TABLES}
    return sorted(table.name for table in tables if _refers_to_people(table) and table.name not in declared)


def _fits(declared: PersonalTable, table: Table | None) -> bool:
    if table is None or not _refers_to_people(table):
        return False
    people = {column.name for column in person_columns(table)}
    return declared.person in {None, *people} and set(declared.name_columns) <= set(table.columns.keys())


def stale_declarations(tables: Iterable[Table]) -> list[str]:
    """Declarations of tables that do not exist or refer to nobody, whose `person` is not a column that refers
    to people, or whose name columns the table lacks."""
    existing = {table.name: table for table in tables}
    return [declared.name for declared in PERSONAL_TABLES if not _fits(declared, existing.get(declared.name))]
