"""Fixtures for the PDF tests: a database session inside the app, and the stored intakes."""

import pytest

from intake.pdf import render
from tests.support import factories


@pytest.fixture
def db(app):
    """Open a session on the test database, inside the app, as a request would have."""
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        yield session
        session.close()


@pytest.fixture
def signed_in(db, signed_in):
    """The specialist's client, signed in after ``db`` opens its app context.

    Requests made inside that context share its ``g``, where Flask-Login keeps the user;
    signed in before it, a later request meets a user from a session already closed.
    """
    return signed_in


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


@pytest.fixture
def renders(monkeypatch):
    """Count the real renders, by the reference each was for."""
    calls = []
    real = render.render_summary_pdf

    def counting(context):
        calls.append(context["reference"])
        return real(context)

    monkeypatch.setattr(render, "render_summary_pdf", counting)
    return calls


@pytest.fixture
def broken_renderer(monkeypatch):
    """Make every render fail with a message quoting what the client typed, as a real one may.

    ``broken_renderer.undo()`` mends it.
    """

    def broken(context):
        raise ValueError(f"cannot lay out {context['full_name']}: {context['header'].medicines}")

    monkeypatch.setattr(render, "render_summary_pdf", broken)
    return monkeypatch
