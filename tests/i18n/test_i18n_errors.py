"""Error pages speak the client's language and offer the language switch."""

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy.exc import OperationalError

from intake.client import views
from tests.support.client_journey import Intake
from tests.support.forms import csrf_token
from tests.support.page_text import english_left


@pytest.fixture(params=["bn", "hi"])
def started(request, client, speaking):
    """A client who began the intake in Bengali or Hindi."""
    speaking(request.param)
    Intake(client).start()
    return client, request.param


def in_language_with_switch(response, language: str, status: int) -> str:
    assert response.status_code == status
    html = response.text
    assert f'<html lang="{language}">' in html
    assert english_left(html) == []
    assert 'name="lang" value="en" lang="en"' in html
    return html


def test_page_not_found(started):
    client, language = started
    html = in_language_with_switch(client.get("/no-such-page"), language, 404)
    assert "404" in html


def test_too_much_sent_at_once(started):
    client, language = started
    page = client.get("/intake/about")
    response = client.post(
        "/intake/about", data={"csrf_token": csrf_token(page.text), "full_name": "x" * 300_000}
    )
    in_language_with_switch(response, language, 413)


def test_expired_form_on_a_page_without_answers(started, monkeypatch):
    client, language = started
    token = csrf_token(client.get("/").text)
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + 3700)
    in_language_with_switch(client.post("/start", data={"csrf_token": token}), language, 400)


def test_expired_form_on_a_step_keeps_the_answers(started, monkeypatch):
    client, language = started
    token = csrf_token(client.get("/intake/about").text)
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + 3700)
    response = client.post(
        "/intake/about", data={"csrf_token": token, "next": "1", "full_name": "অশোক"}
    )
    html = in_language_with_switch(response, language, 400)
    assert 'value="অশোক"' in html


def test_something_went_wrong(started, monkeypatch):
    client, language = started

    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "clinic_today", broken)
    in_language_with_switch(client.get("/intake/about"), language, 500)


def test_database_unavailable(started, monkeypatch):
    client, language = started

    def unavailable(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(views.drafts, "find_draft", unavailable)
    in_language_with_switch(client.get("/intake/about"), language, 503)
