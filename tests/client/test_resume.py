"""Resume links: random, stored hashed, expiring, usable on any device, never logged."""

import hashlib
import logging
import re
import threading
import urllib.request
from datetime import timedelta

import pytest
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select, update
from werkzeug.serving import make_server

from intake.db import utcnow
from intake.models import Draft, EndedLink, Submission
from intake.questionnaire import STEPS
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token


def _drafts(app):
    with app.extensions["db_sessionmaker"]() as db:
        return db.scalars(select(Draft)).all()


def test_link_is_random_hashed_and_opens_the_draft_elsewhere(app, intake):
    fields = full_answers(clinic_today())
    intake.start()
    intake.post("about", fields["about"])
    link = intake.resume_link("skin")
    token = link.rsplit("/resume/", 1)[1]
    # 24 random bytes: 192 bits in 32 URL-safe characters.
    assert len(token) == 32
    (draft,) = _drafts(app)
    assert draft.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(draft.__dict__)
    # Saving keeps the link alive for RESUME_TOKEN_DAYS from now.
    remaining = draft.expires_at - utcnow()
    assert timedelta(days=13, hours=23) < remaining <= timedelta(days=14)

    other = Intake(app.test_client())
    response = other.client.get(link)
    assert response.status_code == 302 and response.location == "/intake/skin"
    assert other.post("skin", fields["skin"]).location == "/intake/photos"
    # Both devices see the same draft.
    assert 'value="acne_scars" checked' in intake.client.get("/intake/skin").text


def test_expiry_follows_the_configured_days(app, intake):
    app.config["RESUME_TOKEN_DAYS"] = 3
    intake.start()
    intake.post("about", {"full_name": "Asha Roy"}, button="save")
    (draft,) = _drafts(app)
    assert timedelta(days=2, hours=23) < draft.expires_at - utcnow() <= timedelta(days=3)


def test_expired_link_offers_a_fresh_start(app, intake):
    intake.start()
    link = intake.resume_link("about")
    with app.extensions["db_sessionmaker"]() as db, db.begin():
        db.execute(update(Draft).values(expires_at=utcnow() - timedelta(minutes=1)))
    response = Intake(app.test_client()).client.get(link)
    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert 'action="/start"' in response.text
    # The browser that held it cannot reach the answers either.
    assert intake.client.get("/intake/about").location == "/"


def test_unknown_or_mangled_link_is_a_clear_page(client):
    for token in ("x" * 32, "short", "y" * 500):
        response = client.get(f"/resume/{token}")
        assert response.status_code == 404
        assert "This link does not work" in response.text
        assert 'action="/start"' in response.text


def test_link_after_submission_shows_the_confirmation(app, intake):
    fields = full_answers(clinic_today())
    intake.start()
    link = intake.resume_link("about")
    for step in STEPS:
        intake.post(step, fields[step])
    other = app.test_client()
    assert other.get(link).location == "/intake/done"
    assert "Your reference code" in other.get("/intake/done").text


def test_resume_restores_the_drafts_language(app, intake):
    intake.start()
    intake.post("about", {}, button="lang", value="hi")
    link = intake.resume_link("about")
    page = app.test_client()
    page.get(link)
    assert '<html lang="hi">' in page.get("/intake/about").text


def test_session_cookie_holds_no_answers(app, intake):
    fields = full_answers(clinic_today())
    intake.start()
    intake.post("about", fields["about"])
    cookie = intake.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    data = serializer.loads(cookie.value)
    assert set(data) <= {"csrf_token", "draft_token", "lang", "show_resume_link"}
    # The two tokens are random and hold nothing else (an answer's digits may turn up in
    # them by chance); every other value is checked for the answers.
    assert re.fullmatch(r"[0-9a-f]{40}", data["csrf_token"])
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", data["draft_token"])
    rest = repr({k: v for k, v in data.items() if k not in ("csrf_token", "draft_token")})
    for answer in ("Asha", "98300", "asha@example.com", "1996", "female"):
        assert answer not in rest


def test_access_logs_never_contain_the_token(app, caplog):
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    token = "SecretToken_ABCDEFGHIJKLMNOPQRST"
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            url = f"http://127.0.0.1:{server.server_port}/resume/{token}?x=1"
            try:
                urllib.request.urlopen(url, timeout=10)  # loopback only
            except urllib.error.HTTPError as error:
                assert error.code == 404
    finally:
        server.shutdown()
        thread.join()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/resume/[redacted]" in logged
    assert token not in logged


