"""Signing in and out: fresh sessions, one message for every mismatch, throttling, timeouts."""

import time
from datetime import timedelta
from urllib.parse import quote

import pytest

from intake.models import LoginAttempt
from tests.support.forms import page_token
from tests.support.workspace import PASSWORD, add_user, post_form, sign_in

NO_MATCH = "That username and password do not match an account"


def test_sign_in_page_renders_a_form_with_csrf(client):
    response = client.get("/specialist/sign-in")
    assert response.status_code == 200
    assert 'name="csrf_token"' in response.get_data(as_text=True)
    assert 'autocomplete="current-password"' in response.get_data(as_text=True)


def test_sign_in_without_csrf_token_is_refused(client, specialist):
    response = client.post("/specialist/sign-in", data={"username": "meera", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/specialist/").status_code == 303


def test_good_credentials_open_the_dashboard(client, specialist):
    response = sign_in(client, "Meera", PASSWORD)
    assert response.status_code == 303
    assert response.headers["Location"] == "/specialist/"
    page = client.get("/specialist/")
    assert page.status_code == 200
    assert "Dr Meera Sen" in page.get_data(as_text=True)


def test_unknown_user_and_wrong_password_get_the_same_answer(client, specialist):
    unknown = sign_in(client, "nobody", PASSWORD)
    wrong = sign_in(client, "meera", "not the password at all")
    assert unknown.status_code == wrong.status_code == 200
    assert NO_MATCH in unknown.get_data(as_text=True)
    assert NO_MATCH in wrong.get_data(as_text=True)
    strip = lambda r: r.get_data(as_text=True).split('name="csrf_token"')[0]  # noqa: E731
    assert strip(unknown) == strip(wrong)
    assert client.get("/specialist/").status_code == 303


def test_inactive_account_cannot_sign_in(app, client, db_session):
    add_user(app, db_session, "gone", PASSWORD, is_active=False)
    response = sign_in(client, "gone", PASSWORD)
    assert NO_MATCH in response.get_data(as_text=True)


def test_sign_in_starts_a_fresh_session(client, specialist):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client, "meera", PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == str(specialist.id)
        assert session["signed_in_at"] == session["seen_at"]


def test_sign_out_ends_the_session(signed_in):
    response = post_form(signed_in, "/specialist/sign-out")
    assert response.status_code == 303
    assert response.headers["Location"] == "/specialist/sign-in"
    assert "You have signed out" in signed_in.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert signed_in.get("/specialist/").status_code == 303


def _fail(client, username, times):
    for _ in range(times):
        assert sign_in(client, username, "wrong wrong wrong").status_code == 200


def test_an_account_is_throttled_after_repeated_failures(app, client, specialist):
    _fail(client, "meera", app.config["LOGIN_MAX_FAILURES"])
    # Even the right password is refused while throttled: otherwise guessing would go on.
    response = sign_in(client, "meera", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.get_data(as_text=True)


def test_throttling_is_per_account_from_other_addresses(app, specialist, admin):
    first = app.test_client()
    first.environ_base["REMOTE_ADDR"] = "10.0.0.1"
    _fail(first, "meera", app.config["LOGIN_MAX_FAILURES"])
    second = app.test_client()
    second.environ_base["REMOTE_ADDR"] = "10.0.0.2"
    assert sign_in(second, "meera", PASSWORD).status_code == 429
    # Another account from that second address is unaffected.
    assert sign_in(second, "boss", "copper meadow tambourine 7").status_code == 303


def test_an_address_is_throttled_across_accounts_only_at_its_higher_limit(app, client, specialist):
    limit = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 8
    # A colleague's typos on the clinic's one address do not lock out everyone there.
    for number in range(app.config["LOGIN_MAX_FAILURES"]):
        _fail(client, f"guess{number}", 1)
    assert sign_in(app.test_client(), "meera", PASSWORD).status_code == 303
    for number in range(limit):
        _fail(client, f"again{number}", 1)
    response = sign_in(client, "meera", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins from this network" in response.text
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert sign_in(elsewhere, "meera", PASSWORD).status_code == 303


def test_throttling_ends_when_the_window_passes(app, client, specialist, db_session):
    _fail(client, "meera", app.config["LOGIN_MAX_FAILURES"])
    assert sign_in(client, "meera", PASSWORD).status_code == 429
    window = timedelta(minutes=app.config["LOGIN_FAILURE_WINDOW_MINUTES"] + 1)
    for attempt in db_session.query(LoginAttempt):
        attempt.at -= window
    db_session.commit()
    assert sign_in(client, "meera", PASSWORD).status_code == 303


def test_successful_sign_ins_are_never_throttled(app, specialist):
    # Many colleagues signing in from the clinic's one address, one after another.
    for _ in range(app.config["LOGIN_MAX_FAILURES"] * 3):
        assert sign_in(app.test_client(), "meera", PASSWORD).status_code == 303


def test_a_success_resets_the_failure_count(app, specialist):
    limit = app.config["LOGIN_MAX_FAILURES"]
    _fail(app.test_client(), "meera", limit - 1)
    assert sign_in(app.test_client(), "meera", PASSWORD).status_code == 303
    _fail(app.test_client(), "meera", limit - 1)
    assert sign_in(app.test_client(), "meera", PASSWORD).status_code == 303


def test_attempts_are_stored_in_the_database(client, specialist, db_session):
    sign_in(client, "meera", "wrong wrong wrong")
    sign_in(client, "meera", PASSWORD)
    attempts = db_session.query(LoginAttempt).order_by(LoginAttempt.id).all()
    assert [(a.username, a.success) for a in attempts] == [("meera", False), ("meera", True)]
    assert attempts[0].address == "127.0.0.1"


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/specialist/audit", "/specialist/audit"),
        ("/specialist/?status=new", "/specialist/?status=new"),
        ("https://evil.example/specialist/", "/specialist/"),
        ("//evil.example/specialist/", "/specialist/"),
        ("/\\evil.example", "/specialist/"),
        ("/elsewhere", "/specialist/"),
        ("javascript:alert(1)", "/specialist/"),
        # Unprintable characters, refused as the language switch refuses them (one guard).
        ("/specialist/\x7f", "/specialist/"),
        ("/specialist/\u2028//evil.example", "/specialist/"),
    ],
)
def test_next_only_leads_inside_the_workspace(client, specialist, target, expected):
    response = sign_in(client, "meera", PASSWORD, next_url=quote(target, safe=""))
    assert response.status_code == 303
    assert response.headers["Location"] == expected


def _age_session(client, **seconds_ago):
    now = int(time.time())
    with client.session_transaction() as session:
        for key, ago in seconds_ago.items():
            session[key] = now - ago


def test_idle_session_times_out(app, signed_in):
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    _age_session(signed_in, seen_at=idle - 30)
    assert signed_in.get("/specialist/").status_code == 200
    _age_session(signed_in, seen_at=idle + 30)
    response = signed_in.get("/specialist/")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/specialist/sign-in")
    page = signed_in.get(response.headers["Location"])
    assert "signed out after 30 minutes without activity" in page.get_data(as_text=True)
    assert signed_in.get("/specialist/").status_code == 303


def test_activity_keeps_a_session_alive(app, signed_in):
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    _age_session(signed_in, seen_at=idle - 30)
    assert signed_in.get("/specialist/").status_code == 200
    with signed_in.session_transaction() as session:
        assert time.time() - session["seen_at"] < 5


def test_session_ends_at_its_absolute_lifetime_however_active(app, signed_in):
    lifetime = app.config["SESSION_MAX_HOURS"] * 3600
    _age_session(signed_in, signed_in_at=lifetime - 60, seen_at=1)
    assert signed_in.get("/specialist/").status_code == 200
    _age_session(signed_in, signed_in_at=lifetime + 60, seen_at=1)
    response = signed_in.get("/specialist/")
    assert response.status_code == 303
    assert "session has ended" in signed_in.get(response.headers["Location"]).get_data(as_text=True)


def test_one_time_password_must_be_changed_first(app, client, db_session):
    add_user(app, db_session, "newbie", "one time pass 2345", must_change_password=True)
    response = sign_in(client, "newbie", "one time pass 2345")
    assert client.get("/specialist/").headers["Location"] == "/specialist/password"
    token = page_token(client, "/specialist/password")
    weak = client.post(
        "/specialist/password",
        data={
            "csrf_token": token,
            "current_password": "one time pass 2345",
            "new_password": "Password123456!",
            "confirm": "Password123456!",
        },
    )
    assert weak.status_code == 400
    assert "too common" in weak.get_data(as_text=True)
    response = client.post(
        "/specialist/password",
        data={
            "csrf_token": token,
            "current_password": "one time pass 2345",
            "new_password": "river quartz pelican 9",
            "confirm": "river quartz pelican 9",
        },
    )
    assert response.status_code == 303
    assert client.get("/specialist/").status_code == 200
    post_form(client, "/specialist/sign-out")
    assert sign_in(client, "newbie", "river quartz pelican 9").status_code == 303
