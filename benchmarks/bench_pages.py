"""Page throughput through the whole app stack, each also as a ratio against a trivial route.

With INTAKE_BENCH_POSTGRES_URL set (a database whose name contains "test": its schema is
dropped), a step POST is also timed on PostgreSQL, beside SQLite's.
"""

import gc
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable

from sqlalchemy import select, text

from intake import create_app
from intake.db import make_engine
from intake.migrate import upgrade
from intake.models import Submission, User
from intake.passwords import hash_password
from intake.questionnaire import QUESTION_STEPS
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token
from tests.support.workspace import sign_in

TRIVIAL = "/healthz"
INTAKES = 30  # more than one dashboard page
PASSWORD = "benchmark lantern orchard 42"


class Timing:
    """Latencies of one kind of request, gathered over several short slices."""

    def __init__(self):
        self.latencies: list[float] = []
        self.seconds = 0.0
        # CPU time apart from waiting: what gc.freeze (and any other change) costs or saves
        # shows here even when the machine's load moves the wall-clock figures.
        self.cpu_seconds = 0.0

    def time_slice(self, send: Callable[[], object], seconds: float) -> float:
        """Send requests one after another for about `seconds`; return this slice's rate."""
        count = 0
        cpu_started = time.process_time()
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            before = time.perf_counter()
            send()
            self.latencies.append(time.perf_counter() - before)
            count += 1
        elapsed = time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu_started
        self.seconds += elapsed
        return count / elapsed

    def figures(self) -> dict:
        return {
            "requests": len(self.latencies),
            "requests_per_second": round(len(self.latencies) / self.seconds, 1),
            "median_ms": round(statistics.median(self.latencies) * 1000, 3),
            "cpu_ms_per_request": round(self.cpu_seconds / len(self.latencies) * 1000, 3),
        }


def _get(client, url: str, status: int = 200) -> Callable[[], object]:
    def send():
        response = client.get(url)
        response.close()
        assert response.status_code == status, (url, response.status_code)

    return send


def _post(client, url: str, data: dict, status: int = 302) -> Callable[[], object]:
    def send():
        response = client.post(url, data=data)
        assert response.status_code == status, (url, response.status_code)

    return send


def _pages(app, client) -> dict[str, Callable[[], object]]:
    """Seed intakes and a signed-in specialist; return the pages to time, ready to send."""
    answers = full_answers(clinic_today())
    for _ in range(INTAKES):
        intake = Intake(app.test_client())
        intake.start()
        for step, fields in answers.items():
            assert intake.post(step, fields).status_code == 302, step
    with app.extensions["db_sessionmaker"].begin() as session:
        reference = session.scalars(select(Submission.reference).limit(1)).one()
        with app.app_context():
            password_hash = hash_password(PASSWORD)
        session.add(User(username="bench", display_name="Bench", password_hash=password_hash))

    # A client half-way through: the first step answered, the rest to come.
    intake = Intake(client)
    intake.start()
    about = intake.client.get("/intake/about").text
    about_post = {"csrf_token": csrf_token(about), "next": "1", **answers["about"]}
    assert intake.post("about", answers["about"]).status_code == 302
    # A client with every question answered, at the review as most clients see it.
    answered = Intake(app.test_client())
    answered.start()
    for step in QUESTION_STEPS:
        assert answered.post(step, answers[step]).status_code == 302, step
    specialist = app.test_client()
    assert sign_in(specialist, "bench", PASSWORD).status_code == 303
    return {
        "landing": _get(client, "/"),
        "step_get": _get(client, "/intake/skin"),
        "step_post": _post(client, "/intake/about", about_post),
        "review_get": _get(client, "/intake/review"),
        "review_answered_get": _get(answered.client, "/intake/review"),
        "sign_in_get": _get(app.test_client(), "/specialist/sign-in"),
        "dashboard": _get(specialist, "/specialist/"),
        "intake_detail": _get(specialist, f"/specialist/intakes/{reference}"),
    }


def _app(folder: str, database_url: str):
    """Return an app on an empty, migrated database."""
    engine = make_engine(database_url)
    if engine.dialect.name == "postgresql":
        if "test" not in (engine.url.database or ""):
            raise SystemExit("INTAKE_BENCH_POSTGRES_URL must name a test database")
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    engine.dispose()
    config = {
        "SECRET_KEY": "benchmark-only-secret-key",
        "DATABASE_URL": database_url,
        "ARGON2_PROFILE": "cheap",
    }
    return create_app(config, instance_path=folder)


