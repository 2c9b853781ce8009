"""catalogue: course.search_text stored uncompressed on PostgreSQL

Every catalogue search reads the whole search_text of every course (a substring match): kept compressed,
each search first decompresses all of it, which takes most of the query's time.

Revision ID: 0c5e7a2d9b41
Revises: f1f2995d91c6
Create Date: 2026-11-27 08:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0c5e7a2d9b41'
down_revision = 'f1f2995d91c6'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE course ALTER COLUMN search_text SET STORAGE EXTERNAL")
    op.execute("UPDATE course SET search_text = search_text || ''")  # rewrites the stored texts uncompressed


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE course ALTER COLUMN search_text SET STORAGE EXTENDED")
