"""The load test's final check really catches lost, duplicated and half-saved submissions."""

from datetime import date, timedelta

from intake.db import utcnow
from intake.models import Assessment, Consent, Draft, Submission
from loadtest.run import check_database


def _store(app, reference: str, assessment: bool = True, consent: bool = True) -> None:
    with app.extensions["db_sessionmaker"].begin() as session:
        submission = Submission(
            reference=reference,
            language="en",
            form_version="1",
            full_name="Test Person",
            name_key="test person",
            date_of_birth=date(1990, 1, 1),
            age=35,
            answers={},
            facts={},
            outcome="suitable",
        )
        session.add(submission)
        session.flush()
        if assessment:
            session.add(
                Assessment(
                    submission_id=submission.id,
                    rules_version="1",
                    as_of=date(2026, 11, 20),
                    overall="suitable",
                    result={},
                )
            )
        if consent:
            session.add(
                Consent(
                    submission_id=submission.id,
                    kind="treatment_data",
                    given=True,
                    text_version="1",
                    language="en",
                )
            )
        session.add(
            Draft(
                token_hash=reference.ljust(64, "0"),
                language="en",
                answers={},
                expires_at=utcnow() + timedelta(days=1),
                submission_id=submission.id,
            )
        )


def test_exactly_the_confirmed_submissions_pass(app):
    _store(app, "AAA111")
    _store(app, "BBB222")
    findings = check_database(app.config["DATABASE_URL"], ["AAA111", "BBB222"])
    assert findings["ok"], findings


def test_lost_and_unconfirmed_submissions_fail(app):
    _store(app, "AAA111")
    findings = check_database(app.config["DATABASE_URL"], ["BBB222"])
    assert not findings["ok"]
    assert findings["lost"] == ["BBB222"]
    assert findings["stored_but_never_confirmed"] == ["AAA111"]


def test_a_reference_confirmed_twice_fails(app):
    _store(app, "AAA111")
    findings = check_database(app.config["DATABASE_URL"], ["AAA111", "AAA111"])
    assert not findings["ok"]
    assert findings["confirmed_twice"] == ["AAA111"]


def test_half_saved_submissions_fail(app):
    _store(app, "AAA111", assessment=False)
    _store(app, "BBB222", consent=False)
    findings = check_database(app.config["DATABASE_URL"], ["AAA111", "BBB222"])
    assert not findings["ok"]
    assert findings["without_assessment"] == 1
    assert findings["without_consent"] == 1
