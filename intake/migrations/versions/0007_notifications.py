"""notifications: accounts' e-mail addresses, and when specialists were told of a visit

Revision ID: 0007_notifications
Revises: 0006_appointments
Create Date: 2026-12-02 08:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

from intake.db import UTCDateTime

revision = "0007_notifications"
down_revision = "0006_appointments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=True))
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("specialists_told_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_column("specialists_told_at")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email")
