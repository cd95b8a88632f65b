"""Error pages under /specialist/ are English, whatever language a client chose in the browser."""

import pytest

from tests.support.forms import csrf_token

BENGALI = {"Accept-Language": "bn", "Accept": "text/html"}


@pytest.fixture
def bengali_client(client):
    """A browser whose client journey runs in Bengali, chosen with the language switch."""
    page = client.get("/", headers=BENGALI)
    token = csrf_token(page)
    response = client.post("/language", data={"csrf_token": token, "lang": "bn", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="bn">' in client.get("/no-such-page").get_data(as_text=True)
    return client


def _english_error(response, status: int) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert '<html lang="en">' in html
    assert f"Error code: {status}" in html
    # The client's language switch has no place on the specialist side.
    assert 'action="/language"' not in html


def test_unknown_specialist_url_is_an_english_404(bengali_client):
    _english_error(bengali_client.get("/specialist/no-such-page", headers=BENGALI), 404)


def test_wrong_method_on_a_specialist_url_is_an_english_405(bengali_client):
    _english_error(bengali_client.delete("/specialist/sign-in", headers=BENGALI), 405)


def test_a_refused_csrf_token_on_the_specialist_side_is_english(bengali_client):
    _english_error(bengali_client.post("/specialist/sign-out", headers=BENGALI), 400)


def test_an_unknown_intake_is_an_english_404(signed_in):
    with signed_in.session_transaction() as session:
        session["lang"] = "bn"
    _english_error(signed_in.get("/specialist/intakes/ZZZZ-ZZZZ", headers=BENGALI), 404)


def test_client_error_pages_still_follow_the_client_language(bengali_client):
    html = bengali_client.get("/intake/no-such-step", headers=BENGALI).get_data(as_text=True)
    assert '<html lang="bn">' in html
    assert 'action="/language"' in html
