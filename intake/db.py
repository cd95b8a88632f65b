"""Database engine, the per-request session, and the column types the models share."""

from datetime import UTC, datetime

import flask
from flask import current_app, g
from sqlalchemy import JSON, DateTime, create_engine, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Store aware datetimes as UTC; SQLite hands back naive ones, so re-attach UTC on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of every model."""


def make_engine(url: str, pool_size: int = 5, max_overflow: int = 5) -> Engine:
    """Create an engine, with the pragmas SQLite needs to behave like a real database."""
    # A database error's message would otherwise quote the statement's parameters: answers.
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            # WAL lets several gunicorn workers read while one writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=max_overflow,
    )


class TransactionalFlask(flask.Flask):
    """A Flask app that ends each request's transaction as soon as its view has answered."""

    def preprocess_request(self):
        """Run the before-request hooks; one that answers ends the transaction as a view does."""
        answered = super().preprocess_request()
        return None if answered is None else self._ended(answered)

    def dispatch_request(self):
        """Run the view, then commit its work, or roll it back if it answered with a 5xx."""
        return self._ended(super().dispatch_request())

    def _ended(self, answer):
        response = self.make_response(answer)
        # Here, inside the request's handling, a failing commit meets the app's own error
        # handlers (the 503 page, logs without client data); in after_request it would
        # escape to Flask's default logging, which prints the statement's parameters.
        end_transaction(commit=response.status_code < 500)
        return response


def end_transaction(*, commit: bool) -> None:
    """Commit or roll back this request's session, if it opened one, and close it."""
    session = g.get("db_session")
    if session is None:
        return
    if commit:
        session.commit()
    else:
        session.rollback()
    g.pop("db_session")
    session.close()


def init_app(app: flask.Flask) -> None:
    """Bind an engine to the app; a view's failure rolls its transaction back."""
    engine = make_engine(
        app.config["DATABASE_URL"], app.config["DB_POOL_SIZE"], app.config["DB_MAX_OVERFLOW"]
    )
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(engine, expire_on_commit=False)

    @app.teardown_request
    def _rollback(_exc):
        session = g.pop("db_session", None)
        if session is not None:
            session.rollback()
            session.close()

    # A `flask` command has an app context but no request: close what it opened (it commits
    # its own work), so no connection outlives the command.
    app.teardown_appcontext(_rollback)


def session() -> Session:
    """Return this request's session, opening it on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
    return g.db_session


def engine() -> Engine:
    """Return the app's engine."""
    return current_app.extensions["db_engine"]
