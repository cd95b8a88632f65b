"""The client journey: landing, the five intake steps, resume links and confirmation."""

from flask import Flask

from intake.client import logfilter, photo_page  # noqa: F401 (its routes join bp)
from intake.client.views import bp


def init_app(app: Flask) -> None:
    """Register the client pages and keep resume tokens and searches out of the access logs."""
    app.register_blueprint(bp)
    logfilter.install()
