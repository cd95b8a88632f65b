"""Operator commands: accounts, the first administrator, purging old intakes, exporting or
re-assessing one."""

import json
import sys
from datetime import timedelta

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from intake import audit, db, lifecycle
from intake.assessing import assess_answers, assessment_date, reassess, record_reassessment
from intake.cli import with_database
from intake.db import utcnow
from intake.models import Submission, User
from intake.passwords import hash_password, one_time_password, password_problem
from intake.rules import FactsError, current_ruleset
from intake.specialist import searches, throttling
from intake.specialist.accounts import add_account, email_problem, username_problem
from intake.specialist.references import find_submission
from intake.specialist.sessions import end_sessions
from intake.wording import ROLES, words

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
@click.option("--admin", is_flag=True, help="Same as --role admin.")
@click.option(
    "--role",
    type=click.Choice(list(ROLES)),
    help="front_desk (visits only, no clinical data), specialist (default) or admin.",
)
@click.option("--email", help="Where flagged intakes for a visit soon are e-mailed (optional).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_database
def create_specialist_command(
    username: str,
    display_name: str | None,
    admin: bool,
    role: str | None,
    email: str | None,
    password_stdin: bool,
) -> None:
    """Create an account of any role; the password is asked for, never given as an argument."""
    if admin and role not in (None, "admin"):
        raise click.UsageError("--admin and --role disagree; give one of them.")
    role = "admin" if admin else role or "specialist"
    username = username.strip().casefold()
    email = (email or "").strip()
    problem = username_problem(username) or (email_problem(email) if email else None)
    if problem:
        raise click.UsageError(problem)
    password = _read_password(username, password_stdin)
    add_account(
        username, display_name, role, hash_password(password), email=email, audited_as=CLI_USER
    )
    _commit()
    click.echo(f"Created {words(ROLES, role).lower()} account {username!r}.")


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


@click.command("ensure-admin")
@with_database
def ensure_admin_command() -> None:
    """On a database without accounts, create `admin` and print its one-time password."""
    if db.session().scalar(select(func.count()).select_from(User)):
        click.echo("Accounts exist; no account created.")
        return
    password = one_time_password()
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


@click.command("reassess")
@click.argument("reference")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Count ages and waiting periods to this date, YYYY-MM-DD (default: the visit date, "
    "else the day the intake was sent).",
)
@click.option("--save", is_flag=True, help="Store it beside the earlier assessments.")
@with_database
def reassess_command(reference: str, as_of, save: bool) -> None:
    """Print a stored intake's assessment JSON as of a date, with the current rules.

    The facts are derived again from the stored answers, counted to that date.
    """
    submission = find_submission(reference)
    if submission is None:
        raise click.ClickException(f"No intake with reference {reference!r}.")
    day = as_of.date() if as_of else assessment_date(submission)
    previous = submission.latest_assessment
    try:
        if save:
            assessment = reassess(submission, day)
            record_reassessment(submission, previous, assessment, username=CLI_USER)
            _commit()
            result = assessment.result
        else:
            _facts, result = assess_answers(current_ruleset(), submission.answers, day)
    except FactsError:
        # The message can quote the facts: say what went wrong without it.
        raise click.ClickException(
            "The current rules cannot assess this intake: the facts its stored answers give "
            "do not fit their schema."
        ) from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    what = "Saved as the latest assessment" if save else "Not saved (add --save to store it)"
    click.echo(f"{submission.reference} as of {day.isoformat()}: {what}.", err=True)


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""
    for command in (
        create_specialist_command,
        deactivate_specialist_command,
        unlock_specialist_command,
        ensure_admin_command,
        purge_command,
        export_command,
        reassess_command,
    ):
        app.cli.add_command(command)
