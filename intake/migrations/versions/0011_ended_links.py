"""ended_links: resume links whose draft was ended early, so they say so

Revision ID: 0011_ended_links
Revises: 0010_draft_next_step
Create Date: 2026-12-02 11:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import intake.db

revision = "0011_ended_links"
down_revision = "0010_draft_next_step"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ended_links",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", intake.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_ended_links_expires_at", "ended_links", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_ended_links_expires_at", table_name="ended_links")
    op.drop_table("ended_links")
