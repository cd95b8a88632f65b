"""Time the specialist dashboard with 1,000 and with 100,000 intakes, on SQLite and PostgreSQL.

Run `python -m benchmarks.bench_dashboard [--quick]` from the repository root; it prints JSON.
Each size gets its own fresh database (temporary SQLite files; PostgreSQL databases
`bench_dashboard_<size>`, created and dropped here, on INTAKE_BENCH_POSTGRES_URL's server).
The dashboard is fetched through the app as a signed-in specialist, alternating between
the two sizes so that load from elsewhere on the machine affects both alike; each figure
is the median of repeated requests. The goal: at 100,000 intakes no more than 1.5 times
the time at 1,000. `run(quick=False)` returns the figures to a runner.

`--alternate CHECKOUT` times a change instead: one database per engine seeded once, and the
first page timed by this checkout's code and CHECKOUT's (say a worktree of main) in turn,
each round in a fresh process per checkout (benchmarks/dashboard_first_page.py), so load
from elsewhere falls on both alike.
"""

import argparse
import copy
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of_day
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, create_engine, insert, text, update
from sqlalchemy.engine import make_url

from intake import create_app
from intake.db import make_engine
from intake.facts import facts_from_answers
from intake.migrate import upgrade
from intake.models import Appointment, Assessment, Submission, SubmissionConcern, User
from intake.passwords import hash_password
from intake.review_state import review_urgency, urgent_titles
from intake.rules import get_ruleset
from intake.submission import REFERENCE_ALPHABET, name_key
from tests.support.forms import csrf_token
from tests.support.workspace import sign_in

POSTGRES_URL = os.environ.get(
    "INTAKE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench_dashboard"
)
GOAL_RATIO = 1.5
# Each page: its query string, and the text posted in the search box first, if any (the
# dashboard keeps a search server-side, so names never sit in a URL).
PAGES = {
    "first_page": ("", None),
    # Two filters at once: an outcome and a concern (the concern is an EXISTS on its table).
    "filtered": ("outcome=needs_specialist_review&concern=pigmentation", None),
    "status_new": ("status=new", None),
    "reference_search": ("", None),  # searches a stored reference once seeded
    # About 1 in 30 names: a full page at both sizes.
    "name_search": ("", "priya"),
    # About 1 in 300: a few rows at 1,000 but a full page at 100,000, so this ratio
    # mostly measures rendering more rows; the query reads only the matching index range.
    "name_search_narrow": ("", "priya d"),
}
FIRST = ["Priya", "Asha", "Rina", "Meera", "Ananya", "Sudipta", "Mou", "Tania", "Riya", "Puja",
         "Sneha", "Arpita", "Moumita", "Payel", "Soma", "Ruma", "Nandini", "Debjani", "Ishita",
         "Sanchita", "Rahul", "Arjun", "Sourav", "Amit", "Rohan", "Kunal", "Aniket", "Sayan",
         "Ritwik", "Abhishek"]  # fmt: skip
LAST = ["Das", "Roy", "Sen", "Ghosh", "Bose", "Dutta", "Mukherjee", "Banerjee", "Chatterjee",
        "Saha", "Paul", "Mondal", "Sarkar", "Biswas", "Halder", "Chakraborty", "Pal", "Nandi",
        "Kar", "Majumdar"]  # fmt: skip
OUTCOMES = ["suitable", "suitable_with_precautions", "needs_specialist_review", "not_suitable"]
CONCERNS = ["wrinkles", "acne_scars", "pigmentation", "enlarged_pores", "texture"]
STATUSES = ["new", "viewed", "decided", "consultation", "re_review"]
PASSWORD = "benchmark lantern orchard 42"
# Visits from today: the dashboard lists intakes with a visit to come before the others.
VISITS_PER_DAY = 200
DAYS = 5
# Of each day's visits, how many have an intake attached (the rest are still invited).
WITH_INTAKE = 130
ZONE = ZoneInfo("Asia/Kolkata")


def first_day() -> date:
    """Return today in the clinic, the first day of the seeded visits."""
    return datetime.now(ZONE).date()


