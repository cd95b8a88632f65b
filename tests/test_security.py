"""The security promises of DESIGN.md, checked across every route of the app at once."""

import logging
import re
import threading
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from intake import create_app
from intake.client.drafts import new_token, token_hash
from intake.db import utcnow
from intake.models import Appointment, Assessment, Base
from tests.support.client_journey import Intake
from tests.support.factories import reviewed_submission
from tests.support.forms import csrf_token
from tests.support.workspace import ADMIN_PASSWORD, add_user, sign_in

BROWSER = {"Accept": "text/html"}
NEW_PASSWORD = "harbour quiet lantern 93"


@pytest.fixture
def busy(app, client, db_session):
    """A browser signed in as an administrator that also has an intake draft under way."""
    add_user(app, db_session, "boss", ADMIN_PASSWORD, role="admin")
    assert sign_in(client, "boss", ADMIN_PASSWORD).status_code == 303
    intake = Intake(client)
    intake.start()
    assert intake.post("about", {"full_name": "Asha Roy"}, button="save").status_code == 302
    submission = reviewed_submission(db_session)
    assessment_id = db_session.scalar(
        select(Assessment.id).where(Assessment.submission_id == submission.id)
    )
    with client.session_transaction() as session:
        token = session["draft_token"]
    colleague = add_user(app, db_session, "meera", ADMIN_PASSWORD)
    invitation = new_token()
    visit = Appointment(
        client_name="Asha Roy",
        mobile="+919830012345",
        language="en",
        starts_at=utcnow() + timedelta(days=1),
        visit_date=(utcnow() + timedelta(days=1)).date(),
        status="invited",
        invitation_hash=token_hash(invitation),
    )
    db_session.add(visit)
    db_session.commit()
    return {
        "reference": submission.reference,
        "assessment_id": assessment_id,
        "token": token,
        "invitation": invitation,
        "visit_id": str(visit.id),
        "user_id": str(colleague.id),
    }


def _rules(app, method: str):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if method in rule.methods and rule.endpoint != "static"
    ]


def _url(rule, busy) -> str:
    values = {"step": "about", "photo_id": "1", **busy}
    if rule.endpoint.startswith("client.") and "visit" in rule.rule:
        values["token"] = busy["invitation"]
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], rule.rule)


