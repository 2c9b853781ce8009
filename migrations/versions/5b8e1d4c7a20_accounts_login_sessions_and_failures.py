"""accounts: login sessions (one per signed-in device) and failed-login counts for the back-off

A login session's token travels in the session and remember cookies; its hash is kept here and checked on
every request, so logging out ends the session wherever its cookies were copied. Failed logins are counted
per account and address (under a keyed hash of both) for the login back-off.

Revision ID: 5b8e1d4c7a20
Revises: b7d41e9a2c58
Create Date: 2026-11-27 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import ecri_lms.infra.db_types


# revision identifiers, used by Alembic.
revision = '5b8e1d4c7a20'
down_revision = 'b7d41e9a2c58'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('device', sa.String(length=100), nullable=False),
    sa.Column('created_at', ecri_lms.infra.db_types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', ecri_lms.infra.db_types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', ecri_lms.infra.db_types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_login_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_login_session_token_hash'))
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_user_id'), ['user_id'], unique=False)

    op.create_table('login_failure',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', ecri_lms.infra.db_types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_login_failure'))
    )
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_failure_last_failed_at'), ['last_failed_at'], unique=False)


def downgrade():
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_failure_last_failed_at'))

    op.drop_table('login_failure')
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_user_id'))

    op.drop_table('login_session')
