"""Operator commands of the `flask` command group."""

import functools

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from intake import migrate
from intake.rules.cli import assess_command, facts_schema_command, rules_group


def with_database(command):
    """Run a command in the app context; a database it cannot reach is one line, not a trace."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except OperationalError:
            url = make_url(current_app.config["DATABASE_URL"])
            if url.get_backend_name() == "sqlite":
                where = url.database
            else:
                where = f"{url.host}:{url.port or 5432}"
            raise click.ClickException(
                f"cannot reach the database at {where} (INTAKE_DATABASE_URL)"
            ) from None

    return with_appcontext(wrapper)


@click.command("init-db")
@with_database
def init_db_command() -> None:
    """Create or upgrade the database schema."""
    migrate.upgrade(current_app.extensions["db_engine"])
    click.echo("Database is up to date.")


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""
    for command in (init_db_command, assess_command, rules_group, facts_schema_command):
        app.cli.add_command(command)
