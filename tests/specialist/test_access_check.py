"""One access check guards every specialist URL: signed out, each one sends you to sign in."""

from conftest import csrf_token

from intake.specialist import bp


def _specialist_rules(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith(f"{bp.name}.")]
    assert len(rules) >= 7, "the blueprint's views should all be listed"
    return rules


def _url(rule) -> str:
    return rule.rule.replace("<reference>", "T001-0001")


def _methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_specialist_page_redirects_to_sign_in_when_signed_out(app, client):
    token = csrf_token(client)
    for rule in _specialist_rules(app):
        for method in _methods(rule):
            data = {"csrf_token": token} if method == "POST" else None
            response = client.open(
                _url(rule), method=method, data=data, headers={"Accept": "text/html"}
            )
            if rule.rule.endswith((".json", ".pdf")):
                assert response.status_code == 401, rule.rule
                continue
            assert response.status_code == 303, (method, rule.rule)
            location = response.headers["Location"]
            assert location.startswith("/specialist/sign-in"), rule.rule
            if method == "GET":
                assert "next=" in location


def test_every_specialist_url_answers_401_to_non_page_requests(app, client):
    token = csrf_token(client)
    for rule in _specialist_rules(app):
        for method in _methods(rule):
            data = {"csrf_token": token} if method == "POST" else None
            response = client.open(
                _url(rule), method=method, data=data, headers={"Accept": "application/json"}
            )
            assert response.status_code == 401, (method, rule.rule)
            assert response.is_json


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
