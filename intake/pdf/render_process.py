"""Render PDFs in a child process, so a renderer crash or hang ends only that one render.

WeasyPrint's native libraries (Pango, HarfBuzz, FriBidi) can crash the whole process on
hostile text, and a pathological document can lay out for minutes. Each app process keeps
one child that has the fonts and stylesheet loaded (a new process per render would pay the
imports and font loading every time); it is killed on timeout and replaced after any failure.

The child is a program of its own (``python -m intake.pdf.render_process``), not a
multiprocessing child: that would re-import whatever script started the app process.
"""

import atexit
import logging
import os
import signal
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path

log = logging.getLogger(__name__)

# The child imports this copy of the package, wherever the app process found it.
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent.parent)
# Loads every font the summary uses, so the first real render is a warm one.
_WARM_UP = '<html lang="en"><title>warm-up</title><p>Aa অআ अआ</p></html>'
# Most renders are prepared ahead of any click (intake/pdf/prepare.py): on a busy server they
# should take the CPU the pages people are waiting for leave over, not an equal share of it.
NICENESS = 10


class RenderFailed(Exception):
    """The child did not return a PDF; ``kind`` says how, never with the document's text."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class _Capture(logging.Handler):
    """Keep the child's log records of one render, for the parent to log as its own."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


def _serve(requests: Connection, replies: Connection) -> None:
    """Render each HTML document the parent sends, until it goes away (the child's loop)."""
    # Ctrl-C in a terminal reaches the whole process group; the parent decides when we stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(NICENESS)
    # Imported here, in the child only: the app process never loads WeasyPrint.
    from weasyprint.urls import FatalURLFetchingError

    from intake.pdf.fetcher import AssetFetcher
    from intake.pdf.layout import render_html

    capture = _Capture()
    logging.getLogger().addHandler(capture)
    render_html(_WARM_UP)
    while True:
        try:
            html, photos = requests.recv()
        except EOFError:
            return
        capture.records = []
        try:
            reply = ("pdf", render_html(html, AssetFetcher(photos)), capture.records)
        except (Exception, FatalURLFetchingError) as error:
            # Only the kind crosses over: the message can quote the document's text.
            reply = ("error", type(error).__name__, capture.records)
        try:
            replies.send(reply)
        except OSError:
            return


class RenderProcess:
    """One child renderer, used by one request at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self._requests: Connection | None = None
        self._replies: Connection | None = None
        self._owner = os.getpid()
        atexit.register(self._stop)

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    def _start(self) -> None:
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        path = os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))
        # Our own interpreter and module, with pipe numbers: nothing anyone typed.
        self._child = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", __name__, str(requests_read), str(replies_write)],
            pass_fds=(requests_read, replies_write),
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": path},
        )
        os.close(requests_read)
        os.close(replies_write)
        self._requests = Connection(requests_write, readable=False)
        self._replies = Connection(replies_read, writable=False)

    def _replace(self) -> None:
        """Kill the child and start its successor, which warms up while nobody waits."""
        self._stop()
        self._start()

    def _stop(self) -> None:
        # A forked copy of this process inherits the object, never the child to stop.
        if self._child is not None and os.getpid() == self._owner:
            self._requests.close()
            self._replies.close()
            self._child.kill()
            self._child.wait()
        self._child = self._requests = self._replies = None

    def render(self, html: str, timeout: float, photos: dict[str, bytes] | None = None) -> bytes:
        """Return the PDF of ``html``; raise RenderFailed on a crash, a timeout or an error.

        ``photos`` (private URL to bytes) are the only images the child's fetcher serves.
        """
        with self._lock:
            if self._child is None:
                self._start()
            try:
                self._requests.send((html, photos or {}))
                if not self._replies.poll(timeout):
                    self._replace()
                    raise RenderFailed("timed out")
                outcome, value, records = self._replies.recv()
            except (EOFError, OSError):
                kind = _how_it_ended(self._child, timeout)
                self._replace()
                raise RenderFailed(kind) from None
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if outcome == "error":
            raise RenderFailed(value)
        return value


def _how_it_ended(child: subprocess.Popen, timeout: float) -> str:
    try:
        status = child.wait(timeout)
    except subprocess.TimeoutExpired:
        return "renderer stopped answering"
    if status < 0:
        return f"renderer killed by {signal.Signals(-status).name}"
    return f"renderer exited with status {status}"


_renderers: dict[int, RenderProcess] = {}
_renderers_lock = threading.Lock()


def renderer() -> RenderProcess:
    """Return this process's renderer; a forked app process gets its own, not its parent's."""
    with _renderers_lock:
        pid = os.getpid()
        if pid not in _renderers:
            _renderers[pid] = RenderProcess()
        return _renderers[pid]


if __name__ == "__main__":
    _serve(
        Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False)
    )
