"""audit: the person an event is about (audit_event.subject_user_id), so that erasure finds their events

Existing events get their subject from the record they name: the account itself, or the trainee of a
registration, certificate, attendance mark or essay answer.

Revision ID: b7d41e9a2c58
Revises: 0c5e7a2d9b41
Create Date: 2026-12-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d41e9a2c58'
down_revision = '0c5e7a2d9b41'
branch_labels = None
depends_on = None

# The target types whose record names a person, and how to reach that person from the target's id.
SUBJECT_OF_TARGET = {
    "user": "SELECT id FROM user_account WHERE user_account.id = audit_event.target_id",
    "registration": "SELECT user_id FROM registration WHERE registration.id = audit_event.target_id",
    "certificate": "SELECT user_id FROM certificate WHERE certificate.id = audit_event.target_id",
    "attendance_mark": "SELECT user_id FROM attendance_mark WHERE attendance_mark.id = audit_event.target_id",
    "attempt_answer": "SELECT quiz_attempt.user_id FROM attempt_answer JOIN quiz_attempt "
                      "ON quiz_attempt.id = attempt_answer.attempt_id WHERE attempt_answer.id = audit_event.target_id",
}


def upgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_user_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_audit_event_subject_user_id_user_account'), 'user_account',
                                    ['subject_user_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_audit_event_subject_user_id'), ['subject_user_id'], unique=False)
    for target_type, subject in SUBJECT_OF_TARGET.items():
        op.execute(sa.text(f"UPDATE audit_event SET subject_user_id = ({subject}) WHERE target_type = :target_type")
                   .bindparams(target_type=target_type))


def downgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_subject_user_id'))
        batch_op.drop_constraint(batch_op.f('fk_audit_event_subject_user_id_user_account'), type_='foreignkey')
        batch_op.drop_column('subject_user_id')
