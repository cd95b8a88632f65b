"""Migration 0012: each intake gets its visit's start, unless the client is not coming."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from intake.db import JSONType, UTCDateTime, make_engine
from intake.migrate import upgrade

BEFORE = "0011_ended_links"

# The tables as they stood before the migration, with only the columns it reads or needs.
_metadata = sa.MetaData()
_submissions = sa.Table(
    "submissions",
    _metadata,
    sa.Column("id", sa.Integer),
    sa.Column("reference", sa.String),
    sa.Column("submitted_at", UTCDateTime),
    sa.Column("language", sa.String),
    sa.Column("form_version", sa.String),
    sa.Column("full_name", sa.String),
    sa.Column("name_key", sa.String),
    sa.Column("date_of_birth", sa.Date),
    sa.Column("age", sa.Integer),
    sa.Column("answers", JSONType),
    sa.Column("facts", JSONType),
    sa.Column("outcome", sa.String),
    sa.Column("status", sa.String),
    sa.Column("reasons", JSONType),
)
_appointments = sa.Table(
    "appointments",
    _metadata,
    sa.Column("id", sa.Integer),
    sa.Column("client_name", sa.String),
    sa.Column("mobile", sa.String),
    sa.Column("language", sa.String),
    sa.Column("starts_at", UTCDateTime),
    sa.Column("visit_date", sa.Date),
    sa.Column("service", sa.String),
    sa.Column("status", sa.String),
    sa.Column("submission_id", sa.Integer),
    sa.Column("created_at", UTCDateTime),
    sa.Column("updated_at", UTCDateTime),
)
START = datetime(2026, 12, 3, 4, 30, tzinfo=UTC)
# Each intake's visit status (None: no visit), and the visit_at the migration should give.
CASES = {
    1: ("intake_sent", START),
    2: ("arrived", START + timedelta(hours=1)),
    3: ("cancelled", None),
    4: ("no_show", None),
    5: (None, None),
}


def _submission(number: int) -> dict:
    return {
        "id": number, "reference": f"MIGR-000{number}", "submitted_at": START, "language": "en",
        "form_version": "2026-11-v1", "full_name": "A B", "name_key": "a b",
        "date_of_birth": date(1990, 1, 1), "age": 36, "answers": {}, "facts": {},
        "outcome": "suitable", "status": "new", "reasons": [],
    }  # fmt: skip


def _visit(number: int, status: str) -> dict:
    return {
        "id": number, "client_name": "A B", "mobile": f"+91983000000{number}", "language": "en",
        "starts_at": START + timedelta(hours=number - 1), "visit_date": date(2026, 12, 3),
        "service": "microneedling", "status": status, "submission_id": number,
        "created_at": START, "updated_at": START,
    }  # fmt: skip


def check_backfill(engine) -> None:
    """Migrate a database at 0011 holding every kind of visit; check each intake's visit_at."""
    upgrade(engine, BEFORE)
    with engine.begin() as connection:
        connection.execute(_submissions.insert(), [_submission(n) for n in CASES])
        visits = [_visit(n, status) for n, (status, _at) in CASES.items() if status]
        connection.execute(_appointments.insert(), visits)
    upgrade(engine)
    visit_at = sa.table("submissions", sa.column("id"), sa.column("visit_at", UTCDateTime))
    with engine.connect() as connection:
        rows = dict(connection.execute(sa.select(visit_at).order_by(visit_at.c.id)).all())
    assert rows == {n: at for n, (_status, at) in CASES.items()}


def test_each_intake_gets_its_coming_visits_start(tmp_path):
    check_backfill(make_engine(f"sqlite:///{tmp_path / 'old.db'}"))
