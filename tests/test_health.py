"""The health check answers only when the database does."""

from intake import create_app


def test_health_check_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.data == b"ok"


def test_health_check_is_a_503_page_when_the_database_is_unreachable(tmp_path):
    # Nothing listens on port 9 of loopback: connecting fails at once.
    app = create_app(
        {"SECRET_KEY": "x", "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/none"},
        instance_path=str(tmp_path),
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert b"try again shortly" in response.data