def _resident_mb() -> float:
    """Return this process's resident memory now (not its peak), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return round(pages * resource.getpagesize() / 2**20, 1)


def _memory(pages: dict[str, Callable[[], object]]) -> dict:
    """Send mixed requests, as a worker serves them; note memory after 100 and after 1,000."""
    mixed = list(pages.values())
    after = {}
    for count in range(1, 1001):
        mixed[count % len(mixed)]()
        if count in (100, 1000):
            after[count] = _resident_mb()
    return {
        "rss_mb_after_100": after[100],
        "rss_mb_after_1000": after[1000],
        "growth": round(after[1000] / after[100] - 1, 3),
    }


def _freeze_effect(sends: dict[str, Callable[[], object]], rounds: int, seconds: float) -> dict:
    """Time pages with what the app froze at start left frozen, and thawed, alternately."""
    timings = {state: {name: Timing() for name in sends} for state in ("frozen", "thawed")}
    for _ in range(rounds):
        for state in timings:
            if state == "thawed":
                gc.unfreeze()
            for name, send in sends.items():
                timings[state][name].time_slice(send, seconds)
            # Frozen again for the next round (and for what runs after), with what the
            # benchmark itself has built since: all of it lives to the end anyway.
            gc.freeze()
    return {
        state: {name: timing.figures()["cpu_ms_per_request"] for name, timing in by_name.items()}
        for state, by_name in timings.items()
    }


def _postgres_step_post(url: str, rounds: int, seconds: float) -> dict:
    """Time a step POST on PostgreSQL, each slice after one of the trivial route."""
    with tempfile.TemporaryDirectory() as folder:
        app = _app(folder, url)
        client = app.test_client()
        pages = _pages(app, client)
        trivial = _get(client, TRIVIAL)
        post, baseline = Timing(), Timing()
        ratios = []
        for _ in range(rounds):
            rate = baseline.time_slice(trivial, seconds)
            ratios.append(post.time_slice(pages["step_post"], seconds) / rate)
        app.extensions["db_engine"].dispose()
    return dict(post.figures(), ratio_to_trivial=round(statistics.median(ratios), 3))


def run(quick: bool = False) -> dict:
    """Time each page and the trivial route in the same run; return the figures."""
    rounds, seconds = (3, 0.1) if quick else (10, 0.3)
    with tempfile.TemporaryDirectory() as folder:
        app = _app(folder, f"sqlite:///{folder}/bench.db")
        engine = app.extensions["db_engine"]
        client = app.test_client()
        pages = _pages(app, client)
        trivial = _get(client, TRIVIAL)
        for send in (trivial, *pages.values()):
            for _ in range(5):
                send()  # warm caches, compiled templates and the connection pool
        timings = {name: Timing() for name in ("trivial", *pages)}
        ratios = {name: [] for name in pages}
        # Short slices, each page right after the trivial route, in rounds: other load on
        # the machine then slows a page and its baseline alike, and the ratio holds.
        for _ in range(rounds):
            for name, send in pages.items():
                baseline = timings["trivial"].time_slice(trivial, seconds)
                ratios[name].append(timings[name].time_slice(send, seconds) / baseline)
        memory = _memory(pages)
        # The factory freezes what it built (outside tests); the effect, in CPU time per
        # request, only shows beside the same pages thawed, since /healthz gains alike.
        frozen_at_start = gc.get_freeze_count() > 0
        if frozen_at_start:
            freeze = _freeze_effect(
                {
                    "trivial": trivial,
                    "step_get": pages["step_get"],
                    "review_get": pages["review_get"],
                },
                rounds,
                seconds,
            )
        engine.dispose()
    results = {name: timings[name].figures() for name in pages}
    for name, figures in results.items():
        figures["ratio_to_trivial"] = round(statistics.median(ratios[name]), 3)
    postgres_url = os.environ.get("INTAKE_BENCH_POSTGRES_URL")
    if postgres_url:
        results["step_post_postgresql"] = _postgres_step_post(postgres_url, rounds, seconds)
    return {
        "method": (
            "Flask test client, one request at a time, SQLite in a temporary folder, "
            f"{INTAKES} intakes stored; {rounds} rounds of {seconds} s slices per page, "
            "each after a slice of the trivial route; ratio = median over rounds of "
            "page rate / trivial rate; cpu_ms_per_request = process CPU time over the "
            "page's slices / its requests"
        ),
        "trivial_route": TRIVIAL,
        "trivial": timings["trivial"].figures(),
        "pages": results,
        "worker_memory": memory,
        "cpu_ms_per_request_gc": (
            freeze if frozen_at_start else "the app froze nothing at start: not compared"
        ),
    }
