"""Export one intake for the client's access request; purge intakes past retention."""

import json
from datetime import timedelta

from intake.db import utcnow
from intake.models import (
    Assessment,
    AuditEvent,
    Consent,
    Draft,
    Submission,
    SubmissionConcern,
)
from intake.questionnaire import CONSENT_VERSIONS
from tests.support.factories import ANSWER_MARKER, reviewed_submission


def test_export_downloads_everything_stored_as_json(signed_in, db_session):
    submission = reviewed_submission(db_session)
    response = signed_in.get(f"/specialist/intakes/{submission.reference}/export.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="intake-{submission.reference}.json"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    record = response.get_json()
    assert record["reference"] == submission.reference
    assert record["answers"]["medicines"]["medicines_list"].endswith(ANSWER_MARKER)
    assert record["assessments"][0]["overall"] == "needs_specialist_review"
    assert record["assessments"][0]["as_of"] == submission.latest_assessment.as_of.isoformat()
    assert record["consents"][0]["text_version"] == CONSENT_VERSIONS["en"]
    assert record["concerns"] == ["acne_scars", "texture"]


def test_export_command_prints_json(runner, db_session):
    submission = reviewed_submission(db_session)
    result = runner.invoke(args=["export", submission.reference.lower()])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["full_name"] == "Priya Das"
    event = db_session.query(AuditEvent).filter_by(action="exported").one()
    assert (event.username, event.reference, event.detail) == (
        "cli",
        submission.reference,
        {"format": "json", "via": "cli"},
    )


def test_export_command_names_an_unknown_reference(runner):
    result = runner.invoke(args=["export", "NOPE-1234"])
    assert result.exit_code == 1
    assert "No intake with reference 'NOPE-1234'" in result.output


def _old_and_new(db_session, days_old):
    old = reviewed_submission(db_session, submitted_at=utcnow() - timedelta(days=days_old))
    new = reviewed_submission(db_session, submitted_at=utcnow() - timedelta(days=1))
    return old, new


def test_purge_dry_run_only_counts(runner, db_session):
    _old_and_new(db_session, days_old=9 * 365)
    result = runner.invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0
    assert "Would remove 1 intakes" in result.output
    assert db_session.query(Submission).count() == 2


def test_purge_removes_intakes_past_retention_with_everything_attached(app, runner, db_session):
    old, new = _old_and_new(db_session, days_old=app.config["RETENTION_DAYS"] + 1)
    old_id, old_reference, new_id = old.id, old.reference, new.id
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 intakes" in result.output
    db_session.expire_all()
    assert [s.id for s in db_session.query(Submission)] == [new_id]
    for model in (Assessment, Consent, SubmissionConcern):
        assert db_session.query(model).filter_by(submission_id=old_id).count() == 0
        assert db_session.query(model).filter_by(submission_id=new_id).count() >= 1
    purged = db_session.query(AuditEvent).filter_by(action="purged").one()
    assert (purged.submission_id, purged.reference, purged.username) == (
        old_id,
        old_reference,
        "cli",
    )
    run = db_session.query(AuditEvent).filter_by(action="purge_run").one()
    assert run.detail["intakes"] == 1


def test_purge_takes_a_retention_in_days(runner, db_session):
    _old_and_new(db_session, days_old=40)
    assert "Removed 1 intakes" in runner.invoke(args=["purge", "--days", "30"]).output
    assert db_session.query(Submission).count() == 1


def test_purge_removes_expired_drafts(runner, db_session):
    db_session.add_all(
        [
            Draft(token_hash="a" * 64, language="en", expires_at=utcnow() - timedelta(days=1)),
            Draft(token_hash="b" * 64, language="en", expires_at=utcnow() + timedelta(days=1)),
        ]
    )
    db_session.commit()
    result = runner.invoke(args=["purge"])
    assert "and 1 expired drafts" in result.output
    assert [d.token_hash[0] for d in db_session.query(Draft)] == ["b"]