def seed_visits(engine, intakes: int) -> int:
    """Insert 200 visits a day from today for five days; link most to distinct intakes."""
    rows = []
    # Spread the linked intakes over the whole table, as real visits would be.
    linked = iter(range(0, intakes, intakes // (DAYS * WITH_INTAKE)))
    now = datetime.now(UTC)
    for offset in range(DAYS):
        day = first_day() + timedelta(days=offset)
        for slot in range(VISITS_PER_DAY):
            start = datetime.combine(day, time_of_day(9), ZONE) + timedelta(minutes=3 * slot)
            has_intake = slot < WITH_INTAKE
            rows.append(
                {
                    "client_name": f"Client {offset}-{slot}",
                    "mobile": f"+91983{offset:02d}{slot:05d}",
                    "language": "bn",
                    "starts_at": start.astimezone(UTC),
                    "visit_date": day,
                    "service": "microneedling",
                    "status": "intake_sent" if has_intake else "invited",
                    "submission_id": next(linked) if has_intake else None,
                    "invitation_hash": f"{offset:02d}{slot:062d}",
                    "created_at": now,
                    "updated_at": now,
                }
            )
    submissions = Submission.__table__
    # The app keeps each intake's visit start on its row (see Appointment._keep_visit_at).
    visit_at = (
        update(submissions)
        .where(submissions.c.id == bindparam("intake"))
        .values(visit_at=bindparam("visit"))
    )
    linked_rows = [
        {"intake": row["submission_id"], "visit": row["starts_at"]}
        for row in rows
        if row["submission_id"] is not None
    ]
    with engine.begin() as connection:
        connection.execute(insert(Appointment), rows)
        connection.execute(visit_at, linked_rows)
    return len(rows)


# One realistic intake's answers, facts and assessment, copied into every seeded row.
ANSWERS = {
    "about": {"full_name": "", "date_of_birth": "1991-04-12", "sex": "female",
              "phone": "98300 00000", "email": "client@example.com"},
    "skin": {"concerns": ["acne_scars", "pigmentation"], "acne_scars_areas": ["cheeks"],
             "acne_scars_types": ["ice_pick", "rolling"], "acne_scars_main_type": "rolling",
             "acne_scars_visibility": "visible_flatten", "pigmentation_areas": ["cheeks"],
             "pigmentation_type": "melasma", "sun_reaction": "rarely_burns_tans_easily"},
    "health": {"pregnant": "no", "breastfeeding": "no", "bleeding_disorder": "no",
               "diabetes": "controlled", "cold_sores": "yes", "active_acne": "mild",
               "infection_now": "none", "moles": "none"},
    "medicines": {"isotretinoin": "never", "medicines_list": "metformin 500 mg\ncetirizine"},
    "review": {"consent_treatment_data": ["yes"], "consent_photos": "no"},
}  # fmt: skip


def row_templates() -> tuple[dict, dict]:
    facts = facts_from_answers(ANSWERS, date(2026, 11, 15))
    return facts, get_ruleset().assess(facts)


def _reference(number: int) -> str:
    # Distinct for every number below 30**8, in the journey's XXXX-XXXX shape.
    digits = []
    scrambled = (number * 7_368_787) % (len(REFERENCE_ALPHABET) ** 8)
    for _ in range(8):
        scrambled, digit = divmod(scrambled, len(REFERENCE_ALPHABET))
        digits.append(REFERENCE_ALPHABET[digit])
    return "".join(digits[:4]) + "-" + "".join(digits[4:])


def seed(engine, start: int, stop: int, templates: tuple[dict, dict]) -> float:
    """Insert intakes numbered start..stop-1 with concerns and an assessment; return seconds."""
    facts, result = templates
    reasons = urgent_titles(result)
    rng = random.Random(start)
    began = time.perf_counter()
    now = datetime.now(UTC)
    chunk = 5000
    for low in range(start, stop, chunk):
        submissions, concerns, assessments = [], [], []
        for number in range(low, min(stop, low + chunk)):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            overall = rng.choices(OUTCOMES, weights=[3, 4, 2, 1])[0]
            submitted = now - timedelta(seconds=rng.randrange(3 * 365 * 86400))
            answers = copy.deepcopy(ANSWERS)
            answers["about"]["full_name"] = name
            status = rng.choices(STATUSES, weights=[20, 10, 45, 4, 1])[0]
            submissions.append(
                {"id": number, "reference": _reference(number), "submitted_at": submitted,
                 "language": "en", "form_version": "2026-11-v1", "full_name": name,
                 "name_key": name_key(name), "date_of_birth": date(1991, 4, 12), "age": 35,
                 "answers": answers, "facts": facts, "outcome": overall, "status": status,
                 "urgency": review_urgency(status, overall), "reasons": reasons}
            )  # fmt: skip
            for concern in rng.sample(CONCERNS, rng.randint(1, 3)):
                concerns.append({"submission_id": number, "concern": concern})
            assessments.append(
                {"id": number, "submission_id": number, "created_at": submitted,
                 "rules_version": result["rules_version"], "as_of": submitted.date(),
                 "overall": overall,
                 "result": dict(result, overall=overall)}
            )  # fmt: skip
        with engine.begin() as connection:
            connection.execute(insert(Submission), submissions)
            connection.execute(insert(SubmissionConcern), concerns)
            connection.execute(insert(Assessment), assessments)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            for table in ("submissions", "assessments"):
                connection.execute(
                    text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
                )
    return time.perf_counter() - began


def _signed_in_client(app):
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        session.add(
            User(username="bench", display_name="Bench", password_hash=hash_password(PASSWORD))
        )
        session.commit()
        session.close()
    client = app.test_client()
    response = sign_in(client, "bench", PASSWORD)
    assert response.status_code == 303, "benchmark sign-in failed"
    return client


def settle(engine) -> None:
    """Finish the database's own work after seeding, so it does not run during timing."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def _prepare(url: str, size: int, instance: str) -> dict:
    engine = make_engine(url)
    upgrade(engine)
    seconds = seed(engine, 0, size, row_templates())
    seed_visits(engine, size)
    settle(engine)
    engine.dispose()
    app = create_app(
        {"SECRET_KEY": "bench", "DATABASE_URL": url, "ARGON2_PROFILE": "cheap"},
        instance_path=instance,
    )
    return {"app": app, "client": _signed_in_client(app), "seed_seconds": round(seconds, 1)}


def time_ms(client, url: str) -> float:
    began = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200, url
    return elapsed


def _rows_shown(client, url: str) -> int:
    rows = client.get(url).get_data(as_text=True).count('class="reference-link"')
    assert rows, f"{url} shows no intakes"
    return rows


def _open(client, query: str, typed: str | None) -> str:
    """Post the search, if any, as the filter form does; return the URL of the page to time."""
    if typed is None:
        return f"/specialist/?{query}".rstrip("?")
    token = csrf_token(client.get("/specialist/"))
    response = client.post("/specialist/", data={"csrf_token": token, "q": typed})
    assert response.status_code == 303, f"search for {typed!r} was refused"
    return f"/specialist/?search=1&{query}".rstrip("&")


def _compare(small: dict, large: dict, repeats: int) -> dict:
    """Time each page on both databases in alternation, so passing load hits both alike."""
    pages = dict(PAGES, reference_search=("", _reference(500).replace("-", "")))
    medians: dict = {"small": {}, "large": {}}
    rows: dict = {"small": {}, "large": {}}
    for name, (query, typed) in pages.items():
        urls = {
            "small": _open(small["client"], query, typed),
            "large": _open(large["client"], query, typed),
        }
        rows["small"][name] = _rows_shown(small["client"], urls["small"])
        rows["large"][name] = _rows_shown(large["client"], urls["large"])
        samples: dict = {"small": [], "large": []}
        for _ in range(3):
            time_ms(small["client"], urls["small"])
            time_ms(large["client"], urls["large"])
        for _ in range(repeats):
            samples["small"].append(time_ms(small["client"], urls["small"]))
            samples["large"].append(time_ms(large["client"], urls["large"]))
        for which in samples:
            medians[which][name] = round(statistics.median(samples[which]), 2)
    return medians, rows


def _bench(urls: tuple[str, str], sizes: tuple[int, int], repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as instance:
        small = _prepare(urls[0], sizes[0], instance)
        large = _prepare(urls[1], sizes[1], instance)
        medians, rows = _compare(small, large, repeats)
        for prepared in (small, large):
            prepared["app"].extensions["db_engine"].dispose()
    ratio = {name: round(medians["large"][name] / medians["small"][name], 2) for name in PAGES}
    return {
        "seed_seconds": {
            str(sizes[0]): small["seed_seconds"],
            str(sizes[1]): large["seed_seconds"],
        },
        "median_ms": {str(sizes[0]): medians["small"], str(sizes[1]): medians["large"]},
        "rows_shown": {str(sizes[0]): rows["small"], str(sizes[1]): rows["large"]},
        "ratio": ratio,
        "goal_met": {name: value <= GOAL_RATIO for name, value in ratio.items()},
    }


def on_sqlite(sizes, bench, *args) -> dict:
    """Run ``bench(urls, sizes, *args)`` on a fresh SQLite file per size."""
    with tempfile.TemporaryDirectory() as folder:
        urls = tuple(f"sqlite:///{Path(folder) / f'bench_{size}.db'}" for size in sizes)
        return bench(urls, sizes, *args)


def on_postgresql(base_url: str, sizes, bench, *args) -> dict:
    """Run ``bench(urls, sizes, *args)`` on a fresh PostgreSQL database per size, then drop them."""
    url = make_url(base_url)
    names = [f"{url.database}_{size}" for size in sizes]
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def drop_all(connection):
        for name in names:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))

    try:
        with admin.connect() as connection:
            drop_all(connection)
            for name in names:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any failure to reach PostgreSQL skips it
        admin.dispose()
        return {"skipped": f"PostgreSQL unavailable: {type(error).__name__}"}
    try:
        urls = tuple(url.set(database=name).render_as_string(hide_password=False) for name in names)
        return bench(urls, sizes, *args)
    finally:
        with admin.connect() as connection:
            drop_all(connection)
        admin.dispose()


def _first_page_by(checkout: str, url: str, repeats: int) -> dict:
    """Time the first page in a fresh process running ``checkout``'s code."""
    child = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("dashboard_first_page.py")),
            url,
            str(repeats),
        ],
        cwd=checkout,
        env=dict(os.environ, PYTHONPATH=checkout),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(child.stdout.splitlines()[-1])


