"""Run the operator commands as `python -m intake ...`."""

from flask.cli import FlaskGroup

from intake import create_app

cli = FlaskGroup(create_app=create_app, help="Skin Consult Intake operator commands.")

if __name__ == "__main__":
    cli()
