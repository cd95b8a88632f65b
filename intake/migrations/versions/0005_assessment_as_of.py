"""assessment as-of date: the day each assessment counted ages and windows to

Revision ID: 0005_assessment_as_of
Revises: 0004_abuse_limits
Create Date: 2026-12-02 07:30:00.000000
"""

from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op
from flask import current_app, has_app_context

from intake.config import DEFAULTS
from intake.db import UTCDateTime

revision = "0005_assessment_as_of"
down_revision = "0004_abuse_limits"
branch_labels = None
depends_on = None

_submissions = sa.table(
    "submissions", sa.column("id", sa.Integer), sa.column("submitted_at", UTCDateTime)
)
_assessments = sa.table(
    "assessments", sa.column("submission_id", sa.Integer), sa.column("as_of", sa.Date)
)


def _clinic_zone() -> ZoneInfo:
    config = current_app.config if has_app_context() else DEFAULTS
    return ZoneInfo(config["CLINIC_TIMEZONE"])


def upgrade() -> None:
    op.add_column("assessments", sa.Column("as_of", sa.Date(), nullable=True))
    # Every assessment so far counted to the day its intake was sent, in the clinic's calendar.
    zone = _clinic_zone()
    connection = op.get_bind()
    rows = connection.execute(sa.select(_submissions.c.id, _submissions.c.submitted_at)).all()
    days = [{"sid": id_, "day": sent.astimezone(zone).date()} for id_, sent in rows]
    if days:
        connection.execute(
            _assessments.update()
            .where(_assessments.c.submission_id == sa.bindparam("sid"))
            .values(as_of=sa.bindparam("day")),
            days,
        )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.alter_column("as_of", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_column("as_of")
