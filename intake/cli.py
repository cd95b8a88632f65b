"""Operator commands of the `flask` command group."""

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from intake import migrate
from intake.rules.cli import assess_command, facts_schema_command, rules_group


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the database schema."""
    migrate.upgrade(current_app.extensions["db_engine"])
    click.echo("Database is up to date.")


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""
    for command in (init_db_command, assess_command, rules_group, facts_schema_command):
        app.cli.add_command(command)
