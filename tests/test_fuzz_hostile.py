"""Every class of hostile request an outside review found a 500 with: never a 5xx now.

Each class is sent with and without TRUSTED_HOSTS: a forged Host with a body the app
refuses, multipart parts with broken names on every client form, NUL characters in the
specialist's text fields, NUL in paths, dates and numbers out of any range in the dashboard
and audit filters, and Flask's own url_for arguments (`_scheme`, `_method`, ...) smuggled
into the audit page's query string. The counts are printed for the README's Quality
section (run with -s).
"""

import io
import re
from collections import Counter

import pytest
from sqlalchemy import select

from intake.models import Decision
from intake.questionnaire import STEPS
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import page_token
from tests.support.workspace import ADMIN_PASSWORD, add_user, sign_in

TRUSTED = ["localhost"]
NUL_TEXTS = ["\x00", "meera\x00", "\x00" * 40, "a\x00b\x00c"]
OUT_OF_RANGE_DATES = ["0001-01-01", "0000-01-01", "9999-12-31", "99999-01-01", "-0001-01-01"]
OUT_OF_RANGE_NUMBERS = ["99999999999999999999", "-99999999999999999999", "1e309", "0x10", "-1"]
URL_FOR_ARGUMENTS = {
    "_scheme": "javascript",
    "_method": "POST",
    "_external": "1",
    "_anchor": "x",
    "_host": "evil.example",
}
PATH_PIECES = ["%00", "a%00b", "%00%00%00", "%C0%80"]


def _forged_host_requests(client):
    """Bodies refused before any view runs, from a Host the app does not serve."""
    forged = {"Host": "evil.example"}
    for path in ("/start", "/intake/about", "/specialist/sign-in", "/language"):
        yield client.post(path, headers=forged, data={"full_name": "x" * 300_000})
        yield client.post(path, headers=forged, data={"f": (io.BytesIO(b"x"), "f.txt")})
        yield client.post(
            path,
            headers=forged | {"Content-Type": "multipart/form-data; boundary=b"},
            data=b"--b\r\nContent-Disposition: form-data; name\r\n\r\nx\r\n--b--\r\n",
        )
        yield client.get(path, headers=forged)


def _broken_multipart_requests(client):
    """A multipart part whose name header breaks (it parses to a field named None), with
    the token sent as a file, to every client form, the photo page's uploads included."""
    token = page_token(client, f"/intake/{STEPS[0]}")
    for path in ("/start", *(f"/intake/{step}" for step in STEPS), "/intake/photos"):
        yield client.post(path, data={"\r": "", "csrf_token": token})
        yield client.post(path, data={"\r": "", "csrf_token": (io.BytesIO(token.encode()), "t")})


def _nul_text_requests(client, admin_client, reference):
    """NUL in the sign-in username and in a decision's notes and reason."""
    detail = f"/specialist/intakes/{reference}"
    for text in NUL_TEXTS:
        yield client.post(
            "/specialist/sign-in",
            data={"csrf_token": page_token(client), "username": text, "password": text},
        )
        for outcome in ("suitable", "not_suitable"):
            yield admin_client.post(
                f"{detail}/decision",
                data={
                    "csrf_token": page_token(admin_client, detail),
                    "outcome": outcome,
                    "notes": text,
                    "override_reason": text,
                },
            )


def _nul_path_requests(client, admin_client):
    """NUL and overlong encodings in every path that takes a piece of the URL."""
    for piece in PATH_PIECES:
        for step_path in (f"/intake/{piece}", f"/resume/{piece}", f"/intake/about{piece}"):
            yield client.get(step_path)
            yield client.post(step_path, data={"next": "1"})
        for path in (f"/specialist/intakes/{piece}", f"/specialist/intakes/{piece}/summary.pdf"):
            yield admin_client.get(path)


def _filter_requests(admin_client):
    """Dates and numbers outside any range in the dashboard's and the audit's filters."""
    for value in OUT_OF_RANGE_DATES:
        yield admin_client.get("/specialist/", query_string={"submitted_from": value})
        yield admin_client.get("/specialist/", query_string={"submitted_to": value})
        yield admin_client.get(
            "/specialist/", query_string={"submitted_from": value, "submitted_to": "2026-01-01"}
        )
    for value in OUT_OF_RANGE_NUMBERS:
        for name in ("before", "after", "page"):
            yield admin_client.get("/specialist/", query_string={name: value})
        yield admin_client.get("/specialist/audit", query_string={"before": value})


