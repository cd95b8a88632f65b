"""Fault fixtures: the test app reaching PostgreSQL through a proxy the test can cut."""

import pytest

from intake import create_app


@pytest.fixture
def proxied_app(app, proxied_database_url, tmp_path):
    """The app as configured for tests, but talking to the database through the proxy."""
    config = {key: app.config[key] for key in ("TESTING", "SECRET_KEY", "ARGON2_PROFILE")} | {
        "DATABASE_URL": proxied_database_url
    }
    proxied = create_app(config, instance_path=str(tmp_path / "proxied"))
    yield proxied
    proxied.extensions["db_engine"].dispose()
