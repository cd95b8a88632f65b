"""Fixtures shared by the suite: the app on the test database, its clients, and cleanup."""

import os

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import text

from intake import create_app
from intake.db import make_engine
from intake.migrate import upgrade
from intake.models import Base

# Hypothesis drives whole HTTP requests; a slow CI machine must not turn that into a failure.
settings.register_profile(
    "intake", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile("intake")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """Return the test database, migrated from empty; PostgreSQL when the environment says so."""
    url = os.environ.get("INTAKE_TEST_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def app(database_url, tmp_path):
    """Build an app on the test database; empty every table afterwards."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-only-secret-key",
            "DATABASE_URL": database_url,
            "ARGON2_PROFILE": "cheap",
        },
        instance_path=str(tmp_path / "instance"),
    )
    yield app
    engine = app.extensions["db_engine"]
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
