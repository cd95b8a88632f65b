"""Time the dashboard's first page on an already seeded database, in this process; print JSON.

`python benchmarks/dashboard_first_page.py DATABASE_URL REPEATS`, run with PYTHONPATH set to
the checkout to time: bench_dashboard's --alternate runs it for two checkouts in turn on one
database. It imports only what every checkout has (the app and the test sign-in), so the
code before a change can be timed by the benchmark after it.
"""

import json
import statistics
import sys
import tempfile
import time

from intake import create_app
from tests.support.workspace import sign_in

# bench_dashboard's specialist, added when it seeded the database.
USERNAME, PASSWORD = "bench", "benchmark lantern orchard 42"
WARM_UP = 3


def main(url: str, repeats: int) -> dict:
    """Sign in, warm up, then time `repeats` first pages; return the median and CPU time."""
    with tempfile.TemporaryDirectory() as instance:
        config = {"SECRET_KEY": "bench", "DATABASE_URL": url, "ARGON2_PROFILE": "cheap"}
        app = create_app(config, instance_path=instance)
        client = app.test_client()
        assert sign_in(client, USERNAME, PASSWORD).status_code == 303, "sign-in failed"
        samples = []
        cpu_started = time.process_time()
        for count in range(WARM_UP + repeats):
            if count == WARM_UP:
                cpu_started = time.process_time()
            began = time.perf_counter()
            response = client.get("/specialist/")
            elapsed = time.perf_counter() - began
            assert response.status_code == 200, response.status_code
            if count >= WARM_UP:
                samples.append(elapsed * 1000)
        cpu_ms = (time.process_time() - cpu_started) * 1000 / repeats
        app.extensions["db_engine"].dispose()
    return {"median_ms": round(statistics.median(samples), 2), "cpu_ms": round(cpu_ms, 2)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
