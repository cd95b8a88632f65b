"""Load test: many simulated clients complete intakes against gunicorn on loopback.

    python loadtest/run.py [--short] [--database-url URL] [--users N] [--run-time 60s]

Starts gunicorn on a free 127.0.0.1 port over a fresh database (a temporary SQLite file, or
a PostgreSQL database whose name starts with "loadtest", emptied first), runs locust
headless, bounded in time (--run-time) and in count (--max-intakes), then checks that the
database holds exactly the submissions the clients saw confirmed: nothing lost, nothing
duplicated, none half-saved. Prints one JSON object; exits non-zero when a check fails.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.db import make_engine  # noqa: E402
from intake.migrate import upgrade  # noqa: E402
from intake.models import Assessment, Consent, Draft, Photo, Submission  # noqa: E402
from loadtest.server import BIN, gunicorn  # noqa: E402

SHORT = {"users": 10, "spawn_rate": 5, "run_time": "20s", "max_intakes": 400}
FULL = {"users": 50, "spawn_rate": 10, "run_time": "60s", "max_intakes": 5000}


def _fresh_database(url: str) -> None:
    """Empty and migrate the database; refuse any PostgreSQL database not meant for this."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        name = make_url(url).database or ""
        if not name.startswith("loadtest"):
            raise SystemExit(f"refusing to empty database {name!r}: its name must start loadtest")
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    engine.dispose()


def _run_locust(options, base_url: str, folder: Path) -> tuple[int, Path]:
    completed = folder / "completed.txt"
    env = os.environ | {
        "LOADTEST_COMPLETED_FILE": str(completed),
        "LOADTEST_MAX_INTAKES": str(options.max_intakes),
    }
    command = [
        str(BIN / "locust"),
        "--locustfile",
        str(ROOT / "loadtest" / "locustfile.py"),
        "--headless",
        "--host",
        base_url,
        "--users",
        str(options.users),
        "--spawn-rate",
        str(options.spawn_rate),
        "--run-time",
        options.run_time,
        # Clients in the middle of an intake finish it when time is up, so every submission
        # the server accepted was also seen confirmed by its client.
        "--stop-timeout",
        "60",
        "--csv",
        str(folder / "locust"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    with open(folder / "locust.log", "w") as log:
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=log, check=False)  # noqa: S603
    completed.touch()
    return result.returncode, completed


def _read_stats(folder: Path) -> dict:
    steps = {}
    total = {}
    if not (folder / "locust_stats.csv").exists():
        # Locust stopped before measuring anything (its file failed to load, say): say why.
        raise SystemExit("locust wrote no statistics:\n" + (folder / "locust.log").read_text())
    with open(folder / "locust_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            figures = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "requests_per_second": round(float(row["Requests/s"]), 2),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"]),
            }
            if row["Name"] == "Aggregated":
                total = figures
            else:
                steps[row["Name"]] = figures
    errors = []
    failures = folder / "locust_failures.csv"
    if failures.exists():
        with open(failures, newline="") as rows:
            errors = [
                {"step": row["Name"], "error": row["Error"], "count": int(row["Occurrences"])}
                for row in csv.DictReader(rows)
            ]
    return {"total": total, "steps": steps, "errors": errors}