def _url_for_requests(admin_client):
    """Flask's url_for arguments passed in the audit page's query string."""
    for name, value in URL_FOR_ARGUMENTS.items():
        yield admin_client.get("/specialist/audit", query_string={name: value})
        yield admin_client.get("/specialist/audit", query_string={name: value, "action": "x"})
    yield admin_client.get("/specialist/audit", query_string=URL_FOR_ARGUMENTS)


@pytest.fixture
def admin_client(app):
    """A browser signed in as an administrator, who may see the audit trail."""
    with app.extensions["db_sessionmaker"]() as session:
        add_user(app, session, "boss", ADMIN_PASSWORD, role="admin")
    client = app.test_client()
    assert sign_in(client, "boss", ADMIN_PASSWORD).status_code == 303
    return client


@pytest.mark.parametrize("trusted_hosts", [None, TRUSTED], ids=["any-host", "trusted-hosts"])
def test_hostile_requests_never_get_a_server_error(app, admin_client, trusted_hosts, capsys):
    app.config["TRUSTED_HOSTS"] = trusted_hosts
    reference = Intake(app.test_client()).submit(full_answers(clinic_today()))
    client = app.test_client()
    Intake(client).start()

    classes = {
        "forged host": _forged_host_requests(client),
        "broken multipart": _broken_multipart_requests(client),
        "NUL in text": _nul_text_requests(app.test_client(), admin_client, reference),
        "NUL in paths": _nul_path_requests(client, admin_client),
        "filters out of range": _filter_requests(admin_client),
        "url_for arguments": _url_for_requests(admin_client),
    }
    sent, failed = Counter(), Counter()
    for name, responses in classes.items():
        for response in responses:
            sent[name] += 1
            if response.status_code >= 500:
                failed[name] += 1
    with capsys.disabled():
        print(f"\nhostile requests ({trusted_hosts or 'any host'}):", dict(sent))
        print(f"sent {sum(sent.values())}, 5xx {sum(failed.values())}: {dict(failed)}")
    assert not failed
    # The workspace and the journey still work after all of it.
    assert admin_client.get(f"/specialist/intakes/{reference}").status_code == 200
    assert client.get(f"/intake/{STEPS[0]}").status_code == 200


def test_a_forged_host_with_a_body_too_large_gets_plain_words(app):
    app.config["TRUSTED_HOSTS"] = TRUSTED
    response = app.test_client().post(
        "/intake/about", headers={"Host": "evil.example"}, data={"full_name": "x" * 300_000}
    )
    assert response.status_code in (400, 413)
    assert response.content_type.startswith("text/plain")
    assert "evil.example" not in response.text


def test_a_nul_in_decision_notes_is_dropped_as_in_any_typed_text(app, admin_client):
    client = admin_client
    reference = Intake(app.test_client()).submit(full_answers(clinic_today()))
    detail = f"/specialist/intakes/{reference}"
    page = client.get(detail).get_data(as_text=True)
    assessment_id = re.search(r'name="assessment_id" type="hidden" value="(\d+)"', page).group(1)
    response = client.post(
        f"{detail}/decision",
        data={
            "csrf_token": page_token(client, detail),
            "assessment_id": assessment_id,
            "outcome": "needs_consultation",
            "notes": "a\x00b",
            "override_reason": "Seen\x00 in person",
        },
    )
    assert response.status_code == 303
    with app.extensions["db_sessionmaker"]() as session:
        assert session.scalar(select(Decision.notes)) == "ab"


def test_the_audit_page_links_carry_only_its_filters(admin_client):
    response = admin_client.get("/specialist/audit?action=sign_in&_anchor=x&_external=1&q=Asha")
    assert response.status_code == 200
    assert "/specialist/audit?action=sign_in" in response.text
    assert "#x" not in response.text and "http://" not in response.text
    assert "Asha" not in response.text
