"""review states: viewed, consultation and re-review; the dashboard's urgency and reasons

Revision ID: 0008_review_states
Revises: 0007_notifications
Create Date: 2026-12-02 07:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

import intake.db
from intake.db import JSONType

revision = "0008_review_states"
down_revision = "0007_notifications"
branch_labels = None
depends_on = None

_PRIORITY = """
UPDATE submissions SET urgency = CASE
    WHEN status = 're_review' THEN 2
    WHEN status IN ('new', 'viewed')
        AND outcome IN ('not_suitable', 'needs_specialist_review') THEN 1
    ELSE 0 END
"""


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("urgency", sa.SmallInteger(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("reasons", JSONType, nullable=True))
        batch_op.drop_index("ix_submissions_submitted")
        batch_op.drop_index("ix_submissions_status_submitted")
        batch_op.drop_index("ix_submissions_outcome_submitted")
        batch_op.drop_index("ix_submissions_name_key_submitted")
    op.execute("UPDATE submissions SET status = 'viewed' WHERE status = 'in_review'")
    # A decision to see the client in person leaves them still to be seen.
    op.execute(
        "UPDATE submissions SET status = 'consultation' WHERE status = 'decided' AND ("
        "SELECT d.outcome FROM decisions d WHERE d.submission_id = submissions.id "
        "ORDER BY d.id DESC LIMIT 1) = 'needs_consultation'"
    )
    op.execute(_PRIORITY)
    _fill_reasons()
    _create_decision_drafts()
    # An empty content marks a render in progress: the claim on that state.
    with op.batch_alter_table("pdf_documents", schema=None) as batch_op:
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=True)
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.alter_column("reasons", existing_type=JSONType, nullable=False)
        batch_op.create_index(
            "ix_submissions_urgency_submitted", ["urgency", "submitted_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_submissions_status_urgency",
            ["status", "urgency", "submitted_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_submissions_outcome_urgency",
            ["outcome", "urgency", "submitted_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_submissions_name_key_urgency",
            ["name_key", "urgency", "submitted_at", "id"],
            unique=False,
            postgresql_ops={"name_key": "text_pattern_ops"},
        )


def _create_decision_drafts() -> None:
    op.create_table(
        "decision_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("fields", JSONType, nullable=False),
        sa.Column("created_at", intake.db.UTCDateTime(), nullable=False),
        sa.Column("expires_at", intake.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "user_id", "submission_id", name="uq_decision_drafts_user_submission"
        ),
    )
    with op.batch_alter_table("decision_drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_drafts_expires_at"), ["expires_at"], unique=False
        )


def _fill_reasons() -> None:
    """Copy each intake's absolute and review finding titles from its latest assessment."""
    bind = op.get_bind()
    submissions = sa.table("submissions", sa.column("id"), sa.column("reasons", JSONType))
    assessments = sa.table(
        "assessments", sa.column("id"), sa.column("submission_id"), sa.column("result", JSONType)
    )
    latest = (
        sa.select(sa.func.max(assessments.c.id))
        .group_by(assessments.c.submission_id)
        .scalar_subquery()
    )
    rows = bind.execute(
        sa.select(assessments.c.submission_id, assessments.c.result).where(
            assessments.c.id.in_(latest)
        )
    )
    for submission_id, result in rows:
        titles = [
            flag["title"]
            for severity in ("absolute", "review")
            for flag in (result or {}).get("flags", [])
            if flag.get("severity") == severity
        ]
        bind.execute(
            submissions.update().where(submissions.c.id == submission_id).values(reasons=titles)
        )
    bind.execute(submissions.update().where(submissions.c.reasons.is_(None)).values(reasons=[]))


def downgrade() -> None:
    op.execute("DELETE FROM pdf_documents WHERE content IS NULL")
    with op.batch_alter_table("pdf_documents", schema=None) as batch_op:
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
    op.drop_table("decision_drafts")
    op.execute("UPDATE submissions SET status = 'in_review' WHERE status = 'viewed'")
    op.execute(
        "UPDATE submissions SET status = 'decided' WHERE status IN ('consultation', 're_review')"
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_submissions_name_key_urgency")
        batch_op.drop_index("ix_submissions_outcome_urgency")
        batch_op.drop_index("ix_submissions_status_urgency")
        batch_op.drop_index("ix_submissions_urgency_submitted")
        batch_op.drop_column("reasons")
        batch_op.drop_column("urgency")
        batch_op.create_index("ix_submissions_submitted", ["submitted_at", "id"], unique=False)
        batch_op.create_index(
            "ix_submissions_status_submitted", ["status", "submitted_at"], unique=False
        )
        batch_op.create_index(
            "ix_submissions_outcome_submitted", ["outcome", "submitted_at"], unique=False
        )
        batch_op.create_index(
            "ix_submissions_name_key_submitted",
            ["name_key", "submitted_at", "id"],
            unique=False,
            postgresql_ops={"name_key": "text_pattern_ops"},
        )
