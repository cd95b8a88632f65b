"""Administrators manage accounts of all three roles, from the web and from the command line."""

import re

from intake.models import AuditEvent, User
from tests.support.workspace import ADMIN_PASSWORD, DESK_PASSWORD, PASSWORD, post_form, sign_in

_ONE_TIME = re.compile(r'class="one-time__password"><code>([^<]+)<')


def _admin_client(app):
    browser = app.test_client()
    assert sign_in(browser, "boss", ADMIN_PASSWORD).status_code == 303
    return browser


def _user(db_session, username) -> User:
    db_session.expire_all()
    return db_session.query(User).filter_by(username=username).one()


def test_an_administrator_adds_a_front_desk_account_with_a_one_time_password(
    app, admin, db_session
):
    browser = _admin_client(app)
    response = post_form(
        browser,
        "/specialist/accounts",
        {"username": "Tania", "display_name": "Tania Paul", "role": "front_desk"},
        "/specialist/accounts",
    )
    assert response.status_code == 201
    password = _ONE_TIME.search(response.get_data(as_text=True)).group(1)
    user = _user(db_session, "tania")
    assert (user.role, user.must_change_password) == ("front_desk", True)
    # Shown once: the accounts page never shows it again.
    assert password not in browser.get("/specialist/accounts").get_data(as_text=True)
    event = db_session.query(AuditEvent).filter_by(action="account_created").one()
    assert event.detail["role"] == "front_desk" and event.username == "boss"

    # The new account signs in with it and must choose its own password first.
    newcomer = app.test_client()
    response = sign_in(newcomer, "tania", password)
    assert response.status_code == 303
    assert newcomer.get("/specialist/visits").location.endswith("/specialist/password")


def test_a_taken_username_or_missing_role_is_refused(app, admin, specialist, db_session):
    browser = _admin_client(app)
    response = post_form(
        browser,
        "/specialist/accounts",
        {"username": "MEERA", "role": "specialist"},
        "/specialist/accounts",
    )
    assert response.status_code == 400
    assert "already an account" in response.get_data(as_text=True)
    response = post_form(
        browser, "/specialist/accounts", {"username": "new one"}, "/specialist/accounts"
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose a role." in page and "no spaces" in page
    assert db_session.query(User).count() == 2


def test_changing_a_role_applies_at_once(app, admin, specialist, db_session):
    meera = app.test_client()
    sign_in(meera, "meera", PASSWORD)
    assert meera.get("/specialist/").status_code == 200
    browser = _admin_client(app)
    response = post_form(
        browser,
        f"/specialist/accounts/{specialist.id}/role",
        {f"u{specialist.id}-role": "front_desk"},
        "/specialist/accounts",
    )
    assert response.status_code == 303
    assert _user(db_session, "meera").role == "front_desk"
    # Her open session ended; signed in again, the intakes are closed to her.
    assert meera.get("/specialist/", headers={"Accept": "text/html"}).status_code == 303
    sign_in(meera, "meera", PASSWORD)
    assert meera.get("/specialist/").status_code == 403


def test_deactivating_ends_the_accounts_sessions(app, admin, front_desk, db_session):
    desk = app.test_client()
    sign_in(desk, "rina", DESK_PASSWORD)
    browser = _admin_client(app)
    post_form(
        browser, f"/specialist/accounts/{front_desk.id}/deactivate", {}, "/specialist/accounts"
    )
    assert _user(db_session, "rina").is_active is False
    assert desk.get("/specialist/visits", headers={"Accept": "text/html"}).status_code == 303


def test_administrators_cannot_lock_themselves_out(app, admin, db_session):
    browser = _admin_client(app)
    post_form(browser, f"/specialist/accounts/{admin.id}/deactivate", {}, "/specialist/accounts")
    post_form(
        browser,
        f"/specialist/accounts/{admin.id}/role",
        {f"u{admin.id}-role": "specialist"},
        "/specialist/accounts",
    )
    user = _user(db_session, "boss")
    assert (user.is_active, user.role) == (True, "admin")


def test_only_administrators_reach_the_accounts_page(client, specialist):
    sign_in(client, "meera", PASSWORD)
    assert client.get("/specialist/accounts").status_code == 403


def test_the_command_line_creates_a_front_desk_account(runner, db_session):
    result = runner.invoke(
        args=["create-specialist", "puja", "--role", "front_desk"], input="marble falcon orbit 58\n"
    )
    assert result.exit_code == 0, result.output
    assert "front desk" in result.output
    assert _user(db_session, "puja").role == "front_desk"
    result = runner.invoke(
        args=["create-specialist", "ravi", "--admin", "--role", "front_desk"],
        input="marble falcon orbit 58\n",
    )
    assert result.exit_code != 0 and "disagree" in result.output


def test_an_account_is_given_an_email_address_when_added(app, admin, db_session):
    browser = _admin_client(app)
    fields = {"username": "anita", "role": "specialist", "email": " anita@clinic.in "}
    response = post_form(browser, "/specialist/accounts", fields, "/specialist/accounts")
    assert response.status_code == 201
    assert _user(db_session, "anita").email == "anita@clinic.in"

    fields = {"username": "ravi", "role": "specialist", "email": "ravi@clinic.in, x@y.in"}
    response = post_form(browser, "/specialist/accounts", fields, "/specialist/accounts")
    assert response.status_code == 400
    assert "Give one e-mail address" in response.get_data(as_text=True)
    assert db_session.query(User).filter_by(username="ravi").count() == 0


def test_an_administrator_sets_and_clears_an_accounts_email(app, admin, specialist, db_session):
    browser = _admin_client(app)
    url = f"/specialist/accounts/{specialist.id}/email"
    field = f"e{specialist.id}-email"
    post_form(browser, url, {field: "meera@clinic.in"}, "/specialist/accounts")
    assert _user(db_session, "meera").email == "meera@clinic.in"
    assert 'value="meera@clinic.in"' in browser.get("/specialist/accounts").get_data(as_text=True)

    response = post_form(browser, url, {field: "not an address"}, "/specialist/accounts")
    assert response.status_code == 303
    assert _user(db_session, "meera").email == "meera@clinic.in"
    assert "Give one e-mail address" in browser.get(response.location).get_data(as_text=True)

    post_form(browser, url, {field: ""}, "/specialist/accounts")
    assert _user(db_session, "meera").email is None
    events = db_session.query(AuditEvent).filter_by(action="account_email_changed").all()
    assert [e.detail["set"] for e in events] == [True, False]
    # Whether an address is set, never the address itself.
    assert all("clinic.in" not in str(e.detail) for e in events)


def test_the_command_line_gives_an_account_an_email_address(runner, db_session):
    password = "marble falcon orbit 58\n"
    args = ["create-specialist", "puja", "--email", "puja@clinic.in"]
    assert runner.invoke(args=args, input=password).exit_code == 0
    assert _user(db_session, "puja").email == "puja@clinic.in"
    result = runner.invoke(
        args=["create-specialist", "ravi", "--email", "ravi at clinic"], input=password
    )
    assert result.exit_code != 0 and "Give one e-mail address" in result.output
