"""Fixtures for the specialist workspace: accounts, signing in through HTTP, stored intakes."""

import re

import pytest

from intake.models import AuditEvent, User
from intake.passwords import hash_password

PASSWORD = "lantern orchard velvet 42"
ADMIN_PASSWORD = "copper meadow tambourine 7"

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url: str = "/specialist/sign-in") -> str:
    """Read a CSRF token from the form a page renders."""
    response = client.get(url, headers={"Accept": "text/html"})
    match = _CSRF.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def sign_in(client, username: str, password: str, next_url: str | None = None):
    """Post the sign-in form as a browser would, CSRF token included."""
    token = csrf_token(client)
    url = "/specialist/sign-in" + (f"?next={next_url}" if next_url else "")
    return client.post(
        url,
        data={"csrf_token": token, "username": username, "password": password},
        headers={"Accept": "text/html"},
    )


def post_form(client, url: str, data: dict | None = None, token_from: str = "/specialist/"):
    """Post a workspace form with a token read from a page the user can see."""
    token = csrf_token(client, token_from)
    return client.post(
        url, data={"csrf_token": token, **(data or {})}, headers={"Accept": "text/html"}
    )


@pytest.fixture
def db_session(app):
    """A database session for arranging and inspecting stored rows."""
    session = app.extensions["db_sessionmaker"]()
    yield session
    session.close()


def add_user(app, db_session, username, password, role="specialist", **fields) -> User:
    with app.app_context():
        password_hash = hash_password(password)
    user = User(
        username=username,
        display_name=fields.pop("display_name", username.title()),
        password_hash=password_hash,
        role=role,
        **fields,
    )
    db_session.add(user)
    db_session.commit()
    return user


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
