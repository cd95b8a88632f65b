"""Wrong current passwords on the change-password form count as failed sign-ins."""

from intake.models import AuditEvent, LoginAttempt
from tests.support.workspace import PASSWORD, post_form, sign_in

NEW_PASSWORD = "harbour quiet lantern 93"


def _change(client, current: str):
    return post_form(
        client,
        "/specialist/password",
        {"current_password": current, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from="/specialist/password",
    )


def test_guessing_the_current_password_is_throttled(app, signed_in, db_session):
    limit = app.config["LOGIN_MAX_FAILURES"]
    for number in range(limit):
        response = _change(signed_in, f"guess number {number}")
        assert response.status_code == 400
        assert "That is not your current password" in response.get_data(as_text=True)
    # Even the right password is refused now, or guessing would simply go on.
    response = _change(signed_in, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.get_data(as_text=True)
    assert db_session.query(LoginAttempt).filter_by(username="meera", success=False).count() == (
        limit
    )
    assert db_session.query(AuditEvent).filter_by(action="password_change_failed").count() == limit
    # The account is throttled for signing in too: the same guesser, another way in.
    other = app.test_client()
    assert sign_in(other, "meera", PASSWORD).status_code == 429


def test_a_few_typos_do_not_stop_a_password_change(app, signed_in):
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        assert _change(signed_in, "typo typo typo").status_code == 400
    assert _change(signed_in, PASSWORD).status_code == 303
