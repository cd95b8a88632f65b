"""The one access check every specialist view passes, and the admin-only guard."""

import functools
import time
from urllib.parse import urlsplit

from flask import abort, current_app, flash, g, jsonify, redirect, request, session, url_for
from flask_login import current_user, logout_user

from intake.specialist import bp

# Views a signed-in user may use while they still have to replace a one-time password.
_ALLOWED_BEFORE_PASSWORD_CHANGE = {"specialist.change_password", "specialist.sign_out"}
# Responses that are data rather than pages: a redirect to a sign-in form means nothing to them.
_DATA_SUFFIXES = (".json", ".pdf", ".csv")


def safe_next(target: str | None) -> str | None:
    """Return target if it is a path inside the specialist workspace, else None.

    Only relative paths under /specialist/ pass, so a crafted link cannot send a signed-in
    specialist to another site ("//evil", "https://evil", "/\\evil") after sign-in.
    """
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/specialist/"):
        return None
    if parts.path.startswith("/specialist/sign-in"):
        return None
    return target


def wants_page() -> bool:
    """Say whether the request is for a page (a browser), not a file or data."""
    if request.path.endswith(_DATA_SUFFIXES):
        return False
    accept = request.accept_mimetypes
    # No Accept header at all is what a simple client sends for a page.
    return not accept or accept.accept_html


def _refuse_signed_out():
    if not wants_page():
        response = jsonify(error="Sign in first.", sign_in=url_for("specialist_sign_in.sign_in"))
        response.status_code = 401
        return response
    # After sign-in, come back to the page asked for; a form post cannot be replayed.
    target = safe_next(request.full_path.rstrip("?")) if request.method == "GET" else None
    return redirect(url_for("specialist_sign_in.sign_in", next=target), 303)


def _session_ended() -> str | None:
    """Return why the signed-in session has run out ("idle" or "expired"), or None."""
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


@bp.before_request
def require_signed_in_specialist():
    """Let through only a signed-in, active user whose session is still live."""
    g.force_locale = "en"
    if not current_user.is_authenticated:
        return _refuse_signed_out()
    ended = _session_ended()
    if ended:
        logout_user()
        session.clear()
        if ended == "idle":
            minutes = current_app.config["SESSION_IDLE_MINUTES"]
            flash(f"You were signed out after {minutes} minutes without activity.", "notice")
        else:
            flash("Your session has ended. Please sign in again.", "notice")
        return _refuse_signed_out()
    session["seen_at"] = int(time.time())
    if (
        current_user.must_change_password
        and request.endpoint not in _ALLOWED_BEFORE_PASSWORD_CHANGE
    ):
        return redirect(url_for("specialist.change_password"), 303)
    return None


def admin_required(view):
    """Refuse a view to anyone signed in who is not an administrator."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper
