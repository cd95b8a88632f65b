"""Every response, whatever the route or outcome, carries the security headers."""

import re

import pytest
from sqlalchemy.exc import OperationalError

from intake.security import HEADERS

# Sample values for URL variables, by converter and then by name: enough to reach each view.
SAMPLES = {"int": "1", "path": "css/app.css", "uuid": "00000000-0000-0000-0000-000000000000"}
NAMED = {"filename": "css/app.css", "token": "A" * 43, "step": "about", "reference": "ABC123"}


VARIABLE = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")


def _sample_url(rule: str) -> str:
    def sample(match: re.Match) -> str:
        converter = match["converter"] or "string"
        return NAMED.get(match["name"]) or SAMPLES.get(converter, "sample")

    return VARIABLE.sub(sample, rule)


def _get_urls(app) -> list[str]:
    return sorted(
        {_sample_url(rule.rule) for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    )


def assert_secure_headers(response, url: str) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, f"{name} missing or wrong on {url}"
    if not url.startswith("/static/"):
        assert response.headers.get("Cache-Control") == "no-store", f"cacheable: {url}"


def test_every_get_route_carries_the_headers(app, client):
    urls = _get_urls(app)
    assert "/healthz" in urls
    for url in urls:
        with client.get(url) as response:
            assert response.status_code < 500, url
            assert_secure_headers(response, url)


def _post_urls(app) -> list[str]:
    return sorted(
        {_sample_url(rule.rule) for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    )


def test_refused_posts_carry_the_headers(app, client):
    app.add_url_rule("/test-form", view_func=lambda: "saved", methods=["POST"])
    # The photo page takes bigger bodies than the other forms; this is too big for any of them.
    app.config["PHOTO_REQUEST_MAX_BYTES"] = 280 * 1024
    for url in _post_urls(app):
        # No CSRF token: refused before any view runs.
        response = client.post(url, data={"x": "1"})
        assert response.status_code == 400, url
        assert_secure_headers(response, url)
        response = client.post(url, data={"x": "a" * (300 * 1024)})
        assert response.status_code == 413, url
        assert_secure_headers(response, url)


@pytest.mark.parametrize(("method", "status"), [("get", 404), ("post", 404), ("put", 404)])
def test_unknown_pages_carry_the_headers(client, method, status):
    response = getattr(client, method)("/no-such-page")
    assert response.status_code == status
    assert_secure_headers(response, "/no-such-page")


def test_wrong_method_carries_the_headers(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert_secure_headers(response, "/healthz")


def test_unexpected_error_and_database_outage_pages_carry_the_headers(app, client):
    def broken():
        raise RuntimeError("boom")

    def database_down():
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError())

    app.add_url_rule("/test-broken", view_func=broken)
    app.add_url_rule("/test-database-down", view_func=database_down)
    for url, status in [("/test-broken", 500), ("/test-database-down", 503)]:
        response = client.get(url)
        assert response.status_code == status
        assert_secure_headers(response, url)


def test_static_files_carry_the_headers_but_may_be_cached(client):
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200
        assert_secure_headers(response, "/static/css/app.css")
        assert response.headers.get("Cache-Control") != "no-store"
