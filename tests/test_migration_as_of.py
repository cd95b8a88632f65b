"""Migration 0005: existing assessments get their intake's sending date as their as-of date."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from intake.db import JSONType, UTCDateTime, make_engine
from intake.migrate import upgrade

BEFORE = "0003_name_search_index"

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
)
_assessments = sa.Table(
    "assessments",
    _metadata,
    sa.Column("id", sa.Integer),
    sa.Column("submission_id", sa.Integer),
    sa.Column("created_at", UTCDateTime),
    sa.Column("rules_version", sa.String),
    sa.Column("overall", sa.String),
    sa.Column("result", JSONType),
)


def _submission(number: int, sent: datetime) -> dict:
    return {
        "id": number, "reference": f"MIGR-000{number}", "submitted_at": sent, "language": "en",
        "form_version": "2026-11-v1", "full_name": "A B", "name_key": "a b",
        "date_of_birth": date(1990, 1, 1), "age": 36, "answers": {}, "facts": {},
        "outcome": "suitable", "status": "new",
    }  # fmt: skip


def test_existing_assessments_are_dated_to_the_sending_day_in_the_clinic(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, BEFORE)
    # 20:00 UTC on 1 March is already 2 March in Kolkata (UTC+5:30).
    late = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    morning = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(_submissions.insert(), [_submission(1, late), _submission(2, morning)])
        connection.execute(
            _assessments.insert(),
            [
                {"id": n, "submission_id": s, "created_at": late, "rules_version": "1",
                 "overall": "suitable", "result": {}}
                for n, s in ((1, 1), (2, 1), (3, 2))
            ],
        )  # fmt: skip
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT id, as_of FROM assessments ORDER BY id")).all()
        nullable = {
            column["name"]: column["nullable"]
            for column in sa.inspect(connection).get_columns("assessments")
        }
    engine.dispose()
    assert [(row.id, str(row.as_of)) for row in rows] == [
        (1, "2026-03-02"),
        (2, "2026-03-02"),
        (3, "2026-03-05"),
    ]
    assert nullable["as_of"] is False


def test_rebuilding_tables_on_sqlite_deletes_nothing_that_hangs_off_them(tmp_path):
    # SQLite rebuilds an altered table (copy, drop, rename); with foreign keys enforced the
    # drop would cascade to every decision, consent and concern of every intake.
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, BEFORE)
    sent = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(_submissions.insert(), [_submission(1, sent)])
        connection.execute(
            _assessments.insert(),
            [{"id": 1, "submission_id": 1, "created_at": sent, "rules_version": "1",
              "overall": "suitable", "result": {}}],
        )  # fmt: skip
        for statement in (
            "INSERT INTO users (id, username, display_name, password_hash, role, is_active,"
            " must_change_password, created_at, session_generation)"
            " VALUES (1, 'meera', 'Dr Meera Sen', 'x', 'specialist', 1, 0, '2026-03-05', 0)",
            "INSERT INTO decisions (id, submission_id, assessment_id, user_id, created_at,"
            " outcome, notes) VALUES (1, 1, 1, 1, '2026-03-06', 'proceed', '')",
            "INSERT INTO consents (id, submission_id, kind, given, text_version, language,"
            " given_at) VALUES (1, 1, 'treatment_data', 1, 'v1', 'en', '2026-03-05')",
            "INSERT INTO submission_concerns (submission_id, concern) VALUES (1, 'texture')",
        ):
            connection.exec_driver_sql(statement)
    upgrade(engine)
    with engine.connect() as connection:
        counts = {
            table: connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in (
                "submissions",
                "assessments",
                "decisions",
                "consents",
                "submission_concerns",
            )
        }
        enforced = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    engine.dispose()
    assert counts == dict.fromkeys(counts, 1)
    assert enforced == 1
