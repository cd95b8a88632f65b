"""A renderer crash or hang ends one render in the child process, never the app's worker."""

import logging
import os
import signal
import subprocess
import sys

import pytest

from intake.config import PROJECT_ROOT
from intake.pdf.render_process import RenderFailed, renderer
from tests.support import pdftools
from tests.support.factories import CRASH

URL = "/specialist/intakes/K7QH-3MWD/summary.pdf"


def _document(text: str) -> str:
    return f'<html lang="en"><title>t</title><p>{text}</p></html>'


def test_a_crash_in_the_renderer_ends_only_that_render(app):
    child = renderer()
    assert child.render(_document("Before"), timeout=60).startswith(b"%PDF-")
    crashed_pid = child.pid

    # Memory corruption: one paragraph kills the renderer about five times in six here, but
    # not always; a document of ten that survives five renders is not worth waiting for.
    for _attempt in range(5):
        try:
            child.render(_document("</p><p>".join([CRASH] * 10)), timeout=60)
        except RenderFailed as error:
            failed = error
            break
    else:
        pytest.fail("the crash string never crashed the renderer")

    # The real libraries died of it, in the child; this process carries on.
    assert failed.kind in ("renderer killed by SIGSEGV", "renderer killed by SIGABRT")
    assert child.pid != crashed_pid
    assert renderer() is child  # one renderer per app process, whatever its child
    assert "After" in pdftools.text(child.render(_document("After"), timeout=60))


def test_a_killed_renderer_gives_the_retry_page_and_the_next_request_renders(
    app, signed_in, typical, caplog
):
    # Killed from outside, as the kernel's out-of-memory killer or a native crash would.
    child = renderer()
    assert child.render(_document("Ready"), timeout=60).startswith(b"%PDF-")
    os.kill(child.pid, signal.SIGKILL)

    response = signed_in.get(URL, headers={"Accept": "text/html"})
    assert response.status_code == 503
    assert "The PDF summary could not be made just now" in response.text
    assert f'href="/specialist/intakes/{typical.reference}"' in response.text
    failures = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert failures == [
        f"pdf render failed for submission {typical.id} (renderer killed by SIGKILL)"
    ]
    assert "Priya" not in caplog.text

    retried = signed_in.get(URL)
    assert retried.status_code == 200 and retried.data.startswith(b"%PDF-")


def test_a_render_past_the_timeout_is_stopped_and_the_next_one_runs(
    app, signed_in, typical, caplog, renders
):
    app.config["PDF_RENDER_TIMEOUT_SECONDS"] = 0.001
    response = signed_in.get(URL, headers={"Accept": "text/html"})
    assert response.status_code == 503
    assert f"pdf render failed for submission {typical.id} (timed out)" in caplog.text

    app.config["PDF_RENDER_TIMEOUT_SECONDS"] = 60
    retried = signed_in.get(URL)
    assert retried.status_code == 200 and retried.data.startswith(b"%PDF-")
    assert renders == [typical.reference, typical.reference]


def test_the_app_process_never_loads_weasyprint():
    # Its native libraries are what crash on hostile text: only the render child holds them.
    code = (
        "import sys; from intake import create_app; import intake.pdf.summary, "
        "intake.specialist.pdf_view; print(sorted(m for m in sys.modules if 'weasy' in m))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    assert done.stdout.strip() == "[]"
