"""The app's foundation: configuration layers, secret key, schema, headers, error pages."""

import os
import re

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from intake import create_app
from intake.models import Base


def test_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("INTAKE_SECRET_KEY", raising=False)
    config = {"DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", "SECRET_KEY": None}
    first = create_app(config, instance_path=str(tmp_path / "instance"))
    key_file = tmp_path / "instance" / "secret_key"
    assert len(first.config["SECRET_KEY"]) == 64
    assert key_file.read_text().strip() == first.config["SECRET_KEY"]
    assert oct(os.stat(key_file).st_mode & 0o777) == "0o600"
    second = create_app(config, instance_path=str(tmp_path / "instance"))
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_environment_overrides_defaults_and_test_config_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("INTAKE_CLINIC_NAME", "Env Clinic")
    monkeypatch.setenv("INTAKE_RESUME_TOKEN_DAYS", "3")
    config = {"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}"}
    app = create_app(config, instance_path=str(tmp_path))
    assert app.config["CLINIC_NAME"] == "Env Clinic"
    assert app.config["RESUME_TOKEN_DAYS"] == 3
    app = create_app(config | {"CLINIC_NAME": "Test"}, instance_path=str(tmp_path))
    assert app.config["CLINIC_NAME"] == "Test"


def test_migrations_match_the_models(app):
    with app.extensions["db_engine"].connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_unknown_page_is_a_friendly_404_with_security_headers(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert b"We could not find that page" in response.data
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_init_db_command_reports_up_to_date(runner):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "up to date" in result.output


def test_every_page_names_an_icon_that_is_served(client):
    # Without one, browsers ask for /favicon.ico on every visit and log a 404.
    for url in ("/", "/no-such-page", "/specialist/sign-in"):
        page = client.get(url).text
        found = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
        assert found, url
    with client.get(found.group(1)) as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
        assert icon.data.startswith(b"<svg")
