"""Page throughput through the whole app stack, each also as a ratio against a trivial route."""

import statistics
import tempfile
import time
from collections.abc import Callable

from sqlalchemy import select

from intake import create_app
from intake.migrate import upgrade
from intake.models import Submission, User
from intake.passwords import hash_password
from tests.client.conftest import Intake, clinic_today, csrf_token, full_answers
from tests.specialist.conftest import sign_in

TRIVIAL = "/healthz"
INTAKES = 30  # more than one dashboard page
PASSWORD = "benchmark lantern orchard 42"


def measure(send: Callable[[], object], seconds: float) -> dict:
    """Send requests one after another for about `seconds`; return throughput and latency."""
    for _ in range(5):
        send()
    latencies = []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        before = time.perf_counter()
        send()
        latencies.append(time.perf_counter() - before)
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 3),
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
    specialist = app.test_client()
    assert sign_in(specialist, "bench", PASSWORD).status_code == 303
    return {
        "landing": _get(client, "/"),
        "step_get": _get(client, "/intake/skin"),
        "step_post": _post(client, "/intake/about", about_post),
        "review_get": _get(client, "/intake/review"),
        "sign_in_get": _get(app.test_client(), "/specialist/sign-in"),
        "dashboard": _get(specialist, "/specialist/"),
        "intake_detail": _get(specialist, f"/specialist/intakes/{reference}"),
    }


def run(quick: bool = False) -> dict:
    """Time each page and the trivial route in the same run; return the figures."""
    seconds = 0.3 if quick else 3.0
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SECRET_KEY": "benchmark-only-secret-key",
                "DATABASE_URL": f"sqlite:///{folder}/bench.db",
                "ARGON2_PROFILE": "cheap",
                # The test client speaks plain HTTP; it would withhold a Secure cookie.
                "SESSION_COOKIE_SECURE": False,
            },
            instance_path=folder,
        )
        engine = app.extensions["db_engine"]
        upgrade(engine)
        client = app.test_client()
        pages = _pages(app, client)
        # The trivial route is timed before and after the pages, so drift during the run evens out.
        first = measure(_get(client, TRIVIAL), seconds)
        results = {name: measure(send, seconds) for name, send in pages.items()}
        last = measure(_get(client, TRIVIAL), seconds)
        engine.dispose()
    trivial_rps = (first["requests_per_second"] + last["requests_per_second"]) / 2
    for figures in results.values():
        figures["ratio_to_trivial"] = round(figures["requests_per_second"] / trivial_rps, 3)
    return {
        "method": (
            "Flask test client, one request at a time, SQLite in a temporary folder, "
            f"{INTAKES} intakes stored"
        ),
        "trivial_route": TRIVIAL,
        "trivial": {"requests_per_second": round(trivial_rps, 1), "before": first, "after": last},
        "pages": results,
    }