def check_database(database_url: str, confirmed: list[str]) -> dict:
    """Compare the stored submissions with the references clients saw; find half-saved ones."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        stored = list(connection.scalars(select(Submission.reference)))
        without_assessment = connection.scalar(
            select(func.count())
            .select_from(Submission)
            .where(~select(Assessment.id).where(Assessment.submission_id == Submission.id).exists())
        )
        without_consent = connection.scalar(
            select(func.count())
            .select_from(Submission)
            .where(~select(Consent.id).where(Consent.submission_id == Submission.id).exists())
        )
        drafts_submitted = connection.scalar(
            select(func.count(func.distinct(Draft.submission_id))).where(
                Draft.submission_id.is_not(None)
            )
        )
        photos_sent = connection.scalar(
            select(func.count()).select_from(Photo).where(Photo.submission_id.is_not(None))
        )
        # Sent photos must belong to an intake whose photo consent was given, and none may
        # be left on the draft of an intake already sent.
        photos_without_consent = connection.scalar(
            select(func.count())
            .select_from(Photo)
            .where(
                Photo.submission_id.is_not(None),
                ~select(Consent.id)
                .where(
                    Consent.submission_id == Photo.submission_id,
                    Consent.kind == "photos",
                    Consent.given.is_(True),
                )
                .exists(),
            )
        )
        photos_left_on_sent_drafts = connection.scalar(
            select(func.count())
            .select_from(Photo)
            .join(Draft, Draft.id == Photo.draft_id)
            .where(Draft.submission_id.is_not(None))
        )
    engine.dispose()
    lost = sorted(set(confirmed) - set(stored))
    unconfirmed = sorted(set(stored) - set(confirmed))
    findings = {
        "confirmed_to_clients": len(confirmed),
        "stored": len(stored),
        "lost": lost,
        "stored_but_never_confirmed": unconfirmed,
        "confirmed_twice": sorted({ref for ref in confirmed if confirmed.count(ref) > 1}),
        "without_assessment": without_assessment,
        "without_consent": without_consent,
        "drafts_linked_to_a_submission": drafts_submitted,
        "photos_sent": photos_sent,
        "photos_without_consent": photos_without_consent,
        "photos_left_on_sent_drafts": photos_left_on_sent_drafts,
    }
    findings["ok"] = (
        not lost
        and not unconfirmed
        and not findings["confirmed_twice"]
        and len(stored) == len(set(stored))
        and without_assessment == 0
        and without_consent == 0
        and drafts_submitted == len(stored)
        and photos_without_consent == 0
        and photos_left_on_sent_drafts == 0
    )
    return findings


def main(argv: list[str] | None = None) -> int:
    """Run the load test and print its figures and checks as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="the CI mode: few users, 20 s")
    parser.add_argument("--database-url", help="default: a fresh temporary SQLite file")
    parser.add_argument("--users", type=int)
    parser.add_argument("--spawn-rate", type=float)
    parser.add_argument("--run-time", help="e.g. 60s, 2m")
    parser.add_argument("--max-intakes", type=int, help="stop starting intakes after this many")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    options = parser.parse_args(argv)
    for name, value in (SHORT if options.short else FULL).items():
        if getattr(options, name) is None:
            setattr(options, name, value)

    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        folder = Path(tmp)
        database_url = options.database_url or f"sqlite:///{folder / 'loadtest.db'}"
        _fresh_database(database_url)
        with gunicorn(database_url, folder / "gunicorn.log", options.workers) as server:
            started = time.perf_counter()
            locust_exit, completed = _run_locust(options, server.base_url, folder)
            elapsed = time.perf_counter() - started
        confirmed = completed.read_text().split()
        stats = _read_stats(folder)
        database = check_database(database_url, confirmed)
        # Gunicorn's own start and stop lines are [INFO]; anything else is a problem to show.
        server_errors = [
            line
            for line in (folder / "gunicorn.log").read_text().splitlines()
            if line.strip() and "[INFO]" not in line
        ]
        report = {
            "database": make_url(database_url).get_backend_name(),
            "gunicorn_workers": options.workers,
            "users": options.users,
            "run_time": options.run_time,
            "max_intakes": options.max_intakes,
            "seconds": round(elapsed, 1),
            "intakes_completed": len(confirmed),
            "intakes_per_minute": round(len(confirmed) / elapsed * 60, 1),
            "requests_per_second": stats["total"].get("requests_per_second"),
            "latency_ms": {k: stats["total"].get(k) for k in ("p50_ms", "p95_ms", "p99_ms")},
            "steps": stats["steps"],
            "errors": stats["errors"],
            "server_errors": server_errors[:20],
            "database_check": database,
        }
        if locust_exit not in (0, 1):
            report["locust_log"] = (folder / "locust.log").read_text()[-3000:]
    report["ok"] = (
        locust_exit == 0
        and not report["errors"]
        and not server_errors
        and database["ok"]
        and len(confirmed) > 0
    )
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
