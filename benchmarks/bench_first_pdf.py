"""Time what a specialist waits for an intake's PDF they never opened before, over real HTTP.

Run `python -m benchmarks first_pdf [--quick]` from the repository root; it prints JSON.
The load test's server (gunicorn, two sync workers, on loopback) serves a fresh SQLite
database. Clients send intakes through the forms as a phone would; the server prepares
their PDFs however the app does it after a submission (nothing here asks it to); then a
specialist signs in and clicks each intake's PDF once, timed from the request to the last
byte. Whether each click found a stored render or rendered on demand is read from the
database just before it, as an observer: the benchmark relies on HTTP alone. The goal:
p95 at most 50 ms. `run(quick=False)` returns the figures.
"""

import json
import math
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import create_app
from intake.db import make_engine
from intake.migrate import upgrade
from intake.models import PdfDocument, Submission, User
from intake.passwords import hash_password
from intake.questionnaire import STEPS
from loadtest.server import gunicorn
from tests.support.factories import full_answers
from tests.support.forms import csrf_token
from tests.support.http_client import HttpClient

GOAL_P95_MS = 50
PASSWORD = "benchmark lantern orchard 42"
REFERENCE = re.compile(r'class="reference">\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*<')
# How long the server may take to prepare the PDFs after the last intake is sent, before
# the specialist starts clicking anyway (and the clicks then show the on-demand renders).
PREPARE_SECONDS_PER_INTAKE = 3.0


def _send_intake(base_url: str, answers: dict) -> str:
    """Complete one intake as a client's phone does; return its reference."""
    client = HttpClient(base_url)
    client.start()
    client.answer_all(answers, STEPS)
    done = client.get("/intake/done")
    assert done.status_code == 200, done.status_code
    return REFERENCE.search(done.text).group(1)


def _stored(engine, references: list[str]) -> set[str]:
    """Return the references with a stored PDF (a read, beside the server's own work)."""
    with Session(engine) as session:
        rows = session.execute(
            select(Submission.reference)
            .join(PdfDocument, PdfDocument.submission_id == Submission.id)
            .where(Submission.reference.in_(references), PdfDocument.content.is_not(None))
        )
        return {reference for (reference,) in rows}


def _wait_for_preparation(engine, references: list[str]) -> float | None:
    """Wait until every intake's PDF is stored; return the seconds it took, None if never."""
    began = time.perf_counter()
    deadline = began + PREPARE_SECONDS_PER_INTAKE * len(references)
    while time.perf_counter() < deadline:
        if len(_stored(engine, references)) == len(references):
            return time.perf_counter() - began
        time.sleep(0.05)
    return None


def _add_specialist(url: str, instance: str) -> None:
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url}, instance_path=instance)
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        session.add(
            User(username="bench", display_name="Bench", password_hash=hash_password(PASSWORD))
        )
        session.commit()
    app.extensions["db_engine"].dispose()


def _specialist(base_url: str) -> HttpClient:
    client = HttpClient(base_url)
    token = csrf_token(client.get("/specialist/sign-in").text)
    signed_in = client.post(
        "/specialist/sign-in",
        {"csrf_token": token, "username": "bench", "password": PASSWORD},
    )
    assert signed_in.status_code == 303, "benchmark sign-in failed"
    # A specialist clicks from the dashboard: each worker has served it once already.
    for _ in range(2):
        assert client.get("/specialist/").status_code == 200
    return client


def _click_ms(client: HttpClient, reference: str) -> float:
    """Ask for the PDF and read it to the last byte; return the milliseconds it took."""
    began = time.perf_counter()
    response = client.get(f"/specialist/intakes/{reference}/summary.pdf")
    body = response.content
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200 and body.startswith(b"%PDF"), response.status_code
    return elapsed


def _percentile(samples: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile: the value a share ``fraction`` of samples reach."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def run(quick: bool = False) -> dict:
    """Send intakes, let the server prepare them, and time a specialist's first clicks."""
    intakes = 4 if quick else 40
    today = datetime.now(ZoneInfo("Asia/Kolkata")).date()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'first_pdf.db'}"
        engine = make_engine(url)
        upgrade(engine)
        _add_specialist(url, folder)
        with gunicorn(url, Path(folder) / "gunicorn.log", workers=2) as server:
            began = time.perf_counter()
            references = [
                _send_intake(server.base_url, full_answers(today)) for _ in range(intakes)
            ]
            sending = time.perf_counter() - began
            prepared_in = _wait_for_preparation(engine, references)
            client = _specialist(server.base_url)
            waits, stored = [], 0
            for reference in references:
                stored += reference in _stored(engine, [reference])
                waits.append(_click_ms(client, reference))
        engine.dispose()
    p95 = _percentile(waits, 0.95)
    return {
        "intakes": intakes,
        "server": "gunicorn, 2 sync workers, SQLite (loadtest/server.py)",
        "seconds_to_send_all": round(sending, 1),
        # After the last intake was sent: how long until every PDF was stored by the server.
        "prepared_within_seconds": None if prepared_in is None else round(prepared_in, 2),
        "first_click_ms": {
            "p50": round(statistics.median(waits), 1),
            "p95": round(p95, 1),
            "max": round(max(waits), 1),
        },
        "served_stored": stored,
        "rendered_on_demand": intakes - stored,
        "goal": f"p95 <= {GOAL_P95_MS} ms",
        "goal_met": p95 <= GOAL_P95_MS,
    }


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
