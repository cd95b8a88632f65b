"""Fixtures for the PDF tests: a database session inside the app, and the stored intakes."""

import pytest

from tests import factories


@pytest.fixture
def db(app):
    """Open a session on the test database, inside the app, as a request would have."""
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        yield session
        session.close()


@pytest.fixture
def typical(db):
    submission = factories.typical_submission(db)
    db.commit()
    return submission


@pytest.fixture
def worst(db):
    submission = factories.worst_submission(db)
    user = factories.make_specialist(db)
    factories.add_decision(
        db,
        submission,
        user,
        outcome="decline",
        reason="Active infection and a changing lesion: treat and diagnose first.\nRe-book after.",
        notes="Refer to dermatology for the lesion.",
    )
    db.commit()
    return submission
