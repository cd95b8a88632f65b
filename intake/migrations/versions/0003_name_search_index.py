"""name search index: the newest-first keys after the name

Revision ID: 0003_name_search_index
Revises: 0002_session_generation
Create Date: 2026-11-25 06:00:00.000000
"""

from alembic import op

revision = "0003_name_search_index"
down_revision = "0002_session_generation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_submissions_name_key")
        batch_op.create_index(
            "ix_submissions_name_key_submitted",
            ["name_key", "submitted_at", "id"],
            unique=False,
            postgresql_ops={"name_key": "text_pattern_ops"},
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_submissions_name_key_submitted")
        batch_op.create_index(
            "ix_submissions_name_key",
            ["name_key"],
            unique=False,
            postgresql_ops={"name_key": "text_pattern_ops"},
        )
