"""drafts: the step a returning client continues at, as worked out when a step was last saved

Revision ID: 0010_draft_next_step
Revises: 0009_photos
Create Date: 2026-12-02 08:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_draft_next_step"
down_revision = "0009_photos"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("continue_at", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("continue_at_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_column("continue_at_on")
        batch_op.drop_column("continue_at")
