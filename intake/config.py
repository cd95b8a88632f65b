"""Load configuration: defaults, then instance/config.py, then INTAKE_* variables, then tests."""

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "CLINIC_NAME": "Skin Consult Clinic, Kolkata",
    # How clients reach the clinic: shown on the confirmation page and in the page footer when
    # set. Each is one text, or a {language: text} table (English is the fallback).
    "CLINIC_PHONE": "",
    "CLINIC_WHATSAPP": "",
    "CLINIC_ADDRESS": "",
    "CLINIC_HOURS": "",
    "RULES_DIR": str(PROJECT_ROOT / "rules"),
    # Client answers are short form fields; anything bigger is a mistake or an attack.
    "MAX_CONTENT_LENGTH": 256 * 1024,
    # The photo page alone takes files: each at most PHOTO_MAX_BYTES as sent (phones that
    # run no script send the camera's original), a request at most a few of them, and a
    # draft at most PHOTO_MAX_DRAFT_BYTES once re-encoded.
    "PHOTO_MAX_BYTES": 15 * 1024 * 1024,
    "PHOTO_REQUEST_MAX_BYTES": 48 * 1024 * 1024,
    "PHOTO_MAX_DRAFT_BYTES": 24 * 1024 * 1024,
    "RESUME_TOKEN_DAYS": 14,
    "RETENTION_DAYS": 8 * 365,
    "SESSION_IDLE_MINUTES": 30,
    "SESSION_MAX_HOURS": 12,
    # A PDF render claimed longer ago than this is taken to have died with its worker.
    "PDF_CLAIM_SECONDS": 30,
    # How long a decision typed when the idle timeout struck waits for its author to sign in.
    "DECISION_DRAFT_HOURS": 12,
    # Per client address and clock hour, shared by everyone behind one clinic Wi-Fi: a
    # waiting room's worth of clients, several times over, and no script's thousands.
    "DRAFTS_PER_ADDRESS_PER_HOUR": 60,
    "SAVES_PER_ADDRESS_PER_HOUR": 1200,
    # Per account; per address only far higher, so one person's typos cannot lock out a
    # whole clinic behind one address.
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 50,
    "LOGIN_FAILURE_WINDOW_MINUTES": 15,
    "ARGON2_PROFILE": "default",
    "DASHBOARD_PAGE_SIZE": 25,
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # __Host-: browsers keep it only if Secure, for this exact host and path /, so no sibling
    # site under the same domain can plant a session of its own choosing.
    "SESSION_COOKIE_NAME": "__Host-intake_session",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
    # A client may pause for a long time; an expired token re-renders the step with answers kept.
    "WTF_CSRF_TIME_LIMIT": 3600,
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
    # Ages and waiting periods count in the clinic's calendar, not the server's.
    "CLINIC_TIMEZONE": "Asia/Kolkata",
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed; 0 = none.
    "PROXY_FIX_HOPS": 0,
    # Database connections each app process may hold: app servers x workers x (size +
    # overflow) must fit the database's connection limit.
    "DB_POOL_SIZE": 5,
    "DB_MAX_OVERFLOW": 5,
    # The clinic's SMTP server, which tells specialists of flagged intakes; off while unset.
    "MAIL_SERVER": "",
    "MAIL_PORT": 587,
    "MAIL_USERNAME": "",
    "MAIL_PASSWORD": "",
    # MAIL_USE_TLS: TLS from the first byte (port 465); MAIL_STARTTLS: upgrade a plain start.
    "MAIL_USE_TLS": False,
    "MAIL_STARTTLS": True,
    "MAIL_SENDER": "",
    "MAIL_TIMEOUT": 10,
    "MAIL_RETRY_SECONDS": 5,
    # A flagged intake for a visit this many days ahead (or fewer) is e-mailed at once.
    "NOTIFY_WITHIN_DAYS": 3,
    # A summary renders in about a second even on a busy machine; one still laying out after
    # this long is stuck, and its child process is killed.
    "PDF_RENDER_TIMEOUT_SECONDS": 30,
}


class ConfigurationError(Exception):
    """A setting the app cannot start with; its message is the one line an operator reads."""


def load_config(app: Flask, test_config: dict | None) -> None:
    """Apply the configuration layers in order; the last one wins."""
    app.config.update(DEFAULTS)
    app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'intake.db'}"
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env(prefix="INTAKE")
    if test_config:
        app.config.update(test_config)
    if not app.config["SESSION_COOKIE_SECURE"]:
        # Plain HTTP: a browser would refuse the prefixed cookie, and nobody could sign in.
        name = app.config["SESSION_COOKIE_NAME"].removeprefix("__Host-")
        app.config["SESSION_COOKIE_NAME"] = name
    app.config["DATABASE_URL"] = checked_database_url(app.config["DATABASE_URL"])
    if not app.config.get("SECRET_KEY"):
        if is_production(app):
            # Each server generating its own key would sign cookies the others refuse.
            raise ConfigurationError(
                "production needs INTAKE_SECRET_KEY, the same on every app server"
            )
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))


def is_production(app: Flask) -> bool:
    """Say whether this is a production start: INTAKE_ENV=production, or PostgreSQL."""
    return (
        app.config.get("ENV") == "production"
        or make_url(app.config["DATABASE_URL"]).get_backend_name() == "postgresql"
    )


def checked_database_url(url: str) -> str:
    """Return the database URL if SQLAlchemy can use it, else say what is wrong with it."""
    if not isinstance(url, str):
        raise ConfigurationError("INTAKE_DATABASE_URL must be text, a database URL")
    if url.startswith(("postgres://", "postgresql://")):
        suggested = "postgresql+psycopg://" + url.split("://", 1)[1]
        raise ConfigurationError(
            f"INTAKE_DATABASE_URL names no driver the app has; use {_no_password(suggested)}"
        )
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigurationError("INTAKE_DATABASE_URL is not a database URL") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigurationError("INTAKE_DATABASE_URL must name SQLite or PostgreSQL")
    return url


def _no_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "postgresql+psycopg://USER@HOST/DATABASE"


def _instance_secret_key(instance: Path) -> str:
    """Read the instance's secret key, generating it on first run."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    # Written whole under a temporary name, then renamed into place: several workers
    # starting at once each read either no key or a whole one, never half of one. mkstemp
    # makes the file owner-only from the moment it exists: the key signs every cookie.
    fd, temporary = tempfile.mkstemp(dir=instance, prefix=".secret_key.")
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key)
    try:
        # link() refuses to replace a key another worker put there first; rename would not.
        os.link(temporary, path)
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        os.unlink(temporary)
    return key
