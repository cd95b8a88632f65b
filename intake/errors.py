"""Error pages that say what happened and what to do, never a stack trace."""

import logging
import traceback

from flask import Flask, render_template, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, SecurityError

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Render every HTTP error and database outage as a page of our own."""

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        return _page(error.code)

    @app.errorhandler(SecurityError)
    def _untrusted_host(error: SecurityError):
        return _page(400)

    @app.errorhandler(OperationalError)
    def _database_unavailable(error: OperationalError):
        # The statement and its parameters can hold client answers: log only the error class.
        log.error("database unavailable: %s", type(error.orig).__name__)
        return _page(503)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        # Where it failed, but not the message: messages can quote what a client typed.
        frames = traceback.extract_tb(error.__traceback__)
        where = " <- ".join(f"{f.filename}:{f.lineno}" for f in reversed(frames[-6:]))
        log.error("unhandled %s at %s", type(error).__name__, where)
        return _page(500)


def _page(code: int):
    """Return the error page for this code, or plain words if no page can be built."""
    if isinstance(request.routing_exception, SecurityError):
        # A Host outside TRUSTED_HOSTS fails before routing, so no URL of ours can be built
        # for the page (whatever else then failed, such as a body too large to read); plain
        # words say it, and nothing echoes the forged name.
        return "This address is not served here.\n", code, {"Content-Type": "text/plain"}
    return render_template("error.html", code=code), code
