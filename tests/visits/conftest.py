"""Fixtures for visits: a front-desk account, and a client signed in with it."""

import pytest

from tests.support.workspace import DESK_PASSWORD, add_user, sign_in


@pytest.fixture
def front_desk(app, db_session):
    return add_user(
        app, db_session, "rina", DESK_PASSWORD, role="front_desk", display_name="Rina (desk)"
    )


@pytest.fixture
def desk(client, front_desk):
    """A client signed in as the front desk."""
    assert sign_in(client, "rina", DESK_PASSWORD).status_code == 303
    return client
