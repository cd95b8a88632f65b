"""submission_visit_at: each intake's visit start on its own row, for the dashboard's order

Revision ID: 0012_submission_visit_at
Revises: 0011_ended_links
Create Date: 2026-12-02 12:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import intake.db

revision = "0012_submission_visit_at"
down_revision = "0011_ended_links"
branch_labels = None
depends_on = None

# The start of the intake's visit, unless the client is not coming to it (see NOT_COMING).
_BACKFILL = """
UPDATE submissions SET visit_at = (
    SELECT a.starts_at FROM appointments a
    WHERE a.submission_id = submissions.id AND a.status NOT IN ('cancelled', 'no_show')
)
WHERE id IN (SELECT submission_id FROM appointments WHERE submission_id IS NOT NULL)
"""


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_at", intake.db.UTCDateTime(), nullable=True))
    op.execute(_BACKFILL)
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_submissions_urgency_visit",
            ["urgency", "visit_at", "submitted_at", "id"],
            unique=False,
            sqlite_where=sa.text("visit_at IS NOT NULL"),
            postgresql_where=sa.text("visit_at IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_submissions_urgency_visit")
        batch_op.drop_column("visit_at")
