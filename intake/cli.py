"""Operator commands of the `flask` command group."""

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from intake import migrate
from intake.rules.cli import assess_command, facts_schema_command, rules_group


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the database schema."""
    try:
        migrate.upgrade(current_app.extensions["db_engine"])
    except OperationalError:
        url = make_url(current_app.config["DATABASE_URL"])
        where = (
            url.database if url.get_backend_name() == "sqlite" else f"{url.host}:{url.port or 5432}"
        )
        raise click.ClickException(
            f"cannot reach the database at {where} (INTAKE_DATABASE_URL)"
        ) from None
    click.echo("Database is up to date.")


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""
    for command in (init_db_command, assess_command, rules_group, facts_schema_command):
        app.cli.add_command(command)
