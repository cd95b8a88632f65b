"""photos: the client's photos of each concern area, re-encoded, on a draft or a submission

Revision ID: 0009_photos
Revises: 0008_review_states
Create Date: 2026-12-02 08:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

from intake.db import UTCDateTime

revision = "0009_photos"
down_revision = "0008_review_states"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("concern", sa.String(length=32), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=True),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("added_by", sa.String(length=80), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_photos_draft_id", "photos", ["draft_id"])
    op.create_index("ix_photos_submission_id", "photos", ["submission_id"])


def downgrade() -> None:
    op.drop_index("ix_photos_submission_id", table_name="photos")
    op.drop_index("ix_photos_draft_id", table_name="photos")
    op.drop_table("photos")
