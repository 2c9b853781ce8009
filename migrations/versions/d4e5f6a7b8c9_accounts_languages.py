"""accounts: the language each person reads and each partner's regional language

Revision ID: d4e5f6a7b8c9
Revises: c3f8a1d5e7b2
Create Date: 2026-12-07 18:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4e5f6a7b8c9'
down_revision = 'c3f8a1d5e7b2'
branch_labels = None
depends_on = None

REGIONAL = {"BIOIBAL": "es", "HBIO": "el", "LSK": "pl", "BIOPMED": "it"}


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=False, server_default='en'))
    partner = sa.table('partner', sa.column('code', sa.String), sa.column('language', sa.String))
    for code, language in REGIONAL.items():
        op.execute(partner.update().where(partner.c.code == code).values(language=language))


def downgrade():
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('language')
