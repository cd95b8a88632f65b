"""Fault fixtures: the test app reaching PostgreSQL through a proxy the test can cut."""

import pytest
from sqlalchemy.engine import make_url

from intake import create_app
from tests.faults.proxy import CuttableProxy


@pytest.fixture
def database_proxy(app):
    """Proxy to the test PostgreSQL server; skipped on SQLite, which has no server to lose."""
    url = make_url(app.config["DATABASE_URL"])
    if url.get_backend_name() != "postgresql":
        pytest.skip("a database outage needs a database server: runs on PostgreSQL")
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    yield proxy
    proxy.close()


@pytest.fixture
def proxied_app(app, database_proxy, tmp_path):
    """The app as configured for tests, but talking to the database through the proxy."""
    url = make_url(app.config["DATABASE_URL"]).set(host="127.0.0.1", port=database_proxy.port)
    config = {key: app.config[key] for key in ("TESTING", "SECRET_KEY", "ARGON2_PROFILE")} | {
        "DATABASE_URL": url.render_as_string(hide_password=False)
    }
    proxied = create_app(config, instance_path=str(tmp_path / "proxied"))
    yield proxied
    proxied.extensions["db_engine"].dispose()