def _posted(busy) -> dict[str, dict]:
    """What each POST endpoint would act on, had it a valid token."""
    return {
        "client.start": {},
        "client.step": {"full_name": "Someone Else", "next": "1"},
        "client.language": {"lang": "hi", "next": "/"},
        "client.photos": {"consent_photos": "yes", "consent_choice": "1"},
        "specialist_sign_in.sign_in": {"username": "boss", "password": ADMIN_PASSWORD},
        "specialist.sign_out": {},
        "specialist.change_password": {
            "current_password": ADMIN_PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
        "specialist.decide": {
            "outcome": "proceed",
            "assessment_id": str(busy["assessment_id"]),
            "notes": "Fine.",
            "override_reason": "Seen in clinic.",
        },
        "specialist.reassess_intake": {},
        "specialist.search": {"q": "Asha Roy"},
        "client.start_invited": {},
        "specialist.new_visit": {
            "client_name": "Mou Das",
            "mobile": "98300 22222",
            "language": "bn",
            "day": "2099-01-01",
            "at": "10:00",
            "service": "microneedling",
        },
        "specialist.edit_visit": {
            "client_name": "Someone Else",
            "mobile": "98300 12345",
            "language": "en",
            "day": "2099-01-01",
            "at": "10:00",
            "service": "microneedling",
        },
        "specialist.cancel_visit": {},
        "specialist.mark_visit": {"status": "arrived"},
        "specialist.new_link": {"reason": "reminder"},
        "specialist.attach_intake": {"reference": busy["reference"]},
        "specialist.create_account": {"username": "newcomer", "role": "admin"},
        "specialist.change_role": {f"u{busy['user_id']}-role": "admin"},
        "specialist.deactivate_account": {},
        "specialist.change_email": {f"e{busy['user_id']}-email": "someone@clinic.in"},
    }


def _state(client, db_session) -> tuple:
    """Every stored row and the browser's session: what a refused post must leave alone."""
    db_session.expire_all()
    rows = {
        table.name: sorted(repr(tuple(row)) for row in db_session.execute(select(table)))
        for table in Base.metadata.sorted_tables
    }
    with client.session_transaction() as session:
        return rows, dict(session)


def test_every_post_without_a_valid_csrf_token_is_refused_and_changes_nothing(
    app, client, db_session, busy
):
    posts = _rules(app, "POST")
    posted = _posted(busy)
    assert {rule.endpoint for rule in posts} == set(posted), "a new POST route: add it above"
    before = _state(client, db_session)
    for rule in posts:
        for token in ({}, {"csrf_token": "forged"}):
            data = {**posted[rule.endpoint], **token}
            response = client.post(_url(rule, busy), data=data, headers=BROWSER)
            assert response.status_code == 400, (rule.rule, token)
            assert _state(client, db_session) == before, (rule.rule, token)
    assert client.get("/specialist/", headers=BROWSER).status_code == 200


def test_the_state_check_sees_a_post_that_works(app, client, db_session, busy):
    # The control for the test above: with the page's token, the same posts change things.
    before = _state(client, db_session)
    page = client.get(f"/specialist/intakes/{busy['reference']}", headers=BROWSER).text
    token = csrf_token(page)
    decision = _posted(busy)["specialist.decide"] | {"csrf_token": token}
    url = f"/specialist/intakes/{busy['reference']}/decision"
    assert client.post(url, data=decision, headers=BROWSER).status_code == 303
    assert _state(client, db_session)[0] != before[0]
    language = _posted(busy)["client.language"] | {"csrf_token": token}
    assert client.post("/language", data=language).status_code == 302
    assert _state(client, db_session)[1]["lang"] == "hi"


def test_session_cookie_is_secure_httponly_samesite_and_ends_with_the_browser(
    app, client, db_session
):
    add_user(app, db_session, "boss", ADMIN_PASSWORD, role="admin")
    for response in (client.get("/"), sign_in(client, "boss", ADMIN_PASSWORD)):
        (cookie,) = response.headers.getlist("Set-Cookie")
        name, *attributes = [part.strip() for part in cookie.split(";")]
        assert name.startswith("__Host-intake_session=")
        assert {"Secure", "HttpOnly", "SameSite=Lax", "Path=/"} <= set(attributes)
        assert not [a for a in attributes if a.lower().startswith(("domain", "expires", "max"))]


def test_plain_http_deployments_get_a_cookie_browsers_will_keep(database_url, tmp_path):
    plain = create_app(
        {
            "SECRET_KEY": "test-only-secret-key",
            "DATABASE_URL": database_url,
            "SESSION_COOKIE_SECURE": False,
        },
        instance_path=str(tmp_path),
    )
    (cookie,) = plain.test_client().get("/").headers.getlist("Set-Cookie")
    # A browser drops a __Host- cookie that is not Secure; without the prefix it keeps it.
    assert cookie.startswith("intake_session=") and "Secure" not in cookie
    plain.extensions["db_engine"].dispose()


# An inline script, style attribute, style element or event handler: the CSP would block
# each, so a page relying on one is broken for every client.
_INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.I
)


def test_every_page_is_no_store_and_needs_nothing_inline(app, client, busy):
    pages = 0
    for rule in _rules(app, "GET"):
        response = client.get(_url(rule, busy), headers=BROWSER)
        assert response.status_code < 500, rule.rule
        assert response.headers["Cache-Control"] == "no-store", rule.rule
        if response.mimetype == "text/html" and response.status_code == 200:
            pages += 1
            assert _INLINE.findall(response.text) == [], rule.rule
    assert pages >= 7
    # Error pages and sign-in redirects too.
    assert client.get("/specialist/no-such-page").headers["Cache-Control"] == "no-store"


def test_https_responses_tell_browsers_to_stay_on_https(client):
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    # Over plain http the header means nothing and browsers ignore it; it is not sent.
    assert "Strict-Transport-Security" not in client.get("/").headers


