"""catalogue: a search index of word stems per course and lesson and language

Search matches words by their stem in the language of the text (stemmed in Python: SQLite has no stemming
and PostgreSQL's text-search configurations have no Polish). One search_document per course and per
active lesson in each of its languages (with the title and plain text its results show), and the
stems of its words in search_stem, keyed by stem, with where each first stands in the text.
The index is filled here for the courses already in the database; afterwards the content sync and every
edit in the app rebuild a course's part of it.

Revision ID: 5e4a1c9d7f20
Revises: 6a1c3e5b7d92
Create Date: 2026-12-07 19:30:00.000000

"""
from types import SimpleNamespace

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e4a1c9d7f20'
down_revision = '6a1c3e5b7d92'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_search_document_course_id_course'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lesson_id'], ['lesson.id'], name=op.f('fk_search_document_lesson_id_lesson'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_document'))
    )
    with op.batch_alter_table('search_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_document_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_document_lesson_id'), ['lesson_id'], unique=False)

    op.create_table('search_stem',
    sa.Column('stem', sa.String(length=64), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['search_document.id'], name=op.f('fk_search_stem_document_id_search_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('stem', 'document_id', name=op.f('pk_search_stem'))
    )
    with op.batch_alter_table('search_stem', schema=None) as batch_op:
        batch_op.create_index('ix_search_stem_document_id', ['document_id'], unique=False)

    _index_the_courses_there_are()


def downgrade():
    with op.batch_alter_table('search_stem', schema=None) as batch_op:
        batch_op.drop_index('ix_search_stem_document_id')
    op.drop_table('search_stem')
    with op.batch_alter_table('search_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_document_lesson_id'))
        batch_op.drop_index(batch_op.f('ix_search_document_course_id'))
    op.drop_table('search_document')


# The tables as they are at this revision (never the models, which later revisions may change).
COURSE = sa.table('course', sa.column('id', sa.Integer), sa.column('code', sa.String), sa.column('title', sa.String),
                  sa.column('summary', sa.Text), sa.column('description', sa.Text), sa.column('outcomes', sa.JSON),
                  sa.column('language', sa.String))
COURSE_TRANSLATION = sa.table('course_translation', sa.column('course_id', sa.Integer), sa.column('language', sa.String),
                              sa.column('title', sa.String), sa.column('summary', sa.Text),
                              sa.column('description', sa.Text), sa.column('outcomes', sa.JSON))
LESSON = sa.table('lesson', sa.column('id', sa.Integer), sa.column('course_id', sa.Integer), sa.column('title', sa.String),
                  sa.column('body', sa.Text), sa.column('position', sa.Integer), sa.column('archived_at', sa.DateTime))
LESSON_TRANSLATION = sa.table('lesson_translation', sa.column('lesson_id', sa.Integer), sa.column('language', sa.String),
                              sa.column('title', sa.String), sa.column('body', sa.Text))
TOPIC = sa.table('topic', sa.column('id', sa.Integer), sa.column('code', sa.String), sa.column('name', sa.String))
COURSE_TOPIC = sa.table('course_topic', sa.column('course_id', sa.Integer), sa.column('topic_id', sa.Integer),
                        sa.column('position', sa.Integer))
DOCUMENT = sa.table('search_document', sa.column('id', sa.Integer), sa.column('course_id', sa.Integer),
                    sa.column('lesson_id', sa.Integer), sa.column('language', sa.String),
                    sa.column('title', sa.String), sa.column('text', sa.Text))
STEM = sa.table('search_stem', sa.column('stem', sa.String), sa.column('document_id', sa.Integer),
                sa.column('position', sa.Integer))


def _index_the_courses_there_are():
    """The documents and stems of every course, built by the search module's stemming from plain rows."""
    from ecri_lms.catalogue.search import index_documents

    bind = op.get_bind()

    def grouped(query, key):
        groups = {}
        for row in bind.execute(query):
            groups.setdefault(getattr(row, key), []).append(row)
        return groups

    translations = grouped(sa.select(COURSE_TRANSLATION), 'course_id')
    lesson_translations = grouped(sa.select(LESSON_TRANSLATION), 'lesson_id')
    lessons = grouped(sa.select(LESSON).where(LESSON.c.archived_at.is_(None)).order_by(LESSON.c.position), 'course_id')
    topics = grouped(
        sa.select(COURSE_TOPIC.c.course_id, TOPIC.c.code, TOPIC.c.name)
        .join(TOPIC, TOPIC.c.id == COURSE_TOPIC.c.topic_id)
        .order_by(COURSE_TOPIC.c.position),
        'course_id',
    )
    for row in bind.execute(sa.select(COURSE)).all():
        course = SimpleNamespace(
            **row._mapping,
            topics=topics.get(row.id, []),
            translations=translations.get(row.id, []),
            active_lessons=[
                SimpleNamespace(**lesson._mapping, translations=lesson_translations.get(lesson.id, []))
                for lesson in lessons.get(row.id, [])
            ],
        )
        for document in index_documents(course):
            document_id = bind.execute(
                DOCUMENT.insert()
                .values(course_id=row.id, lesson_id=document.lesson_id, language=document.language,
                        title=document.title[:200], text=document.text)
                .returning(DOCUMENT.c.id)
            ).scalar_one()
            rows = [{'stem': stem, 'document_id': document_id, 'position': position}
                    for stem, position in document.stems.items()]
            if rows:
                bind.execute(STEM.insert(), rows)
