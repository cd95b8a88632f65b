"""The one access check every workspace view passes: signed in, live session, role allowed."""

import functools
import time
from pathlib import PurePosixPath

from flask import abort, current_app, flash, jsonify, redirect, request, session, url_for
from flask_login import current_user, logout_user

from intake.security import local_path
from intake.specialist import URL_PREFIX, bp, decision_drafts
from intake.specialist.sessions import session_ended

# Views a signed-in user may use while they still have to replace a one-time password.
_ALLOWED_BEFORE_PASSWORD_CHANGE = {"specialist.change_password", "specialist.sign_out"}
# The only views a front-desk account may use: visits and invitations, never an intake's
# answers, findings or PDF. Any other workspace view answers 403, including new ones.
FRONT_DESK_VIEWS = {
    "specialist.board",
    "specialist.new_visit",
    "specialist.edit_visit",
    "specialist.cancel_visit",
    "specialist.mark_visit",
    "specialist.invite",
    "specialist.new_link",
    "specialist.attach_intake",
    "specialist.change_password",
    "specialist.sign_out",
}
# URLs that answer with a file rather than a page, and the file's type.
_FILE_TYPES = {".json": "application/json", ".pdf": "application/pdf", ".csv": "text/csv"}


def safe_next(target: str | None) -> str | None:
    """Return target if it is a page of the workspace to come back to after sign-in, else None."""
    if (path := local_path(target, under=URL_PREFIX + "/")) is None:
        return None
    return None if path.startswith(URL_PREFIX + "/sign-in") else path


def home_url() -> str:
    """Return where the signed-in user starts: the board for the front desk, else intakes."""
    if current_user.is_authenticated and current_user.is_front_desk:
        return url_for("specialist.board")
    return url_for("specialist.dashboard")


def wants_page() -> bool:
    """Say whether a person's browser sent the request, so a sign-in page can answer it."""
    accept = request.accept_mimetypes
    file_type = _FILE_TYPES.get(PurePosixPath(request.path).suffix)
    if file_type is None:
        # No Accept header at all is what a simple client sends for a page.
        return not accept or accept.accept_html
    # A browser following a bookmarked link to a file asks for HTML above anything else, and
    # is sent to sign in and back; fetch and curl ask for anything and get a plain 401.
    return (
        request.method in ("GET", "HEAD")
        and accept.best_match([file_type, "text/html"]) == "text/html"
    )


def _refuse_signed_out():
    if not wants_page():
        response = jsonify(error="Sign in first.", sign_in=url_for("specialist_sign_in.sign_in"))
        response.status_code = 401
        return response
    # After sign-in, come back to the page asked for; a form post cannot be replayed.
    target = safe_next(request.full_path.rstrip("?")) if request.method == "GET" else None
    return redirect(url_for("specialist_sign_in.sign_in", next=target), 303)


@bp.before_request
def require_signed_in_specialist():
    """Let through only a signed-in, active user whose session is live and role allows the view."""
    if not current_user.is_authenticated:
        return _refuse_signed_out()
    ended = session_ended()
    if ended:
        kept = _keep_typed_decision() if ended == "idle" else None
        logout_user()
        session.clear()
        if ended == "idle":
            minutes = current_app.config["SESSION_IDLE_MINUTES"]
            flash(f"You were signed out after {minutes} minutes without activity.", "notice")
        else:
            flash("Your session has ended. Please sign in again.", "notice")
        if kept is not None:
            flash("Your decision was not recorded yet: what you typed is kept for you.", "notice")
            back = url_for("specialist.intake", reference=kept.reference)
            return redirect(url_for("specialist_sign_in.sign_in", next=back), 303)
        return _refuse_signed_out()
    session["seen_at"] = int(time.time())
    if (
        current_user.must_change_password
        and request.endpoint not in _ALLOWED_BEFORE_PASSWORD_CHANGE
    ):
        return redirect(url_for("specialist.change_password"), 303)
    if current_user.is_front_desk and request.endpoint not in FRONT_DESK_VIEWS:
        abort(403)
    return None


def _keep_typed_decision():
    """Keep a decision posted just after the idle timeout, so signing in again restores it.

    Only the user whose session it was can post here: the cookie is theirs and CSRF checked
    its token before this runs; only the idle timeout qualifies, not a revoked session.
    """
    if request.endpoint != "specialist.decide" or request.method != "POST":
        return None
    return decision_drafts.keep(
        current_user._get_current_object(), request.view_args["reference"], request.form
    )


def admin_required(view):
    """Refuse a view to anyone signed in who is not an administrator."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper
