"""Skin Consult Intake: the client intake and the specialist's suitability workspace."""

import gc
from pathlib import Path

from flask import Flask

from intake.config import PROJECT_ROOT, ConfigurationError, load_config
from intake.db import TransactionalFlask


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Build the app: configuration, then each part wired in with its own init_app.

    A configuration it cannot start with ends the process with one line saying why.
    """
    try:
        return _build(test_config, instance_path)
    except ConfigurationError as error:
        raise SystemExit(f"intake cannot start: {error}") from None


def _build(test_config: dict | None, instance_path: str | None) -> Flask:
    app = TransactionalFlask(
        __name__,
        instance_relative_config=True,
        instance_path=instance_path,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    load_config(app, test_config)

    from intake import (
        after_response,
        cli,
        client,
        db,
        errors,
        health,
        i18n,
        passwords,
        rules,
        security,
        specialist,
    )

    # The rule set first: an app that cannot assess must not start at all.
    for part in (
        rules,
        db,
        after_response,
        security,
        i18n,
        errors,
        cli,
        passwords,
        client,
        specialist,
        health,
    ):
        part.init_app(app)
    if not app.testing:
        # What is built at start lives as long as the worker: keep it out of every full
        # garbage collection (about 100 ms of CPU each, every few hundred requests). Not in
        # tests, which build an app per test in one process: frozen, none would be freed.
        gc.collect()
        gc.freeze()
    return app
