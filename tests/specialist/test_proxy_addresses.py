"""Client addresses for throttling and the audit: X-Forwarded-For only from our own proxies."""

import pytest

from intake import create_app
from intake.models import AuditEvent, LoginAttempt
from tests.support.forms import page_token
from tests.support.workspace import ADMIN_PASSWORD, PASSWORD

CLIENT = "203.0.113.7"
COLLEAGUE = "198.51.100.2"
PROXY = "10.0.0.5"


@pytest.fixture
def proxied_app(app, tmp_path):
    """The same app and database, configured for one reverse proxy in front."""
    proxied = create_app(
        {**app.config, "PROXY_FIX_HOPS": 1}, instance_path=str(tmp_path / "proxied")
    )
    yield proxied
    proxied.extensions["db_engine"].dispose()


def _browser(app, forwarded_for: str | None = None):
    """A client behind the proxy at PROXY, which says who it forwards for."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = PROXY
    if forwarded_for:
        client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client


def _sign_in(client, username, password):
    token = page_token(client)
    return client.post(
        "/specialist/sign-in",
        data={"csrf_token": token, "username": username, "password": password},
    )


def _addresses(db_session, model) -> set[str]:
    db_session.expire_all()
    return {row.address for row in db_session.query(model)}


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(app, specialist, db_session):
    limit = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 6
    for number in range(limit):
        # A new forged address each time would dodge the per-address limit if it were believed.
        forger = _browser(app, f"192.0.2.{number}")
        assert _sign_in(forger, f"guess{number}", "wrong wrong wrong").status_code == 200
    assert _sign_in(_browser(app, "192.0.2.200"), "meera", PASSWORD).status_code == 429
    assert _addresses(db_session, LoginAttempt) == {PROXY}
    assert _addresses(db_session, AuditEvent) == {PROXY}


def test_behind_one_proxy_the_client_address_is_throttled_and_audited(
    proxied_app, specialist, admin, db_session
):
    limit = proxied_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 6
    attacker = _browser(proxied_app, CLIENT)
    for number in range(limit):
        assert _sign_in(attacker, f"guess{number}", "wrong wrong wrong").status_code == 200
    assert _sign_in(attacker, "meera", PASSWORD).status_code == 429
    # A colleague behind the same proxy is a different address, so not locked out.
    assert _sign_in(_browser(proxied_app, COLLEAGUE), "boss", ADMIN_PASSWORD).status_code == 303
    assert _addresses(db_session, LoginAttempt) == {CLIENT, COLLEAGUE}
    signed_in = db_session.query(AuditEvent).filter_by(action="sign_in").one()
    assert signed_in.address == COLLEAGUE


def test_behind_one_proxy_only_the_address_it_appended_is_believed(
    proxied_app, specialist, db_session
):
    # The client sends its own X-Forwarded-For; the proxy appends the address it really saw.
    forger = _browser(proxied_app, f"192.0.2.1, {CLIENT}")
    assert _sign_in(forger, "meera", "wrong wrong wrong").status_code == 200
    assert _addresses(db_session, LoginAttempt) == {CLIENT}


def test_behind_one_proxy_links_use_the_scheme_the_client_used(proxied_app):
    client = _browser(proxied_app, CLIENT)
    client.environ_base["HTTP_X_FORWARDED_PROTO"] = "https"
    token = page_token(client, "/")
    # Over https Flask-WTF also wants a same-site Referer, which browsers send on this site.
    response = client.post(
        "/start", data={"csrf_token": token}, headers={"Referer": "https://localhost/"}
    )
    assert response.status_code == 302
    saved = client.get("/saved").get_data(as_text=True)
    assert "https://localhost/resume/" in saved


def test_a_proxy_count_that_is_not_a_whole_number_is_refused(app, tmp_path):
    for wrong in ("1", -1, True):
        with pytest.raises(ValueError, match="PROXY_FIX_HOPS"):
            create_app({**app.config, "PROXY_FIX_HOPS": wrong}, instance_path=str(tmp_path))
