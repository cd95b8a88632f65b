"""One access check guards every specialist URL: signed out, each one sends you to sign in."""

import re

from intake.specialist import bp
from tests.support.factories import reviewed_submission
from tests.support.forms import page_token
from tests.support.workspace import PASSWORD, sign_in


def _specialist_rules(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith(f"{bp.name}.")]
    assert len(rules) >= 7, "the blueprint's views should all be listed"
    return rules


def _url(rule) -> str:
    return re.sub(r"<int:\w+>", "1", rule.rule.replace("<reference>", "T001-0001"))


def _methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


# What browsers send when a person follows a link or a bookmark (Chrome, Firefox).
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
# What fetch(), curl and most HTTP libraries send: anything will do.
ANYTHING = "*/*"


def _is_file(rule) -> bool:
    return rule.rule.endswith((".json", ".pdf", ".csv"))


def _sent_to_sign_in(response, method: str) -> bool:
    location = response.headers.get("Location", "")
    if response.status_code != 303 or not location.startswith("/specialist/sign-in"):
        return False
    # Only a GET can be repeated after sign-in.
    return ("next=" in location) == (method == "GET")


def _is_401(response) -> bool:
    return response.status_code == 401 and response.is_json


def test_browser_navigations_to_every_specialist_url_go_to_sign_in(app, client):
    token = page_token(client)
    for rule in _specialist_rules(app):
        for method in _methods(rule):
            data = {"csrf_token": token} if method == "POST" else None
            response = client.open(
                _url(rule), method=method, data=data, headers={"Accept": BROWSER}
            )
            if method == "GET" or not _is_file(rule):
                assert _sent_to_sign_in(response, method), (method, rule.rule)
            else:
                assert _is_401(response), (method, rule.rule)


def test_every_specialist_url_answers_401_to_non_page_requests(app, client):
    token = page_token(client)
    for rule in _specialist_rules(app):
        for method in _methods(rule):
            data = {"csrf_token": token} if method == "POST" else None
            response = client.open(
                _url(rule), method=method, data=data, headers={"Accept": "application/json"}
            )
            assert _is_401(response), (method, rule.rule)


def test_files_answer_401_to_fetch_and_curl(app, client):
    files = [rule for rule in _specialist_rules(app) if _is_file(rule)]
    assert {rule.rule.rsplit(".", 1)[1] for rule in files} >= {"json", "pdf"}
    for rule in files:
        for accept in (ANYTHING, "application/pdf", "application/json", None):
            headers = {"Accept": accept} if accept else {}
            response = client.get(_url(rule), headers=headers)
            assert _is_401(response), (accept, rule.rule)
            assert not response.data.startswith(b"%PDF")


def test_a_bookmarked_pdf_opens_after_signing_in(client, specialist, db_session):
    submission = reviewed_submission(db_session)
    url = f"/specialist/intakes/{submission.reference}/summary.pdf"
    response = client.get(url, headers={"Accept": BROWSER})
    assert response.headers["Location"] == f"/specialist/sign-in?next={url}"
    signed_in = sign_in(client, "meera", PASSWORD, next_url=url)
    assert signed_in.headers["Location"] == url
    pdf = client.get(url, headers={"Accept": BROWSER})
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"


def test_redirect_remembers_the_page_asked_for(client, specialist):
    response = client.get("/specialist/?status=new", headers={"Accept": "text/html"})
    assert response.headers["Location"] == "/specialist/sign-in?next=/specialist/?status%3Dnew"


def test_every_post_without_csrf_token_is_refused_even_when_signed_in(app, signed_in):
    posts = [r for r in _specialist_rules(app) if "POST" in r.methods]
    assert posts
    for rule in posts:
        assert signed_in.post(_url(rule)).status_code == 400, rule.rule
    # Still signed in: the refused sign-out did nothing.
    assert signed_in.get("/specialist/").status_code == 200


def test_specialist_pages_are_english_whatever_the_browser_prefers(signed_in):
    page = signed_in.get("/specialist/", headers={"Accept-Language": "bn"})
    assert '<html lang="en">' in page.get_data(as_text=True)


def test_admin_pages_are_refused_to_specialists(signed_in):
    assert signed_in.get("/specialist/audit").status_code == 403
