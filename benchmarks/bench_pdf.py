"""Time the specialist's PDF summary: cold and warm renders, cached serving, memory over renders.

Run `python -m benchmarks.bench_pdf [--quick]` from the repository root; it prints JSON.
Goals on a 2-core machine: typical warm render at most 150 ms (median), cached serve at most
10 ms, and memory flat across renders (the app process's and its render child's). It also
times what a specialist waits for over HTTP: the PDF request straight after a change, and
after the intake page has prepared it.
`run()` returns the figures to a runner.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from flask import render_template
from flask_babel import force_locale
from sqlalchemy import delete
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from intake import create_app
from intake.db import make_engine
from intake.migrate import upgrade
from intake.models import PdfDocument, Submission, User
from intake.passwords import hash_password
from intake.pdf import render
from intake.pdf.assets import STYLESHEET_PATH
from intake.pdf.fetcher import AssetFetcher
from intake.pdf.layout import BASE_URL
from intake.pdf.render_process import renderer
from intake.pdf.summary import app_summary_context, summary_pdf
from tests.support import factories, pdftools
from tests.support.workspace import sign_in

PASSWORD = "benchmark lantern orchard 42"


def _rss_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def _intakes():
    """Yield (session, typical, worst) on a fresh SQLite database inside an app context."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": url}, instance_path=folder)
        with app.app_context():
            session = app.extensions["db_sessionmaker"]()
            typical = factories.typical_submission(session)
            worst = factories.worst_submission(session)
            user = factories.make_specialist(session)
            factories.add_decision(session, worst, user, outcome="decline", reason="Benchmark.")
            session.commit()
            yield session, typical, worst
            session.close()
        app.extensions["db_engine"].dispose()


def _child_cpu_seconds() -> float:
    """Return the CPU time the render child has used so far (0 before it starts)."""
    pid = renderer().pid
    if pid is None:
        return 0.0
    # Fields 14 and 15 of /proc/PID/stat: user and system time, in clock ticks.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _fresh_render(session, submission) -> tuple[float, float]:
    """Render as on a cache miss (lookup, render, store); return (wall, CPU) seconds.

    The CPU is this process's and the render child's: the layout runs in the child.
    """
    session.execute(delete(PdfDocument))
    session.commit()
    wall, cpu, child = time.perf_counter(), time.process_time(), _child_cpu_seconds()
    summary_pdf(session, submission)
    used = time.process_time() - cpu + _child_cpu_seconds() - child
    timing = (time.perf_counter() - wall, used)
    session.commit()
    return timing


def specialist_wait(rounds: int) -> dict:
    """Time the PDF request over HTTP after each new decision, with and without the intake page.

    Each round records a decision (a new state of the summary), then either asks for the PDF
    at once, which renders it inside the request, or opens the intake page first, whose
    response prepares it once sent. Returns medians in milliseconds.
    """
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        app = create_app(
            {"SECRET_KEY": "benchmark", "DATABASE_URL": url, "ARGON2_PROFILE": "cheap"},
            instance_path=folder,
        )
        upgrade(app.extensions["db_engine"])
        sessions = app.extensions["db_sessionmaker"]
        with app.app_context(), sessions.begin() as session:
            submission_id = factories.typical_submission(session).id
            session.add(
                User(username="bench", display_name="Bench", password_hash=hash_password(PASSWORD))
            )
            reviewer_id = factories.make_specialist(session).id

        def decide(days: int) -> None:
            with app.app_context(), sessions.begin() as session:
                submission = session.get(Submission, submission_id)
                reviewer = session.get(User, reviewer_id)
                factories.add_decision(session, submission, reviewer, after=timedelta(days=days))

        # Requests run outside any app context of ours, each in its own, as on a server.
        client = app.test_client()
        assert sign_in(client, "bench", PASSWORD).status_code == 303
        page = "/specialist/intakes/K7QH-3MWD"
        waits: dict[str, list[float]] = {"unprepared": [], "after_intake_page": []}
        for day in range(1, 2 * rounds + 2):
            decide(day)
            prepared = day % 2 == 0
            if prepared:
                client.get(page).close()
            start = time.perf_counter()
            response = client.get(page + "/summary.pdf")
            elapsed = time.perf_counter() - start
            assert response.status_code == 200 and response.data.startswith(b"%PDF")
            if day > 1:  # the first round warms the process
                waits["after_intake_page" if prepared else "unprepared"].append(elapsed)
        app.extensions["db_engine"].dispose()
    return {name: _median_ms(samples) for name, samples in waits.items()}


