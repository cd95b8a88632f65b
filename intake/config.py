"""Load configuration: defaults, then instance/config.py, then INTAKE_* variables, then tests."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "CLINIC_NAME": "Skin Consult Clinic, Kolkata",
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
    "LOGIN_MAX_FAILURES": 5,
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
}


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
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))


def _instance_secret_key(instance: Path) -> str:
    """Read the instance's secret key, generating it on first run."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    # Owner-only from the moment it exists: the key signs every session cookie.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key)
    return key
