"""Signing out, changing a password or deactivating an account ends every copy of a session."""

from intake.models import AuditEvent, User
from tests.support.workspace import PASSWORD, post_form, sign_in

NEW_PASSWORD = "harbour quiet lantern 93"


def _copied_cookie(client) -> str:
    cookie = client.get_cookie(client.application.config["SESSION_COOKIE_NAME"])
    assert cookie is not None, "signed in, so there is a session cookie"
    return cookie.value


def _replay(app, cookie: str, url: str = "/specialist/"):
    """Send the copied cookie, exactly as copied, from another browser."""
    other = app.test_client()
    other.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    return other.get(url, headers={"Accept": "text/html"})


def _sent_to_sign_in(response) -> bool:
    return response.status_code == 303 and response.headers["Location"].startswith(
        "/specialist/sign-in"
    )


def test_a_copied_cookie_stops_working_after_sign_out(app, signed_in):
    cookie = _copied_cookie(signed_in)
    assert _replay(app, cookie).status_code == 200, "the copy works while signed in"
    assert post_form(signed_in, "/specialist/sign-out").status_code == 303
    assert _sent_to_sign_in(_replay(app, cookie))
    assert _sent_to_sign_in(_replay(app, cookie, "/specialist/intakes/T001-0001"))


def test_signing_in_again_does_not_revive_the_old_cookie(app, client, specialist):
    sign_in(client, "meera", PASSWORD)
    cookie = _copied_cookie(client)
    post_form(client, "/specialist/sign-out")
    assert sign_in(client, "meera", PASSWORD).status_code == 303
    assert client.get("/specialist/").status_code == 200
    assert _sent_to_sign_in(_replay(app, cookie))


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(app, specialist):
    laptop, tablet = app.test_client(), app.test_client()
    assert sign_in(laptop, "meera", PASSWORD).status_code == 303
    assert sign_in(tablet, "meera", PASSWORD).status_code == 303
    response = post_form(
        laptop,
        "/specialist/password",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
        token_from="/specialist/password",
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert laptop.get("/specialist/").status_code == 200
    assert _sent_to_sign_in(tablet.get("/specialist/", headers={"Accept": "text/html"}))
    assert sign_in(tablet, "meera", NEW_PASSWORD).status_code == 303


def test_a_refused_password_change_ends_nothing(app, specialist):
    laptop, tablet = app.test_client(), app.test_client()
    sign_in(laptop, "meera", PASSWORD)
    sign_in(tablet, "meera", PASSWORD)
    response = post_form(
        laptop,
        "/specialist/password",
        {"current_password": "wrong", "new_password": NEW_PASSWORD, "confirm": ""},
        token_from="/specialist/password",
    )
    assert response.status_code == 400
    assert tablet.get("/specialist/").status_code == 200


def test_deactivating_an_account_ends_its_sessions_and_sign_ins(runner, signed_in, db_session):
    result = runner.invoke(args=["deactivate-specialist", "Meera"])
    assert result.exit_code == 0, result.output
    assert "Deactivated 'meera'" in result.output
    assert _sent_to_sign_in(signed_in.get("/specialist/", headers={"Accept": "text/html"}))
    assert "do not match an account" in sign_in(signed_in, "meera", PASSWORD).get_data(as_text=True)
    db_session.expire_all()
    assert db_session.query(User).filter_by(username="meera").one().is_active is False
    event = db_session.query(AuditEvent).filter_by(action="account_deactivated").one()
    assert (event.username, event.detail) == ("cli", {"account": "meera"})


def test_deactivating_an_unknown_account_says_so(runner, specialist):
    result = runner.invoke(args=["deactivate-specialist", "nobody"])
    assert result.exit_code != 0
    assert "no account called 'nobody'" in result.output


def test_an_account_deactivated_in_the_database_is_let_in_no_further(signed_in, db_session):
    # Someone editing the row directly, without the command: Flask-Login refuses inactive users.
    user = db_session.query(User).filter_by(username="meera").one()
    user.is_active = False
    db_session.commit()
    assert _sent_to_sign_in(signed_in.get("/specialist/", headers={"Accept": "text/html"}))
