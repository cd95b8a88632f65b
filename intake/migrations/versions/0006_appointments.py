"""appointments: visits, their invitations, and drafts started from one

Revision ID: 0006_appointments
Revises: 0003_name_search_index
Create Date: 2026-12-02 07:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

from intake.db import UTCDateTime

revision = "0006_appointments"
down_revision = "0005_assessment_as_of"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_name", sa.String(length=200), nullable=False),
        sa.Column("mobile", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=32), nullable=False),
        sa.Column("specialist_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("invitation_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["specialist_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("invitation_hash"),
        sa.UniqueConstraint("submission_id"),
    )
    op.create_index(
        "ix_appointments_visit_date_starts_at", "appointments", ["visit_date", "starts_at"]
    )
    op.create_index(
        "ux_appointments_mobile_starts_at",
        "appointments",
        ["mobile", "starts_at"],
        unique=True,
        sqlite_where=sa.text("status != 'cancelled'"),
        postgresql_where=sa.text("status != 'cancelled'"),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("appointment_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_drafts_appointment_id", ["appointment_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_drafts_appointment_id_appointments",
            "appointments",
            ["appointment_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_constraint("fk_drafts_appointment_id_appointments", type_="foreignkey")
        batch_op.drop_index("ix_drafts_appointment_id")
        batch_op.drop_column("appointment_id")
    op.drop_index("ux_appointments_mobile_starts_at", table_name="appointments")
    op.drop_index("ix_appointments_visit_date_starts_at", table_name="appointments")
    op.drop_table("appointments")
