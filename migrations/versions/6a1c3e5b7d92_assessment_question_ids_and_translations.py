"""assessment: questions' stable ids, their translations, and the language an answer was given in

Revision ID: 6a1c3e5b7d92
Revises: a7c3e9d1f5b2
Create Date: 2026-12-08 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6a1c3e5b7d92'
down_revision = 'a7c3e9d1f5b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idnumber', sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_question_course_id_idnumber'), ['course_id', 'idnumber'])
    op.create_table('question_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('general_feedback', sa.Text(), nullable=False),
    sa.Column('spec', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_translation_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_translation')),
    sa.UniqueConstraint('question_id', 'language', name=op.f('uq_question_translation_question_id_language'))
    )
    with op.batch_alter_table('attempt_answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table('attempt_answer', schema=None) as batch_op:
        batch_op.drop_column('language')
    op.drop_table('question_translation')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_question_course_id_idnumber'), type_='unique')
        batch_op.drop_column('idnumber')