HOSTILE = [
    "//evil.example",
    "https://evil.example",
    "https:evil.example",
    "http:/evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\nLocation: https://evil.example",
    " //evil.example",
    "//\tevil.example",
    "//evil.example@clinic.example",
    "/.//evil.example",
    "/specialist/../..//evil.example",
    "/specialist/.//evil.example",
    "／／evil.example",
    "/\u3000/evil.example",
    "javascript:alert(1)",
]
BASE = "https://clinic.example/intake/about"


def _stays_on_site(location: str) -> bool:
    # Resolved the way a browser resolves a Location header against the page it came from.
    return urlsplit(urljoin(BASE, location)).netloc == "clinic.example"


def test_language_switch_never_redirects_off_site(client):
    token = csrf_token(client.get("/"))
    for target in HOSTILE:
        response = client.post(
            "/language", data={"csrf_token": token, "lang": "hi", "next": target}
        )
        assert response.status_code == 302, target
        assert _stays_on_site(response.location), (target, response.location)
        assert "\n" not in response.location and "\r" not in response.location


def test_sign_in_next_never_redirects_off_site(app, db_session):
    add_user(app, db_session, "boss", ADMIN_PASSWORD, role="admin")
    for target in HOSTILE:
        client = app.test_client()
        page = client.get("/specialist/sign-in", query_string={"next": target})
        token = csrf_token(page)
        response = client.post(
            "/specialist/sign-in",
            query_string={"next": target},
            data={"csrf_token": token, "username": "boss", "password": ADMIN_PASSWORD},
        )
        assert response.status_code == 303, target
        assert _stays_on_site(response.location), (target, response.location)
        # Signed in already: the GET redirect takes the same care.
        again = client.get("/specialist/sign-in", query_string={"next": target})
        assert _stays_on_site(again.location), (target, again.location)


@pytest.mark.parametrize(
    "request_line",
    [
        "GET /specialist/?q=Asha+Roy&status=new HTTP/1.1",
        "GET /specialist/?status=new&q=Asha%20Roy HTTP/1.1",
        "GET /specialist/sign-in?next=/specialist/?q%3DAsha%2520Roy%26status%3Dnew HTTP/1.1",
        "GET /specialist/sign-in?next=%2Fspecialist%2F%3Fq%3DAsha%2520Roy HTTP/1.1",
    ],
)
def test_searched_names_never_reach_the_access_log(app, caplog, request_line):
    logger = logging.getLogger("gunicorn.access")
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        referer = "https://clinic.example/specialist/?q=Asha+Roy"
        logger.info(
            '%(h)s "%(r)s" %(s)s "%(f)s"',
            {"h": "10.0.0.1", "r": request_line, "s": "200", "f": referer},
        )
    (record,) = [r for r in caplog.records if r.name == "gunicorn.access"]
    message = record.getMessage()
    assert "Asha" not in message
    assert "[redacted]" in message
    assert "/specialist/" in message


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_real_dashboard_search_leaves_no_name_in_the_server_log(app, caplog):
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/specialist/?q=Asha%20Roy"
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            opener = urllib.request.build_opener(_NoRedirect)
            with pytest.raises(urllib.error.HTTPError) as refused:
                opener.open(urllib.request.Request(url, headers=BROWSER), timeout=10)  # loopback
            assert refused.value.code == 303
            refused.value.close()
    finally:
        server.shutdown()
        thread.join()
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "werkzeug")
    assert "/specialist/?q=[redacted]" in logged
    assert "Asha" not in logged


def test_requests_for_a_host_the_clinic_does_not_serve_are_refused(app):
    app.config["TRUSTED_HOSTS"] = ["intake.clinic.example"]
    forged = app.test_client().get("/", headers={"Host": "evil.example", **BROWSER})
    assert forged.status_code == 400
    assert "evil.example" not in forged.text
    assert forged.headers["Content-Security-Policy"]
    assert forged.headers["Cache-Control"] == "no-store"

    # On the clinic's own host the journey works, and the private resume link a client is
    # shown names that host whatever a request claims.
    app.config["SERVER_NAME"] = "intake.clinic.example"
    intake = Intake(app.test_client())
    intake.start()
    link = intake.resume_link("about")
    assert urlsplit(link).netloc == "intake.clinic.example"
    resumed = app.test_client().get(urlsplit(link).path, headers={"Host": "evil.example"})
    assert resumed.status_code == 400
