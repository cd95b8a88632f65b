"""Page throughput through the whole app stack, each also as a ratio against a trivial route."""

import statistics
import tempfile
import time
from collections.abc import Callable

from intake import create_app
from intake.migrate import upgrade

TRIVIAL = "/healthz"


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


def _pages(app, client) -> dict[str, Callable[[], object]]:
    """Return the pages to time, each ready to send one request."""
    return {"landing": _get(client, "/")}


def run(quick: bool = False) -> dict:
    """Time each page and the trivial route in the same run; return the figures."""
    seconds = 0.3 if quick else 3.0
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SECRET_KEY": "benchmark-only-secret-key",
                "DATABASE_URL": f"sqlite:///{folder}/bench.db",
                "ARGON2_PROFILE": "cheap",
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
        "method": "Flask test client, one request at a time, SQLite in a temporary folder",
        "trivial_route": TRIVIAL,
        "trivial": {"requests_per_second": round(trivial_rps, 1), "before": first, "after": last},
        "pages": results,
    }
