"""needs: translations of a survey's name and items for its respondents

Revision ID: a7c3e9d1f5b2
Revises: d4e5f6a7b8c9
Create Date: 2026-12-08 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d1f5b2'
down_revision = 'd4e5f6a7b8c9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('needs_survey_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['needs_survey.id'], name=op.f('fk_needs_survey_translation_survey_id_needs_survey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs_survey_translation')),
    sa.UniqueConstraint('survey_id', 'language', name=op.f('uq_needs_survey_translation_survey_id_language'))
    )
    op.create_table('needs_survey_item_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['needs_survey.id'], name=op.f('fk_needs_survey_item_translation_survey_id_needs_survey'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_needs_survey_item_translation_topic_id_topic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs_survey_item_translation')),
    sa.UniqueConstraint('survey_id', 'topic_id', 'language', name=op.f('uq_needs_survey_item_translation_survey_id_topic_id_language'))
    )


def downgrade():
    op.drop_table('needs_survey_item_translation')
    op.drop_table('needs_survey_translation')
