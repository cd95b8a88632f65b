"""Limits on new drafts and saved steps per client address, counted in the database."""

from datetime import datetime

from flask import current_app, request
from sqlalchemy.dialects import postgresql, sqlite

from intake import db
from intake.db import utcnow
from intake.models import AddressCount

# The setting that caps each kind of request, per address and clock hour.
SETTINGS = {"draft": "DRAFTS_PER_ADDRESS_PER_HOUR", "save": "SAVES_PER_ADDRESS_PER_HOUR"}


def allow(kind: str) -> bool:
    """Count one more request of this kind from the client's address; say if it is allowed."""
    return count(kind, request.remote_addr or "unknown", utcnow()) <= int(
        current_app.config[SETTINGS[kind]]
    )


def count(kind: str, address: str, now: datetime) -> int:
    """Add one to the address's count for this hour and return the new count."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    session = db.session()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # One statement that adds or increments: two processes counting at once both count.
    statement = (
        insert(AddressCount)
        .values(address=address, kind=kind, hour=hour, count=1)
        .on_conflict_do_update(
            index_elements=["address", "kind", "hour"],
            set_={"count": AddressCount.count + 1},
        )
        .returning(AddressCount.count)
    )
    return session.execute(statement).scalar_one()
