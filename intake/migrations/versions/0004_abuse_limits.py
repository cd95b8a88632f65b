"""abuse limits: drafts and saves counted per address and hour; searches kept server-side

Revision ID: 0004_abuse_limits
Revises: 0003_name_search_index
Create Date: 2026-12-02 07:20:00.000000
"""

from alembic import op
import sqlalchemy as sa

import intake.db

revision = "0004_abuse_limits"
down_revision = "0003_name_search_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "address_counts",
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("hour", intake.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("address", "kind", "hour"),
    )
    op.create_index("ix_address_counts_hour", "address_counts", ["hour"])
    op.create_table(
        "dashboard_searches",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("created_at", intake.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dashboard_searches_user_id", "dashboard_searches", ["user_id"])
    op.create_index("ix_dashboard_searches_created_at", "dashboard_searches", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_dashboard_searches_created_at", table_name="dashboard_searches")
    op.drop_index("ix_dashboard_searches_user_id", table_name="dashboard_searches")
    op.drop_table("dashboard_searches")
    op.drop_index("ix_address_counts_hour", table_name="address_counts")
    op.drop_table("address_counts")
