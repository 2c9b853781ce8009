"""catalogue: lessons' sources and last check, courses' trainer notes

Revision ID: c3f8a1d5e7b2
Revises: b7d4e2a91c35
Create Date: 2026-12-07 16:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3f8a1d5e7b2'
down_revision = 'b7d4e2a91c35'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('lesson', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_checked', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('sources', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trainer_notes', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_column('trainer_notes')
    with op.batch_alter_table('lesson', schema=None) as batch_op:
        batch_op.drop_column('sources')
        batch_op.drop_column('last_checked')
