"""The database goes away mid-journey: the client is told to try again shortly, nothing is lost."""

import pytest


@pytest.mark.postgres_only
def test_health_check_follows_the_database_down_and_back(proxied_app, database_proxy):
    client = proxied_app.test_client()
    assert client.get("/healthz").status_code == 200
    database_proxy.cut()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"try again shortly" in response.data
    database_proxy.restore()
    assert client.get("/healthz").status_code == 200
