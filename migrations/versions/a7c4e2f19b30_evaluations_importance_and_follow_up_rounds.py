"""evaluations: topic importance after training, and follow-up survey rounds made from a plan's evaluations

Revision ID: a7c4e2f19b30
Revises: 7c1e5a9d2b40
Create Date: 2026-12-07 06:15:00

"""
import sqlalchemy as sa
from alembic import op

import ecri_lms.infra.db_types

revision = "a7c4e2f19b30"
down_revision = "7c1e5a9d2b40"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("run_evaluation_topic", schema=None) as batch_op:
        batch_op.add_column(sa.Column("importance", sa.SmallInteger(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_run_evaluation_topic_importance_scale"), "importance BETWEEN 1 AND 5")
    op.create_table(
        "run_evaluation_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("created_at", ecri_lms.infra.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["needs_training_plan.id"],
            name=op.f("fk_run_evaluation_follow_up_plan_id_needs_training_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["needs_survey.id"],
            name=op.f("fk_run_evaluation_follow_up_survey_id_needs_survey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_evaluation_follow_up")),
        sa.UniqueConstraint("survey_id", name=op.f("uq_run_evaluation_follow_up_survey_id")),
    )
    with op.batch_alter_table("run_evaluation_follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_run_evaluation_follow_up_plan_id"), ["plan_id"], unique=False)


def downgrade():
    with op.batch_alter_table("run_evaluation_follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_evaluation_follow_up_plan_id"))
    op.drop_table("run_evaluation_follow_up")
    with op.batch_alter_table("run_evaluation_topic", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_run_evaluation_topic_importance_scale"), type_="check")
        batch_op.drop_column("importance")
