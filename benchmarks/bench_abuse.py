"""Database growth per abusive request: one address scripting journeys with the largest answers.

Run `python -m benchmarks.bench_abuse [--quick]` from the repository root; it prints JSON.
A script starts drafts and saves steps whose free text fills the request limit, from one
address, with the default per-address limits. The figures: how many requests were
accepted and refused, the database's growth per accepted and per refused request and per
draft, and so what one address can add in an hour with these answers.
"""

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

from intake import create_app
from intake.migrate import upgrade
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token

ADDRESS = {"REMOTE_ADDR": "203.0.113.66"}


def _size(path: Path) -> int:
    """Return the database file's size with its write-ahead log folded in."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


def _largest_answers(app) -> dict[str, dict]:
    """A journey's answers with every free-text answer as long as one request may carry."""
    answers = full_answers(clinic_today())
    room = app.config["MAX_CONTENT_LENGTH"] - 16 * 1024  # the rest of the form, with margin
    answers["skin"] = {**answers["skin"], "goals": "x" * room}
    return answers


def run(quick: bool = False) -> dict:
    """Script abusive journeys from one address and measure what the database kept."""
    requests = 400 if quick else 2_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "abuse.db"
        app = create_app(
            {"SECRET_KEY": "benchmark", "DATABASE_URL": f"sqlite:///{path}"},
            instance_path=folder,
        )
        upgrade(app.extensions["db_engine"])
        answers = _largest_answers(app)
        sent = accepted = refused = drafts = 0
        refused_growth = 0
        while sent < requests:
            client = app.test_client()
            client.environ_base.update(ADDRESS)
            intake = Intake(client)
            for step in (None, "about", "skin", "skin", "skin"):
                before = _size(path)
                if step is None:
                    page = client.get("/")
                    response = client.post("/start", data={"csrf_token": csrf_token(page.text)})
                else:
                    response = intake.post(step, answers[step], button="save")
                sent += 1
                if response.status_code == 429:
                    refused += 1
                    refused_growth += _size(path) - before
                else:
                    accepted += 1
                    drafts += step is None
                if step is None and response.status_code == 429:
                    break
        growth = _size(path) - _empty_size(app, folder)
        app.extensions["db_engine"].dispose()
    per_accepted = growth / max(accepted, 1)
    per_draft = growth / max(drafts, 1)
    return {
        "requests_sent": sent,
        "accepted": accepted,
        "refused_429": refused,
        "database_growth_bytes": growth,
        "growth_per_accepted_request_bytes": round(per_accepted),
        "growth_per_refused_request_bytes": round(refused_growth / max(refused, 1)),
        "growth_per_draft_bytes": round(per_draft),
        "limits_per_address_per_hour": {
            "drafts": app.config["DRAFTS_PER_ADDRESS_PER_HOUR"],
            "saves": app.config["SAVES_PER_ADDRESS_PER_HOUR"],
        },
        # Saves overwrite a step's answers, so what one address keeps grows with its drafts.
        "one_address_per_hour_at_these_answers_mib": round(
            per_draft * app.config["DRAFTS_PER_ADDRESS_PER_HOUR"] / 2**20, 1
        ),
    }


def _empty_size(app, folder: str) -> int:
    """Return the size of a freshly migrated database, the baseline growth is counted from."""
    path = Path(folder) / "empty.db"
    empty = create_app(
        {"SECRET_KEY": "benchmark", "DATABASE_URL": f"sqlite:///{path}"}, instance_path=folder
    )
    upgrade(empty.extensions["db_engine"])
    empty.extensions["db_engine"].dispose()
    return _size(path)


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
