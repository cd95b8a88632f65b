"""A specialist's signed-in sessions: how one starts, when it has run out, how all are ended.

The policy the sign-in views, the access check and the operator commands share.
"""

import time

from flask import current_app, session
from flask_login import current_user, login_user

from intake.models import User


def start_session(user: User) -> None:
    """Open a brand-new session for ``user``: nothing from before sign-in carries over."""
    session.clear()
    login_user(user)
    now = int(time.time())
    session["signed_in_at"] = now
    session["seen_at"] = now
    session["generation"] = user.session_generation


def end_sessions(user: User) -> None:
    """End every session the user has open, on any device, from their next request on."""
    # Session cookies are signed, not stored: a copy keeps working until the server says no.
    user.session_generation += 1


def session_ended() -> str | None:
    """Return why the signed-in session has run out ("idle", "expired", "revoked"), or None."""
    if session.get("generation") != current_user.session_generation:
        # Signed out, password changed or account deactivated since this cookie was issued.
        return "revoked"
    now = time.time()
    signed_in_at = session.get("signed_in_at")
    seen_at = session.get("seen_at")
    if not isinstance(signed_in_at, int | float) or not isinstance(seen_at, int | float):
        return "expired"
    if now - signed_in_at > current_app.config["SESSION_MAX_HOURS"] * 3600:
        return "expired"
    if now - seen_at > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        return "idle"
    return None