def _bare_render(html: str) -> tuple[float, float]:
    """Time WeasyPrint alone on the same HTML and CSS: no app, cache or tagging.

    Returns (wall, CPU) seconds, as ``_fresh_render`` does.
    """
    fetcher, fonts = AssetFetcher(), FontConfiguration()
    wall, cpu = time.perf_counter(), time.process_time()
    css = STYLESHEET_PATH.read_text(encoding="utf-8")
    stylesheet = CSS(string=css, base_url=BASE_URL, url_fetcher=fetcher, font_config=fonts)
    HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        stylesheets=[stylesheet], font_config=fonts
    )
    return time.perf_counter() - wall, time.process_time() - cpu


def _pages(pdf: bytes) -> int:
    return int(pdftools.info(pdf)["Pages"])


def cold() -> dict:
    """Time the first typical and worst-case renders of a new process, in milliseconds."""
    with _intakes() as (session, typical, worst):
        typical_wall, _cpu = _fresh_render(session, typical)
        worst_wall, _cpu = _fresh_render(session, worst)
        return {"typical": round(typical_wall * 1000, 1), "worst": round(worst_wall * 1000, 1)}


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def _medians(timings: list[tuple[float, float]]) -> dict:
    # CPU time next to wall time: on a shared machine the wall clock also counts waiting.
    return {
        "wall": _median_ms([wall for wall, _cpu in timings]),
        "cpu": _median_ms([cpu for _wall, cpu in timings]),
    }


def run(quick: bool = False) -> dict:
    """Measure renders, cached serving and memory; quick mode runs fewer rounds."""
    cold_run = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_pdf", "--cold"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    typical_rounds, worst_rounds, serve_rounds = (5, 2, 20) if quick else (30, 8, 200)
    memory_rounds = (10, 40) if quick else (20, 200)
    with _intakes() as (session, typical, worst):
        _fresh_render(session, typical)
        typical_ms = [_fresh_render(session, typical) for _ in range(typical_rounds)]
        with force_locale("en"):
            typical_html = render_template(render.TEMPLATE, **app_summary_context(typical))
        _bare_render(typical_html)
        bare_ms = [_bare_render(typical_html) for _ in range(typical_rounds)]
        worst_ms = [_fresh_render(session, worst) for _ in range(worst_rounds)]
        summary_pdf(session, typical)
        session.commit()
        served = []
        for _ in range(serve_rounds):
            start = time.perf_counter()
            summary_pdf(session, typical)
            served.append(time.perf_counter() - start)
        session.rollback()
        rss, child_rss = {}, {}
        done = 0
        for target in memory_rounds:
            while done < target:
                _fresh_render(session, typical)
                done += 1
            rss[target] = round(_rss_mib(), 1)
            child_rss[target] = round(_rss_mib(renderer().pid), 1)
        typical_pdf, worst_pdf = summary_pdf(session, typical), summary_pdf(session, worst)
        pages = {"typical_bytes": len(typical_pdf), "worst_bytes": len(worst_pdf)}
        page_counts = {"typical": _pages(typical_pdf), "worst": _pages(worst_pdf)}
    low, high = memory_rounds
    return {
        "cold_render_ms": json.loads(cold_run.stdout),
        "warm_render_median_ms": {"typical": _medians(typical_ms), "worst": _medians(worst_ms)},
        # The same HTML and CSS through a bare weasyprint.HTML(string=...).write_pdf() in this
        # run: what the app adds (context, tagging as PDF/UA-1, the cache) on top of WeasyPrint.
        "bare_weasyprint_typical_median_ms": _medians(bare_ms),
        "typical_ratio_to_bare": {
            kind: round(
                statistics.median(t[index] for t in typical_ms)
                / statistics.median(t[index] for t in bare_ms),
                2,
            )
            for index, kind in enumerate(("wall", "cpu"))
        },
        "pages": page_counts,
        "rounds": {"typical": typical_rounds, "worst": worst_rounds, "served": serve_rounds},
        "cached_serve_median_ms": _median_ms(served),
        "specialist_wait_for_pdf_median_ms": specialist_wait(3 if quick else 15),
        "rss_mib": {f"after_{low}_renders": rss[low], f"after_{high}_renders": rss[high]},
        "rss_growth_mib": round(rss[high] - rss[low], 1),
        "render_child_rss_mib": {
            f"after_{low}_renders": child_rss[low],
            f"after_{high}_renders": child_rss[high],
        },
        "render_child_rss_growth_mib": round(child_rss[high] - child_rss[low], 1),
        "pdf_size": pages,
        "goals": {
            "typical_warm_ms": 150,
            "cached_serve_ms": 10,
            "typical_ratio_to_bare": 1.3,
            "pages": {"typical": 3, "worst": 8},
        },
    }


if __name__ == "__main__":
    if "--cold" in sys.argv:
        print(json.dumps(cold()))
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
