"""Sign-in lockouts: counted atomically, said plainly, lifted by an administrator."""

import hashlib
import threading
from datetime import timedelta

from intake.db import utcnow
from intake.models import AuditEvent, LoginAttempt
from tests.support.forms import page_token
from tests.support.workspace import PASSWORD

GUESSES = 24


def _guess(app, barrier: threading.Barrier, statuses: list[int]) -> None:
    client = app.test_client()
    token = page_token(client)
    barrier.wait()
    response = client.post(
        "/specialist/sign-in",
        data={"csrf_token": token, "username": "meera", "password": "wrong wrong wrong"},
    )
    statuses.append(response.status_code)


def test_parallel_wrong_guesses_are_evaluated_at_most_up_to_the_limit(app, specialist, db_session):
    limit = app.config["LOGIN_MAX_FAILURES"]
    barrier = threading.Barrier(GUESSES)
    statuses: list[int] = []
    threads = [
        threading.Thread(target=_guess, args=(app, barrier, statuses)) for _ in range(GUESSES)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200] * limit + [429] * (GUESSES - limit)
    assert db_session.query(LoginAttempt).filter_by(success=False).count() == limit


def _lock_out(client, app) -> None:
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        token = page_token(client)
        client.post(
            "/specialist/sign-in",
            data={"csrf_token": token, "username": "meera", "password": "wrong wrong wrong"},
        )


def _sign_in(client):
    token = page_token(client)
    return client.post(
        "/specialist/sign-in",
        data={"csrf_token": token, "username": "meera", "password": PASSWORD},
    )


def test_the_lockout_says_how_long_and_what_to_do(app, client, specialist):
    _lock_out(client, app)
    response = _sign_in(client)
    assert response.status_code == 429
    minutes = app.config["LOGIN_FAILURE_WINDOW_MINUTES"]
    assert f"Try again in {minutes} minutes" in response.text
    assert "ask an administrator to unlock it" in response.text


def test_an_administrator_lifts_a_lockout_from_the_command_line(app, client, runner, specialist):
    _lock_out(client, app)
    assert _sign_in(client).status_code == 429
    result = runner.invoke(args=["unlock-specialist", "Meera"])
    assert result.exit_code == 0, result.output
    assert "Unlocked 'meera'" in result.output
    assert _sign_in(client).status_code == 303
    assert runner.invoke(args=["unlock-specialist", "nobody"]).exit_code != 0


def test_a_username_that_is_no_account_is_kept_only_as_a_hash(client, specialist, db_session):
    typed = "my secret password 99"
    token = page_token(client)
    client.post(
        "/specialist/sign-in", data={"csrf_token": token, "username": typed, "password": "x"}
    )
    events = db_session.query(AuditEvent).filter_by(action="sign_in_failed").all()
    attempts = db_session.query(LoginAttempt).all()
    stored = {e.username for e in events} | {a.username for a in attempts}
    digest = hashlib.sha256(typed.encode()).hexdigest()[:32]
    assert stored == {f"#{digest}"}


def test_purge_removes_audit_rows_past_retention(app, runner, db_session):
    retention = app.config["RETENTION_DAYS"]
    db_session.add_all(
        [
            AuditEvent(action="sign_in", at=utcnow() - timedelta(days=retention + 1)),
            AuditEvent(action="sign_in", at=utcnow() - timedelta(days=retention - 1)),
        ]
    )
    db_session.commit()
    assert runner.invoke(args=["purge"]).exit_code == 0
    db_session.expire_all()
    kept = db_session.query(AuditEvent).filter_by(action="sign_in").all()
    assert [e.at > utcnow() - timedelta(days=retention) for e in kept] == [True]
