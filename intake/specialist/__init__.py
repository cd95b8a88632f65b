"""The clinic's workspace: sign-in, intakes and decisions, visits, accounts and the audit trail."""

from flask import Blueprint, Flask

from intake import i18n

# Everything under it is the specialist side, in English (see intake.i18n).
URL_PREFIX = "/specialist"
# Every view of this blueprint is behind the access check in access.py.
bp = Blueprint("specialist", __name__, url_prefix=URL_PREFIX)
# The only specialist pages open to a signed-out visitor: signing in.
sign_in_bp = Blueprint("specialist_sign_in", __name__, url_prefix=URL_PREFIX)


def init_app(app: Flask) -> None:
    """Attach sign-in, the access check, the workspace views and the operator commands."""
    from intake.specialist import (  # noqa: F401
        access,
        accounts,
        admin,
        auth,
        commands,
        dashboard,
        pdf_view,
        templating,
        views,
        visits,
    )

    i18n.english_only_under(app, URL_PREFIX)
    auth.init_app(app)
    app.register_blueprint(sign_in_bp)
    app.register_blueprint(bp)
    commands.init_app(app)
