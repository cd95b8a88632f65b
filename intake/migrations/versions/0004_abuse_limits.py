"""abuse limits: drafts and saved steps counted per client address and hour

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


def downgrade() -> None:
    op.drop_index("ix_address_counts_hour", table_name="address_counts")
    op.drop_table("address_counts")
