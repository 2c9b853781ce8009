"""hardening: check constraints behind the services' rules

Revision ID: 3b9d0c7e51a2
Revises: 5ec0a659900c
Create Date: 2026-11-27 03:55:00.000000

Autogenerate does not compare CHECK constraints, so this one is written by hand;
tests/core/test_migrations.py checks that every model constraint exists after upgrading.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3b9d0c7e51a2'
down_revision = '5ec0a659900c'
branch_labels = None
depends_on = None

CONSTRAINTS = {
    'course': [('duration_not_negative', 'duration_hours >= 0')],
    'lesson': [('minutes_not_negative', 'minutes >= 0')],
    'material_version': [('positive_number', 'number >= 1'), ('size_not_negative', 'size_bytes >= 0')],
    'quiz_attempt': [('positive_number', 'number >= 1')],
    'attempt_answer': [('auto_score_fraction', 'auto_score IS NULL OR (auto_score >= 0 AND auto_score <= 1)')],
    'course_run': [
        ('cutoff_not_negative', 'cancellation_cutoff_hours IS NULL OR cancellation_cutoff_hours >= 0'),
        ('one_cancellation_rule', 'cancellation_cutoff_hours IS NULL OR cancellation_deadline IS NULL'),
        ('registration_window_in_order', 'registration_opens_at IS NULL OR registration_closes_at IS NULL '
                                         'OR registration_closes_at > registration_opens_at'),
        ('schedule_in_order', 'starts_at IS NULL OR ends_at IS NULL OR ends_at >= starts_at'),
    ],
}


def upgrade():
    for table, checks in CONSTRAINTS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, condition in checks:
                batch_op.create_check_constraint(op.f(f'ck_{table}_{name}'), condition)


def downgrade():
    for table, checks in reversed(CONSTRAINTS.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _condition in reversed(checks):
                batch_op.drop_constraint(op.f(f'ck_{table}_{name}'), type_='check')