def _alternate(urls, sizes, checkouts: dict[str, str], rounds: int, repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as instance:
        prepared = _prepare(urls[0], sizes[0], instance)
        prepared["app"].extensions["db_engine"].dispose()
    runs: dict = {name: [] for name in checkouts}
    load = [round(os.getloadavg()[0], 2)]
    for number in range(rounds):
        # Each checkout goes first every other round: neither always finds a warmer cache.
        order = list(checkouts) if number % 2 == 0 else list(reversed(checkouts))
        for name in order:
            runs[name].append(_first_page_by(checkouts[name], urls[0], repeats))
        load.append(round(os.getloadavg()[0], 2))
    return {
        "seed_seconds": prepared["seed_seconds"],
        "load_average_per_round": load,
        "median_ms_per_round": {name: [r["median_ms"] for r in runs[name]] for name in runs},
        "cpu_ms_per_round": {name: [r["cpu_ms"] for r in runs[name]] for name in runs},
        "median_ms": {
            name: round(statistics.median(r["median_ms"] for r in runs[name]), 2) for name in runs
        },
    }


def alternate(other: str, size: int, rounds: int, repeats: int) -> dict:
    """Time the first page at ``size`` intakes, this checkout's code and ``other``'s in turn."""
    checkouts = {
        "this": str(Path(__file__).resolve().parents[1]),
        "other": str(Path(other).resolve()),
    }
    return {
        "page": "/specialist/",
        "checkouts": checkouts,
        "size": size,
        "rounds": rounds,
        "repeats": repeats,
        "sqlite": on_sqlite((size,), _alternate, checkouts, rounds, repeats),
        "postgresql": on_postgresql(POSTGRES_URL, (size,), _alternate, checkouts, rounds, repeats),
    }


def run(quick: bool = False) -> dict:
    """Seed, sign in and time the dashboard pages; return medians, ratios and the verdict."""
    sizes = (1_000, 10_000) if quick else (1_000, 100_000)
    repeats = 10 if quick else 30
    return {
        "sizes": list(sizes),
        "repeats": repeats,
        "goal": f"median at {sizes[1]:,} <= {GOAL_RATIO} x median at {sizes[0]:,}",
        "pages": {
            name: f"/specialist/?{query}".rstrip("?")
            + (f" after searching {typed!r}" if typed else "")
            for name, (query, typed) in dict(
                PAGES, reference_search=("", "<a stored reference>")
            ).items()
        },
        "sqlite": on_sqlite(sizes, _bench, repeats),
        "postgresql": on_postgresql(POSTGRES_URL, sizes, _bench, repeats),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_dashboard")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer requests")
    parser.add_argument("--alternate", metavar="CHECKOUT", help="time this code against another")
    parser.add_argument("--size", type=int, default=100_000, help="intakes, with --alternate")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, with --alternate")
    parser.add_argument(
        "--repeats", type=int, default=30, help="requests a round, with --alternate"
    )
    args = parser.parse_args(argv)
    if args.alternate:
        result = alternate(args.alternate, args.size, args.rounds, args.repeats)
    else:
        result = run(quick=args.quick)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
