"""The client journey: landing, invitations, the six intake steps, resume links, confirmation."""

from flask import Flask

from intake.client import invitation, logfilter, photo_page  # noqa: F401 (routes join bp)
from intake.client.contact import clinic_contact
from intake.client.views import bp


def init_app(app: Flask) -> None:
    """Register the client pages and keep resume tokens and searches out of the access logs."""
    app.register_blueprint(bp)
    app.jinja_env.globals["clinic_contact"] = clinic_contact
    logfilter.install()
