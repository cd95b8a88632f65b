"""Fixtures shared by the suite: the app on the test database, its clients, accounts, cleanup.

Helpers that are not fixtures live in tests/support; no test imports a conftest.
"""

import os

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import text
from sqlalchemy.engine import make_url

from intake import after_response, create_app
from intake.db import make_engine
from intake.migrate import upgrade
from intake.models import AuditEvent, Base, User
from tests.support.client_journey import Intake
from tests.support.database import refuse_unless_test_database
from tests.support.proxy import CuttableProxy
from tests.support.workspace import ADMIN_PASSWORD, PASSWORD, add_user, sign_in

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
        refuse_unless_test_database(engine.url.database)
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
    # Nothing queued by this test may run into the next one's tables.
    after_response.worker(app).join()
    engine = app.extensions["db_engine"]
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def finish(app):
    """Close a test client's response, as a server does once it is sent, and wait for the
    work that response left behind (intake/after_response.py)."""

    def finish(response):
        response.close()
        after_response.worker(app).join()

    return finish


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
def proxied_database_url(app, database_proxy) -> str:
    """Return the test database's URL by way of the cuttable proxy."""
    url = make_url(app.config["DATABASE_URL"]).set(host="127.0.0.1", port=database_proxy.port)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def intake(client):
    """A client filling the intake through the test client."""
    return Intake(client)


@pytest.fixture
def db_session(app):
    """A database session for arranging and inspecting stored rows."""
    session = app.extensions["db_sessionmaker"]()
    yield session
    session.close()


@pytest.fixture
def specialist(app, db_session) -> User:
    return add_user(app, db_session, "meera", PASSWORD, display_name="Dr Meera Sen")


@pytest.fixture
def admin(app, db_session) -> User:
    return add_user(app, db_session, "boss", ADMIN_PASSWORD, role="admin", display_name="Admin")


@pytest.fixture
def signed_in(client, specialist):
    """A client signed in as the specialist."""
    response = sign_in(client, "meera", PASSWORD)
    assert response.status_code == 303
    return client


@pytest.fixture
def audit_rows(db_session):
    """Return every audit row, freshly read."""

    def read() -> list[AuditEvent]:
        db_session.expire_all()
        return list(db_session.query(AuditEvent).order_by(AuditEvent.id))

    return read


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Compile translation catalogs that are missing or older than their .po, as `make` does.

    The .mo files are not committed, so `pytest` alone in a fresh clone still tests the
    languages the client sees.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from intake.config import PROJECT_ROOT

    for po in (PROJECT_ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source)
        with mo.open("wb") as target:
            write_mo(target, catalog)
