"""Sign-in throttling: failures counted per account and, far higher, per address.

The policy the sign-in and password views and the `flask unlock-specialist` command share.
Attempts are timed by the database's clock, so every app server counts the same window.
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select, text

from intake import db
from intake.models import LoginAttempt, User


@dataclass
class Lockout:
    """Why sign-in is refused for now, and for how long."""

    per: str  # "account" or "address"
    wait: timedelta

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.wait.total_seconds() / 60))


def account_key(username: str, user: User | None) -> str:
    """Return what attempts and the audit keep for a typed username.

    People type passwords into the username box: text that names no account is kept only
    as a hash, which still lets its repeats be counted.
    """
    if user is not None:
        return user.username
    digest = hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()
    return f"#{digest[:32]}"


def hold(account: str) -> None:
    """Make this transaction the only one judging the account's sign-ins until it ends.

    Without it, parallel guesses all read the count before any of them adds a failure,
    and each gets a guess the limit should have refused.
    """
    session = db.session()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(account))))
    else:
        # SQLite admits one writing transaction at a time; a write, even of nothing, takes
        # that lock until the request's commit.
        session.execute(text("DELETE FROM login_attempts WHERE 0"))


def database_now() -> datetime:
    """Return the database server's time, the one clock every app server shares."""
    session = db.session()
    if session.get_bind().dialect.name == "postgresql":
        return session.scalar(select(func.clock_timestamp())).astimezone(UTC)
    stamp = session.scalar(select(func.strftime("%Y-%m-%d %H:%M:%f", "now")))
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


def lockout(account: str, address: str, now: datetime) -> Lockout | None:
    """Return the lockout on this account or address, if either has failed too often."""
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_FAILURE_WINDOW_MINUTES"])
    for per, key, limit in (
        ("account", LoginAttempt.username == account, config["LOGIN_MAX_FAILURES"]),
        ("address", LoginAttempt.address == address, config["LOGIN_MAX_FAILURES_PER_ADDRESS"]),
    ):
        wait = _wait(key, limit, now, window)
        if wait is not None:
            return Lockout(per, wait)
    return None


def _wait(key, limit: int, now: datetime, window: timedelta) -> timedelta | None:
    """Return how long until fewer than `limit` failures since the last success are recent."""
    since = now - window
    last_success = db.session().scalar(
        select(func.max(LoginAttempt.at)).where(
            key, LoginAttempt.success.is_(True), LoginAttempt.at > since
        )
    )
    # Only the latest `limit` failures matter: under attack the rows pile up.
    failures = db.session().scalars(
        select(LoginAttempt.at)
        .where(key, LoginAttempt.success.is_(False), LoginAttempt.at > (last_success or since))
        .order_by(LoginAttempt.at.desc())
        .limit(limit)
    )
    times = list(failures)
    if len(times) < limit:
        return None
    # Free again once the oldest of those leaves the window.
    return times[-1] + window - now


def record(account: str, address: str, success: bool, now: datetime) -> None:
    """Add one attempt to the count."""
    db.session().add(LoginAttempt(at=now, username=account, address=address, success=success))


def unlock(username: str) -> int:
    """Forget the account's failed sign-ins, lifting its lockout; return how many."""
    result = db.session().execute(
        delete(LoginAttempt).where(
            LoginAttempt.username == username, LoginAttempt.success.is_(False)
        )
    )
    return result.rowcount
