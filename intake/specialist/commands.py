"""Operator commands: accounts, the first administrator, purging old intakes, exporting one."""

import json
import secrets
import sys
from datetime import timedelta

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from intake import audit, db, lifecycle
from intake.cli import with_database
from intake.db import utcnow
from intake.models import Submission, User
from intake.passwords import hash_password, password_problem
from intake.specialist import searches, throttling
from intake.specialist.auth import end_sessions

# Letters and digits that cannot be misread for one another when copied from a terminal.
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CLI_USER = "cli"


def _commit() -> None:
    # A command is its own transaction: nothing commits it after a request here.
    db.session().commit()


def _read_password(username: str, from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt="Password again")
    problem = password_problem(password, username)
    if problem:
        raise click.ClickException(problem)
    return password


@click.command("create-specialist")
@click.argument("username")
@click.option("--name", "display_name", help="The name shown in the workspace and on decisions.")
@click.option("--admin", is_flag=True, help="Also allow reading the audit trail.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_database
def create_specialist_command(
    username: str, display_name: str | None, admin: bool, password_stdin: bool
) -> None:
    """Create a specialist account; the password is asked for, never given as an argument."""
    username = username.strip().casefold()
    if not username or len(username) > 80 or any(c.isspace() for c in username):
        raise click.UsageError("Give a username of 1 to 80 characters without spaces.")
    if db.session().scalar(select(User.id).where(User.username == username)):
        raise click.ClickException(f"There is already an account called {username!r}.")
    password = _read_password(username, password_stdin)
    db.session().add(
        User(
            username=username,
            display_name=display_name or username,
            password_hash=hash_password(password),
            role="admin" if admin else "specialist",
        )
    )
    audit.record(
        "account_created", detail={"role": "admin" if admin else "specialist"}, username=CLI_USER
    )
    _commit()
    click.echo(f"Created {'administrator' if admin else 'specialist'} {username!r}.")


@click.command("deactivate-specialist")
@click.argument("username")
@with_database
def deactivate_specialist_command(username: str) -> None:
    """Stop an account signing in and end its open sessions; its decisions and audit stay."""
    username = username.strip().casefold()
    user = db.session().scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"There is no account called {username!r}.")
    user.is_active = False
    end_sessions(user)
    audit.record("account_deactivated", detail={"account": username}, username=CLI_USER)
    _commit()
    click.echo(f"Deactivated {username!r}; any session it had open has ended.")


@click.command("unlock-specialist")
@click.argument("username")
@with_database
def unlock_specialist_command(username: str) -> None:
    """Lift a sign-in lockout: forget the account's failed sign-ins."""
    username = username.strip().casefold()
    user = db.session().scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"There is no account called {username!r}.")
    forgotten = throttling.unlock(user.username)
    audit.record("account_unlocked", detail={"account": username}, username=CLI_USER)
    _commit()
    click.echo(f"Unlocked {username!r}: {forgotten} failed sign-ins forgotten.")


def _one_time_password() -> str:
    groups = ("".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(5)) for _ in range(4))
    return "-".join(groups)


@click.command("ensure-admin")
@with_database
def ensure_admin_command() -> None:
    """On a database without accounts, create `admin` and print its one-time password."""
    if db.session().scalar(select(func.count()).select_from(User)):
        click.echo("Accounts exist; no account created.")
        return
    password = _one_time_password()
    db.session().add(
        User(
            username="admin",
            display_name="Administrator",
            password_hash=hash_password(password),
            role="admin",
            must_change_password=True,
        )
    )
    audit.record("account_created", detail={"role": "admin", "one_time": True}, username=CLI_USER)
    _commit()
    click.echo("Created the first account. Sign in with:")
    click.echo("  username: admin")
    click.echo(f"  password: {password}   (one-time: you will choose your own at sign-in)")


@click.command("purge")
@click.option(
    "--days", type=click.IntRange(min=1), help="Retention in days (default RETENTION_DAYS)."
)
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
@with_database
def purge_command(days: int | None, dry_run: bool) -> None:
    """Delete intakes and audit events older than the retention period, and expired drafts."""
    days = days or current_app.config["RETENTION_DAYS"]
    cutoff = utcnow() - timedelta(days=days)
    old = lifecycle.submissions_older_than(cutoff)
    if dry_run:
        click.echo(f"Would remove {len(old)} intakes submitted before {cutoff:%Y-%m-%d %H:%M} UTC.")
        return
    lifecycle.delete_submissions([row.id for row in old])
    for row in old:
        audit.record("purged", row, {"retention_days": days}, username=CLI_USER)
    drafts = lifecycle.delete_expired_drafts()
    window = timedelta(minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"])
    attempts = lifecycle.delete_login_attempts_before(utcnow() - max(window, timedelta(days=1)))
    counts = lifecycle.delete_address_counts_before(utcnow() - timedelta(days=1))
    events = lifecycle.delete_audit_events_before(cutoff)
    searches.delete_before(utcnow() - timedelta(days=1))
    audit.record(
        "purge_run",
        detail={
            "retention_days": days,
            "intakes": len(old),
            "drafts": drafts,
            "login_attempts": attempts,
            "address_counts": counts,
            "audit_events": events,
        },
        username=CLI_USER,
    )
    _commit()
    click.echo(
        f"Removed {len(old)} intakes submitted before {cutoff:%Y-%m-%d %H:%M} UTC "
        f"and {drafts} expired drafts."
    )


@click.command("export")
@click.argument("reference")
@with_database
def export_command(reference: str) -> None:
    """Print everything stored about one intake as JSON (for a client's access request)."""
    submission = db.session().scalar(
        select(Submission).where(Submission.reference == reference.strip().upper())
    )
    if submission is None:
        raise click.ClickException(f"No intake with reference {reference!r}.")
    record = lifecycle.export_record(submission)
    audit.record("exported", submission, {"format": "json", "via": "cli"}, username=CLI_USER)
    _commit()
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""
    for command in (
        create_specialist_command,
        deactivate_specialist_command,
        unlock_specialist_command,
        ensure_admin_command,
        purge_command,
        export_command,
    ):
        app.cli.add_command(command)
