"""The load test's final check really catches lost, duplicated and half-saved submissions."""

from datetime import date, timedelta

from intake.db import utcnow
from intake.models import Assessment, Consent, Draft, Photo, Submission
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


def _photo(app, reference: str, on_draft: bool = False) -> None:
    with app.extensions["db_sessionmaker"].begin() as session:
        submission = session.query(Submission).filter_by(reference=reference).one()
        draft = session.query(Draft).filter_by(submission_id=submission.id).one()
        on = {"draft_id": draft.id} if on_draft else {"submission_id": submission.id}
        session.add(
            Photo(
                concern="acne_scars",
                media_type="image/jpeg",
                width=1,
                height=1,
                size=1,
                sha256="0" * 64,
                content=b"x",
                **on,
            )
        )


def test_photos_without_consent_or_left_on_a_sent_draft_fail(app):
    _store(app, "AAA111")
    _store(app, "BBB222")
    _photo(app, "AAA111")
    _photo(app, "BBB222", on_draft=True)
    findings = check_database(app.config["DATABASE_URL"], ["AAA111", "BBB222"])
    assert not findings["ok"]
    assert findings["photos_without_consent"] == 1
    assert findings["photos_left_on_sent_drafts"] == 1
