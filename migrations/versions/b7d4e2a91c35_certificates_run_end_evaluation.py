"""certificates: runs whose end the end-of-run job evaluated

Revision ID: b7d4e2a91c35
Revises: a7c4e2f19b30
Create Date: 2026-12-07 06:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import ecri_lms.infra.db_types


# revision identifiers, used by Alembic.
revision = 'b7d4e2a91c35'
down_revision = 'a7c4e2f19b30'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('run_end_evaluation',
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('run_ended_at', ecri_lms.infra.db_types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('evaluated_at', ecri_lms.infra.db_types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['course_run.id'], name=op.f('fk_run_end_evaluation_run_id_course_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('run_id', name=op.f('pk_run_end_evaluation'))
    )


def downgrade():
    op.drop_table('run_end_evaluation')
