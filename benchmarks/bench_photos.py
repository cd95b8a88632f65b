"""Time a client's photo upload (a 12 MP phone JPEG, re-encoded) and the PDF with six photos.

Run `python -m benchmarks.bench_photos [--quick]` from the repository root; it prints JSON:
the upload over HTTP (the photo page's POST: parse, sniff, decode, shrink, re-encode, store)
and the re-encoding alone, p50 and p95; the worker's peak memory for one re-encoding (peak
RSS in a fresh process, as Pillow's pixel buffers are invisible to tracemalloc); and the
warm PDF render of the typical intake with six photos against the same intake without.
`run()` returns the figures to a runner.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO

from benchmarks.bench_pdf import _fresh_render, _intakes
from intake import create_app
from intake.db import make_engine
from intake.migrate import upgrade
from intake.photos.cleaning import clean_photo
from tests.support import factories
from tests.support.client_journey import Intake, clinic_today
from tests.support.forms import csrf_token
from tests.support.images import phone_jpeg

TWELVE_MP = (4000, 3000)


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _summary(samples: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(_percentile(samples, 0.95), 1),
        "rounds": len(samples),
    }


def reencode(photo: bytes, rounds: int) -> dict:
    """Time clean_photo alone."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        clean_photo(photo)
        samples.append((time.perf_counter() - start) * 1000)
    return _summary(samples)


def upload(photo: bytes, rounds: int) -> dict:
    """Time the photo page's POST with one 12 MP photo, through the whole app, on SQLite."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        app = create_app(
            {"SECRET_KEY": "benchmark", "DATABASE_URL": url, "SESSION_COOKIE_SECURE": False},
            instance_path=folder,
        )
        answers = factories.full_answers(clinic_today())
        samples = []
        for _ in range(rounds):
            # A client per round: each may keep only three photos of a concern.
            intake = Intake(app.test_client())
            intake.start()
            intake.post("about", answers["about"])
            intake.post("skin", answers["skin"])
            token = csrf_token(intake.client.get("/intake/photos").text)
            intake.client.post(
                "/intake/photos", data={"csrf_token": token, "consent_photos": "yes"}
            )
            data = {
                "csrf_token": token,
                "upload": "1",
                "photo_acne_scars": (BytesIO(photo), "IMG_0001.JPG"),
            }
            start = time.perf_counter()
            response = intake.client.post(
                "/intake/photos", data=data, content_type="multipart/form-data"
            )
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 302, response.status_code
        app.extensions["db_engine"].dispose()
    return _summary(samples)


_PEAK_PROBE = """
import sys
from pathlib import Path
from intake.photos.cleaning import clean_photo
from tests.support.images import phone_jpeg

def peak_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

photo = phone_jpeg(%d, %d)
clean_photo(phone_jpeg(64, 48))  # warm: imports and codecs loaded
Path("/proc/self/clear_refs").write_text("5")  # reset the peak to what is resident now
before = peak_mib()
clean_photo(photo)
print(round(peak_mib() - before, 1), round(before, 1))
"""


def peak_memory() -> dict:
    """Return the rise in peak RSS while one 12 MP photo is re-encoded, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_PROBE % TWELVE_MP],
        capture_output=True,
        text=True,
        check=True,
    )
    rise, baseline = (float(value) for value in done.stdout.split())
    return {"peak_rss_rise_mib": rise, "baseline_rss_mib": baseline}


def pdf_with_photos(rounds: int) -> dict:
    """Warm renders of the typical intake with six photos and without, interleaved."""
    with _intakes() as (session, typical, _worst):
        with_photos = factories.make_submission(
            session, factories.typical_answers(), reference="PH6T-0006"
        )
        factories.add_photos(session, with_photos, 6, width=TWELVE_MP[0])
        session.commit()
        _fresh_render(session, typical)
        _fresh_render(session, with_photos)
        plain, photos = [], []
        for _ in range(rounds):
            plain.append(_fresh_render(session, typical)[0] * 1000)
            photos.append(_fresh_render(session, with_photos)[0] * 1000)
    without_ms, with_ms = statistics.median(plain), statistics.median(photos)
    return {
        "without_photos_ms_median": round(without_ms, 1),
        "with_six_photos_ms_median": round(with_ms, 1),
        "ratio": round(with_ms / without_ms, 2),
        "rounds": rounds,
    }


def run(quick: bool = False) -> dict:
    """Measure and return the upload, re-encoding, memory and PDF figures."""
    photo = phone_jpeg(*TWELVE_MP)
    rounds = 5 if quick else 20
    return {
        "photo": {"pixels": f"{TWELVE_MP[0]}x{TWELVE_MP[1]}", "bytes": len(photo)},
        "upload_over_http": upload(photo, rounds),
        "reencode_only": reencode(photo, rounds),
        "memory": peak_memory(),
        "pdf": pdf_with_photos(3 if quick else 10),
    }


if __name__ == "__main__":
    quick = "--quick" in sys.argv[1:]
    json.dump(run(quick=quick), sys.stdout, indent=2)
    print()
