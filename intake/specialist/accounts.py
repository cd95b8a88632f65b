"""Accounts for administrators: create any role with a one-time password, change, deactivate."""

import re

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from intake import audit, db
from intake.models import User
from intake.passwords import hash_password, one_time_password
from intake.specialist import bp
from intake.specialist.access import admin_required
from intake.specialist.forms import AccountForm, EmailForm, RoleForm
from intake.specialist.sessions import end_sessions
from intake.visits.notifications import MAILED_ROLES
from intake.wording import ROLES, words

# One plain address: no display name, list or angle brackets that could add a recipient.
_EMAIL = re.compile(r"[^@\s,;:<>()\[\]\\\"]+@[^@\s,;:<>()\[\]\\\"]+\.[^@\s,;:<>()\[\]\\\".]+")


def email_problem(address: str) -> str | None:
    """Say what is wrong with an account's e-mail address (already stripped), or None."""
    if len(address) > 254 or not address.isprintable() or not _EMAIL.fullmatch(address):
        return "Give one e-mail address, such as meera@clinic.in, or leave it empty."
    return None


def username_problem(username: str) -> str | None:
    """Say what is wrong with a new account's (case-folded) username, or None."""
    if not username or len(username) > 80 or any(c.isspace() for c in username):
        return "Give a username of 1 to 80 characters without spaces."
    if db.session().scalar(select(User.id).where(User.username == username)):
        return f"There is already an account called {username!r}."
    return None


def add_account(
    username: str,
    display_name: str | None,
    role: str,
    password_hash: str,
    *,
    must_change_password: bool = False,
    email: str | None = None,
    audited_as: str | None = None,
) -> User:
    """Add an account of a role and record it; ``audited_as`` names who outside a request."""
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=password_hash,
        role=role,
        must_change_password=must_change_password,
        email=email or None,
    )
    db.session().add(user)
    audit.record(
        "account_created",
        detail={"role": role, "account": username, "one_time": must_change_password},
        username=audited_as,
    )
    return user


def _account(user_id: int) -> User:
    user = db.session().get(User, user_id)
    if user is None:
        abort(404)
    return user


def _render(form: AccountForm, status: int = 200, **extra):
    users = db.session().scalars(select(User).order_by(User.is_active.desc(), User.username))
    return render_template(
        "specialist/accounts.html",
        form=form,
        users=list(users),
        role_form=lambda user: RoleForm(formdata=None, role=user.role, prefix=f"u{user.id}"),
        email_form=lambda user: EmailForm(formdata=None, email=user.email, prefix=f"e{user.id}"),
        mailed_roles=MAILED_ROLES,
        **extra,
    ), status


@bp.get("/accounts")
@admin_required
def accounts():
    """List every account, with a form to add one."""
    return _render(AccountForm(formdata=None))


@bp.post("/accounts")
@admin_required
def create_account():
    """Add an account; its one-time password is shown on this response only, never again."""
    form = AccountForm()
    if form.validate_on_submit():
        username = form.username.data.strip().casefold()
        email = (form.email.data or "").strip()
        problem = username_problem(username)
        if problem:
            form.username.errors.append(problem)
        elif email and email_problem(email):
            form.email.errors.append(email_problem(email))
        else:
            password = one_time_password()
            user = add_account(
                username,
                (form.display_name.data or "").strip() or None,
                form.role.data,
                hash_password(password),
                must_change_password=True,
                email=email,
            )
            db.session().flush()
            # Rendered, not redirected: a password must not travel through the session cookie.
            return _render(AccountForm(formdata=None), 201, created=user, password=password)
    return _render(form, 400)


@bp.post("/accounts/<int:user_id>/role")
@admin_required
def change_role(user_id: int):
    """Give an account another role; its open sessions end so the new role applies at once."""
    user = _account(user_id)
    form = RoleForm(prefix=f"u{user.id}")
    if not form.validate_on_submit():
        abort(400)
    if user.id == current_user.id:
        flash("You cannot change your own role: ask another administrator.")
    elif form.role.data != user.role:
        before = user.role
        user.role = form.role.data
        end_sessions(user)
        audit.record(
            "account_role_changed",
            detail={"account": user.username, "from": before, "to": user.role},
        )
        flash(f"{user.username} is now {words(ROLES, user.role).lower()}.", "notice")
    return redirect(url_for("specialist.accounts"), 303)


@bp.post("/accounts/<int:user_id>/deactivate")
@admin_required
def deactivate_account(user_id: int):
    """Stop an account signing in and end its open sessions; its decisions and audit stay."""
    user = _account(user_id)
    if user.id == current_user.id:
        flash("You cannot deactivate your own account: ask another administrator.")
    elif user.is_active:
        user.is_active = False
        end_sessions(user)
        audit.record("account_deactivated", detail={"account": user.username})
        flash(f"{user.username} can no longer sign in.", "notice")
    return redirect(url_for("specialist.accounts"), 303)


@bp.post("/accounts/<int:user_id>/email")
@admin_required
def change_email(user_id: int):
    """Set or clear the address flagged intakes are e-mailed to; an empty field clears it."""
    user = _account(user_id)
    form = EmailForm(prefix=f"e{user.id}")
    if not form.validate_on_submit():
        abort(400)
    email = (form.email.data or "").strip()
    problem = email_problem(email) if email else None
    if problem:
        flash(f"{user.username}: {problem}")
    elif email != (user.email or ""):
        user.email = email or None
        # Whether it is set, not the address: the audit holds codes, and an address is not one.
        audit.record("account_email_changed", detail={"account": user.username, "set": bool(email)})
        flash(f"{user.username}: e-mail {'saved' if email else 'removed'}.", "notice")
    return redirect(url_for("specialist.accounts"), 303)
