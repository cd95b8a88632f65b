"""The sign-in, sign-out and password pages; their policies are in sessions and throttling."""

from flask import (
    Flask,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, logout_user
from sqlalchemy import select

from intake import audit, db
from intake.models import User
from intake.passwords import hash_password, needs_rehash, password_problem, verify_password
from intake.specialist import bp, sign_in_bp, throttling
from intake.specialist.access import home_url, safe_next
from intake.specialist.forms import ChangePasswordForm, SignInForm
from intake.specialist.sessions import end_sessions, start_session

login_manager = LoginManager()
# Freshness marks only matter with remember-me cookies, which are not used; left on, they
# would write "_fresh" into every client's session cookie too.
login_manager.session_protection = None

# One message for an unknown username and a wrong password: which one it was is a clue.
NO_MATCH = "That username and password do not match an account. Check both and try again."


def init_app(app: Flask) -> None:
    """Load the signed-in user from the session cookie's user id."""
    login_manager.init_app(app)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    try:
        return db.session().get(User, int(user_id))
    except ValueError:
        return None


def _client_address() -> str:
    return request.remote_addr or "unknown"


def _lockout_message(lockout: throttling.Lockout) -> str:
    if lockout.per == "account":
        return (
            "Too many failed sign-ins for this account. Try again in "
            f"{lockout.minutes} minutes, or ask an administrator to unlock it."
        )
    return (
        "Too many failed sign-ins from this network. Try again in "
        f"{lockout.minutes} minutes, or ask an administrator."
    )


@sign_in_bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """Show the sign-in form; check the account, throttling first, and open a session."""
    target = safe_next(request.args.get("next"))
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(target or home_url())
    form = SignInForm()
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("specialist/sign_in.html", form=form, next=target), status

    username = form.username.data.strip().casefold()
    address = _client_address()
    user = db.session().scalar(select(User).where(User.username == username))
    account = throttling.account_key(username, user)
    throttling.hold(account)
    now = throttling.database_now()
    if lockout := throttling.lockout(account, address, now):
        audit.record("sign_in_throttled", username=account)
        return render_template(
            "specialist/sign_in.html", form=form, next=target, problem=_lockout_message(lockout)
        ), 429

    matched = verify_password(user.password_hash if user else None, form.password.data)
    success = bool(user and matched and user.is_active)
    throttling.record(account, address, success, now)
    if not success:
        audit.record("sign_in_failed", username=account)
        return render_template(
            "specialist/sign_in.html", form=form, next=target, problem=NO_MATCH
        ), 200

    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(form.password.data)
    start_session(user)
    audit.record("sign_in")
    return redirect(target or home_url(), 303)


@bp.post("/sign-out")
def sign_out():
    """End the session, and every copy of it, and return to the sign-in page."""
    audit.record("sign_out")
    end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash("You have signed out.", "notice")
    return redirect(url_for("specialist_sign_in.sign_in"), 303)


@bp.route("/password", methods=["GET", "POST"])
def change_password():
    """Replace the password; required before anything else after a one-time password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        address = _client_address()
        # A stolen session must not become a way to guess the password without limit.
        throttling.hold(user.username)
        now = throttling.database_now()
        if lockout := throttling.lockout(user.username, address, now):
            form.current_password.errors.append(_lockout_message(lockout))
            return render_template("specialist/password.html", form=form), 429
        if not verify_password(user.password_hash, form.current_password.data):
            throttling.record(user.username, address, False, now)
            audit.record("password_change_failed")
            form.current_password.errors.append("That is not your current password.")
        elif problem := password_problem(form.new_password.data, user.username):
            form.new_password.errors.append(problem)
        elif form.new_password.data == form.current_password.data:
            form.new_password.errors.append("Choose a password different from the current one.")
        else:
            user.password_hash = hash_password(form.new_password.data)
            user.must_change_password = False
            # Whoever knew the old password may be signed in elsewhere; only this session stays.
            end_sessions(user)
            session["generation"] = user.session_generation
            audit.record("password_changed")
            flash("Your password has been changed.", "notice")
            return redirect(home_url(), 303)
    status = 400 if form.errors else 200
    return render_template("specialist/password.html", form=form), status
