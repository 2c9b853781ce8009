"""Every table that refers to people says what erasure does with a person's rows there (one list)."""

from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table

from ecri_lms.accounts.models import User
from ecri_lms.infra.extensions import db
from ecri_lms.privacy import personal_tables
from ecri_lms.privacy.personal_tables import (
    PERSONAL_TABLES,
    PersonalTable,
    stale_declarations,
    undeclared_tables,
)
from ecri_lms.privacy.services import section_names


def test_every_table_that_refers_to_people_is_declared():
    assert undeclared_tables(db.metadata.sorted_tables) == []


def test_a_new_table_that_refers_to_people_is_named_until_it_is_declared():
    outbox = Table(
        "future_outbox",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("user_id", ForeignKey(User.__table__.c.id)),
    )

    assert undeclared_tables([*db.metadata.sorted_tables, outbox]) == ["future_outbox"]


def test_every_declaration_is_of_a_table_that_refers_to_people_with_the_columns_it_names():
    assert stale_declarations(db.metadata.sorted_tables) == []


def test_a_declared_export_section_is_in_the_download():
    sections = section_names()
    assert [table.name for table in PERSONAL_TABLES if table.exported_in not in (None, *sections)] == []


def test_a_declaration_naming_a_column_that_does_not_refer_to_people_is_stale(monkeypatch):
    wrong = PersonalTable("notification", "deleted", "notifications", person="subject", delete=True)
    monkeypatch.setattr(personal_tables, "PERSONAL_TABLES", (*PERSONAL_TABLES, wrong))

    assert stale_declarations(db.metadata.sorted_tables) == ["notification"]
