"""Time the day's board with 200 visits a day, beside 1,000 and beside 100,000 intakes.

Run `python -m benchmarks.bench_board [--quick]` from the repository root; it prints JSON.
Each size gets its own fresh database (SQLite files; PostgreSQL databases `bench_board_<size>`
on INTAKE_BENCH_POSTGRES_URL's server, created and dropped here). Both hold the same visits:
200 a day for five days, most with an intake; only the number of intakes differs. The board
for tomorrow is fetched as a specialist (outcomes and reasons) and as the front desk,
alternating between the two sizes; each figure is a median. The goal: at 100,000 intakes
no more than 1.5 times the time at 1,000. `run(quick=False)` returns the figures.
"""

import json
import os
import statistics
import sys
import tempfile
from datetime import timedelta

from sqlalchemy.engine import make_url

from benchmarks.bench_dashboard import (
    DAYS,
    GOAL_RATIO,
    VISITS_PER_DAY,
    WITH_INTAKE,
    first_day,
    on_postgresql,
    on_sqlite,
    row_templates,
    seed,
    seed_visits,
    settle,
    time_ms,
)
from benchmarks.bench_dashboard import (
    POSTGRES_URL as DASHBOARD_POSTGRES_URL,
)
from intake import create_app
from intake.db import make_engine
from intake.migrate import upgrade
from intake.models import User
from intake.passwords import hash_password
from tests.support.workspace import sign_in

# The server INTAKE_BENCH_POSTGRES_URL names; this benchmark's databases are its own.
POSTGRES_URL = str(
    make_url(os.environ.get("INTAKE_BENCH_POSTGRES_URL", DASHBOARD_POSTGRES_URL)).set(
        database="bench_board"
    )
)
PASSWORD = "benchmark lantern orchard 42"
ROLES = ("specialist", "front_desk")


def _clients(app) -> dict:
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        for role in ROLES:
            session.add(
                User(
                    username=role,
                    display_name=role,
                    password_hash=hash_password(PASSWORD),
                    role=role,
                )
            )
        session.commit()
        session.close()
    clients = {}
    for role in ROLES:
        client = app.test_client()
        response = sign_in(client, role, PASSWORD)
        assert response.status_code == 303, "benchmark sign-in failed"
        clients[role] = client
    return clients


def _prepare(url: str, size: int, instance: str) -> dict:
    engine = make_engine(url)
    upgrade(engine)
    seed(engine, 0, size, row_templates())
    visits = seed_visits(engine, size)
    settle(engine)
    engine.dispose()
    app = create_app(
        {"SECRET_KEY": "bench", "DATABASE_URL": url, "ARGON2_PROFILE": "cheap"},
        instance_path=instance,
    )
    return {"app": app, "clients": _clients(app), "visits": visits}


def _board_url() -> str:
    return f"/specialist/visits?day={first_day() + timedelta(days=1)}"


def _rows_shown(client) -> int:
    rows = client.get(_board_url()).get_data(as_text=True).count('class="board-row')
    assert rows == VISITS_PER_DAY, f"the board shows {rows} visits"
    return rows


def _bench(urls: tuple[str, str], sizes: tuple[int, int], repeats: int) -> dict:
    medians: dict = {str(size): {} for size in sizes}
    with tempfile.TemporaryDirectory() as instance:
        prepared = [_prepare(url, size, instance) for url, size in zip(urls, sizes, strict=True)]
        for role in ROLES:
            clients = [p["clients"][role] for p in prepared]
            for client in clients:
                _rows_shown(client)
            samples: list[list[float]] = [[], []]
            for _ in range(3):
                for client in clients:
                    time_ms(client, _board_url())
            for _ in range(repeats):
                for which, client in enumerate(clients):
                    samples[which].append(time_ms(client, _board_url()))
            for size, taken in zip(sizes, samples, strict=True):
                medians[str(size)][role] = round(statistics.median(taken), 2)
        for p in prepared:
            p["app"].extensions["db_engine"].dispose()
    small, large = (medians[str(size)] for size in sizes)
    ratio = {role: round(large[role] / small[role], 2) for role in ROLES}
    return {
        "median_ms": medians,
        "ratio": ratio,
        "goal_met": {role: value <= GOAL_RATIO for role, value in ratio.items()},
    }


def run(quick: bool = False) -> dict:
    """Seed intakes and visits, sign in, and time the board; return medians and ratios."""
    sizes = (1_000, 10_000) if quick else (1_000, 100_000)
    repeats = 10 if quick else 30
    return {
        "sizes": list(sizes),
        "visits": f"{VISITS_PER_DAY} a day for {DAYS} days, {WITH_INTAKE} a day with an intake",
        "repeats": repeats,
        "goal": f"median at {sizes[1]:,} intakes <= {GOAL_RATIO} x median at {sizes[0]:,}",
        "page": "/specialist/visits?day=<tomorrow>, as a specialist and as the front desk",
        "sqlite": on_sqlite(sizes, _bench, repeats),
        "postgresql": on_postgresql(POSTGRES_URL, sizes, _bench, repeats),
    }


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
