"""Skin Consult Intake: the client intake and the specialist's suitability workspace."""

from pathlib import Path

from flask import Flask

from intake.config import PROJECT_ROOT, load_config


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Build the app: configuration, then each part wired in with its own init_app."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=instance_path,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    load_config(app, test_config)

    from intake import cli, client, db, errors, i18n, rules, security

    rules.init_app(app)
    db.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    client.init_app(app)

    from intake import passwords, specialist

    passwords.init_app(app)
    specialist.init_app(app)

    from intake import health

    health.init_app(app)
    return app