def test_gunicorn_access_records_are_redacted_too(app, caplog):
    logger = logging.getLogger("gunicorn.access")
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        logger.info(
            '%(h)s "%(r)s" %(s)s',
            {"h": "10.0.0.1", "r": "GET /resume/abcDEF_123 HTTP/1.1", "s": "302"},
        )
    (record,) = [r for r in caplog.records if r.name == "gunicorn.access"]
    assert record.getMessage() == '10.0.0.1 "GET /resume/[redacted] HTTP/1.1" 302'


def test_start_page_offers_to_continue_a_saved_draft(intake):
    intake.start()
    intake.post("about", {"full_name": "Asha"}, button="save")
    page = intake.client.get("/").text
    assert "Continue where you left off" in page
    assert 'href="/intake/about"' in page
    assert csrf_token(page)


def test_starting_again_ends_the_old_draft_and_its_link(app, intake):
    intake.start()
    link = intake.resume_link("about", {"full_name": "Asha Roy"})
    intake.start()  # "Start again with new answers" on the landing page
    response = app.test_client().get(link)
    assert response.status_code == 410
    assert "This link no longer works" in response.text
    (draft,) = _drafts(app)
    assert draft.answers == {}


def test_a_submitted_intakes_link_stops_working_after_its_expiry(app, intake):
    fields = full_answers(clinic_today())
    intake.start()
    link = intake.resume_link("about", fields["about"])
    for step in STEPS:
        intake.post(step, fields[step])
    with app.extensions["db_sessionmaker"]() as db, db.begin():
        db.execute(update(Draft).values(expires_at=utcnow() - timedelta(minutes=1)))
    response = app.test_client().get(link)
    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert intake.client.get("/intake/done").location == "/"


def _send_and_purge(app, intake, runner) -> str:
    """Send a whole intake, purge it; return its resume link."""
    fields = full_answers(clinic_today())
    intake.start()
    link = intake.resume_link("about", fields["about"])
    for step in STEPS:
        intake.post(step, fields[step])
    with app.extensions["db_sessionmaker"]() as db, db.begin():
        db.execute(update(Submission).values(submitted_at=utcnow() - timedelta(days=2)))
    assert "Removed 1 intakes" in runner.invoke(args=["purge", "--days", "1"]).output
    return link


def test_a_purged_intakes_link_says_it_no_longer_works(app, intake, runner):
    app.config["CLINIC_PHONE"] = "+91 33 4000 1234"
    link = _send_and_purge(app, intake, runner)
    other = app.test_client()
    response = other.get(link)
    assert response.status_code == 410
    assert "This link no longer works" in response.text
    assert "the clinic no longer keeps them" in response.text
    assert "Please call the clinic on +91 33 4000 1234." in response.text
    assert _drafts(app) == []
    # Its button starts a new, empty intake, not the purged one again.
    assert "Start a new intake" in response.text
    start = other.post("/start", data={"csrf_token": csrf_token(response.text)})
    assert start.location == "/intake/about"
    (draft,) = _drafts(app)
    assert draft.answers == {} and draft.submission_id is None


@pytest.mark.parametrize(
    "language, heading, button",
    [
        ("bn", "এই লিঙ্কটা আর কাজ করবে না", "নতুন ফর্ম শুরু করুন"),
        ("hi", "यह लिंक अब काम नहीं करता", "नया फ़ॉर्म शुरू करें"),
    ],
)
def test_the_ended_link_page_speaks_the_clients_language(
    app, intake, runner, language, heading, button
):
    link = _send_and_purge(app, intake, runner)
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    page = other.get(link).text
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page and button in page


def test_a_page_open_when_its_draft_was_started_again_elsewhere_keeps_it_ended(app, intake):
    fields = full_answers(clinic_today())
    intake.start()
    link = intake.resume_link("about", fields["about"])
    page = intake.client.get("/intake/skin")
    # The same draft on a second device, which starts again with new answers.
    other = Intake(app.test_client())
    other.client.get(link)
    other.start()
    data = {"csrf_token": csrf_token(page.text), "next": "1", **fields["skin"]}
    response = intake.client.post("/intake/skin", data=data)
    assert response.status_code == 410
    assert "This link no longer works" in response.text
    # Only the second device's new, empty draft: the old answers did not come back.
    (draft,) = _drafts(app)
    assert draft.answers == {}


def test_an_ended_link_is_forgotten_once_it_would_have_expired(app, intake, runner):
    link = _send_and_purge(app, intake, runner)
    with app.extensions["db_sessionmaker"]() as db, db.begin():
        db.execute(update(EndedLink).values(expires_at=utcnow() - timedelta(minutes=1)))
    runner.invoke(args=["purge"])
    with app.extensions["db_sessionmaker"]() as db:
        assert db.scalars(select(EndedLink)).all() == []
    assert app.test_client().get(link).status_code == 404
