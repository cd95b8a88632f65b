"""A served run under gunicorn, logging everything, never logs what a client typed.

Every field of every step carries a unique marker: first as invalid values (so validation,
CSRF and size errors handle it), then as a complete intake whose free-text answers hold
it. The marker must reach the database (so it was really sent) and never any log line:
gunicorn's access and error logs, and every application logger at DEBUG. Then the same
with a database that fails at the very moment a step's answers are committed.
"""

import json
import re
import secrets

from sqlalchemy import select

from intake.models import Submission
from intake.questionnaire import STEPS
from loadtest.server import gunicorn
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers
from tests.support.forms import main_form
from tests.support.http_client import HttpClient

FREE_TEXT = ("text", "textarea", "email", "tel")
DATE_PART = re.compile(r"-(day|month|year)$")


def _logging_config(path) -> str:
    """Write a gunicorn config sending every logger, at DEBUG, to the captured output."""
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    everything = {"level": "DEBUG", "handlers": ["all"], "propagate": False}
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
        "handlers": {"all": handler},
        "root": {"level": "DEBUG", "handlers": ["all"]},
        "loggers": {
            "gunicorn.error": everything,
            "gunicorn.access": everything,
            # SQL echo (statements with their parameters) is a debugging switch that no
            # deployment turns on; it is the one logger left at its usual level.
            "sqlalchemy": {"level": "WARNING"},
        },
    }
    path.write_text(f"logconfig_dict = {config!r}\naccesslog = '-'\nloglevel = 'debug'\n")
    return str(path)


def _marked(kind: str, marker: str, digits: str) -> str:
    if kind == "tel":
        return digits
    if kind == "email":
        return f"{marker}@example.com"
    return f"Note {marker}"


def test_marker_in_every_field_never_reaches_the_logs(app, tmp_path):
    marker = f"zq{secrets.token_hex(8)}"
    digits = "98" + "".join(secrets.choice("0123456789") for _ in range(8))
    log_path = tmp_path / "gunicorn.log"
    options = ("--config", _logging_config(tmp_path / "gunicorn_logging.py"))
    with gunicorn(app.config["DATABASE_URL"], log_path, 1, options) as server:
        client = HttpClient(server.base_url)
        client.start()

        # Pass 1: the marker as every field's value, valid or not, and with broken requests.
        for step in STEPS:
            form = main_form(client.get(f"/intake/{step}").text)
            data = {
                name: _marked(field.kind, marker, digits) if field.kind in FREE_TEXT else marker
                for name, field in form.fields.items()
                if name not in ("csrf_token", "shown")
            }
            token = form.fields["csrf_token"].values[0]
            shown = form.fields["shown"].options if "shown" in form.fields else []
            assert client.post(
                f"/intake/{step}", {**data, "shown": shown, "csrf_token": token, "next": "1"}
            ).status_code in (200, 302)
            # No token, and a body too large: refused, with the marker in the request.
            assert client.post(f"/intake/{step}", data).status_code == 400
            huge = {**data, "csrf_token": token, "full_name": marker * 30_000}
            assert client.post(f"/intake/{step}", huge).status_code == 413
        # A resume link is a secret too: one that does not exist must not be logged either.
        assert client.get(f"/resume/{marker}").status_code == 404

        # Pass 2: a complete intake whose every free-text answer carries the marker.
        answers = full_answers(clinic_today())
        for step in STEPS:
            form = main_form(client.get(f"/intake/{step}").text)
            data = dict(answers[step])
            for name, field in form.fields.items():
                if field.kind in FREE_TEXT and not DATE_PART.search(name) and name in data:
                    data[name] = _marked(field.kind, marker, digits)
            shown = form.fields["shown"].options if "shown" in form.fields else []
            response = client.post(
                f"/intake/{step}", {**form.hidden(), **data, "shown": shown, "next": "1"}
            )
            assert response.status_code == 302, (step, response.text[:2000])
        assert client.get("/intake/done").status_code == 200

    # The marker really went in: the submission holds it.
    with app.extensions["db_sessionmaker"]() as session:
        stored = json.dumps(session.scalars(select(Submission.answers)).one())
    assert marker in stored and digits in stored
    logs = log_path.read_text(encoding="utf-8", errors="replace")
    # The logs are really captured: the access log saw the posts.
    assert "POST /intake/review" in logs
    assert marker not in logs.lower()
    assert digits not in logs


def test_a_commit_that_fails_logs_no_answers_and_asks_the_client_to_retry(
    proxied_database_url, database_proxy, tmp_path
):
    marker = f"zq{secrets.token_hex(8)}"
    log_path = tmp_path / "gunicorn.log"
    options = ("--config", _logging_config(tmp_path / "gunicorn_logging.py"))
    with gunicorn(proxied_database_url, log_path, 1, options) as server:
        client = HttpClient(server.base_url)
        client.start()
        data = client.step_data("about", {"full_name": f"Note {marker}"})
        # The step's answers reach the database only in the UPDATE its commit flushes.
        database_proxy.cut_on(b"UPDATE drafts")
        response = client.post("/intake/about", data)
        database_proxy.restore()

    assert response.status_code == 503
    assert "Your earlier answers are saved. Please try again shortly." in response.text
    logs = log_path.read_text(encoding="utf-8", errors="replace")
    assert "database unavailable" in logs
    assert marker not in logs.lower()
