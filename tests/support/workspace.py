"""The signed-in workspace through HTTP: accounts, signing in, and posting its forms."""

from intake.models import User
from intake.passwords import hash_password
from tests.support.forms import page_token

PASSWORD = "lantern orchard velvet 42"
ADMIN_PASSWORD = "copper meadow tambourine 7"
DESK_PASSWORD = "saffron ledger pebble 19"


def add_user(app, db_session, username, password, role="specialist", **fields) -> User:
    """Store an account that can sign in with ``password``; commit."""
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


def sign_in(client, username: str, password: str, next_url: str | None = None):
    """Post the sign-in form as a browser would, CSRF token included."""
    token = page_token(client)
    url = "/specialist/sign-in" + (f"?next={next_url}" if next_url else "")
    return client.post(
        url,
        data={"csrf_token": token, "username": username, "password": password},
        headers={"Accept": "text/html"},
    )


def post_form(client, url: str, data: dict | None = None, token_from: str = "/specialist/"):
    """Post a workspace form with a token read from a page the user can see."""
    token = page_token(client, token_from)
    return client.post(
        url, data={"csrf_token": token, **(data or {})}, headers={"Accept": "text/html"}
    )


def add_staff(app) -> None:
    """Store a front desk (rina), a specialist (meera) and an administrator (boss)."""
    with app.extensions["db_sessionmaker"]() as session:
        add_user(app, session, "rina", DESK_PASSWORD, role="front_desk", display_name="Rina")
        add_user(app, session, "meera", PASSWORD, display_name="Dr Meera Sen")
        add_user(app, session, "boss", ADMIN_PASSWORD, role="admin", display_name="Admin")
