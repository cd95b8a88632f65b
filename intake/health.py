"""A liveness check for deployments and the benchmarks' baseline: app and database answer."""

from flask import Blueprint
from sqlalchemy import text

from intake import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Answer "ok" once the database has answered a trivial query."""
    db.session().execute(text("SELECT 1"))
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


def init_app(app) -> None:
    """Register the health check."""
    app.register_blueprint(bp)
