"""Render PDFs in a child process, so a renderer crash or hang ends only that one render.

WeasyPrint's native libraries (Pango, HarfBuzz, FriBidi) can crash the whole process on
hostile text, and a pathological document can lay out for minutes. Each app process keeps
one child that has the fonts and stylesheet loaded (a new process per render would cost the
imports and font loading every time); it is killed on timeout and replaced after any failure.
"""

import logging
import multiprocessing
import os
import signal
import threading
from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

# Spawn, never fork: a forked copy of a threaded server process can hold a lock forever.
_CONTEXT = multiprocessing.get_context("spawn")
# Loads every font the summary uses, so the first real render is a warm one.
_WARM_UP = '<html lang="en"><title>warm-up</title><p>Aa অআ अआ</p></html>'


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


def _serve(connection: Connection) -> None:
    """Render each HTML document the parent sends, until it goes away (the child's loop)."""
    # Ctrl-C in a terminal reaches the whole process group; the parent decides when we stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Imported here, in the child: intake.pdf.render imports this module.
    from weasyprint.urls import FatalURLFetchingError

    from intake.pdf.render import render_html

    capture = _Capture()
    logging.getLogger().addHandler(capture)
    render_html(_WARM_UP)
    while True:
        try:
            html = connection.recv()
        except EOFError:
            return
        capture.records = []
        try:
            reply = ("pdf", render_html(html), capture.records)
        except (Exception, FatalURLFetchingError) as error:
            # Only the kind crosses over: the message can quote the document's text.
            reply = ("error", type(error).__name__, capture.records)
        try:
            connection.send(reply)
        except OSError:
            return


class RenderProcess:
    """One child renderer, used by one request at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._process = None
        self._connection: Connection | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _start(self) -> None:
        parent_end, child_end = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_serve, args=(child_end,), name="pdf-renderer", daemon=True
        )
        process.start()
        child_end.close()
        self._process, self._connection = process, parent_end

    def _replace(self) -> None:
        """Kill the child and start its successor, which warms up while nobody waits."""
        self._stop()
        self._start()

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process.close()
            self._connection.close()
        self._process = self._connection = None

    def render(self, html: str, timeout: float) -> bytes:
        """Return the PDF of ``html``; raise RenderFailed on a crash, a timeout or an error."""
        with self._lock:
            if self._process is None:
                self._start()
            try:
                self._connection.send(html)
                if not self._connection.poll(timeout):
                    self._replace()
                    raise RenderFailed("timed out")
                outcome, value, records = self._connection.recv()
            except (EOFError, OSError):
                self._process.join(timeout)
                kind = _how_it_ended(self._process.exitcode)
                self._replace()
                raise RenderFailed(kind) from None
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if outcome == "error":
            raise RenderFailed(value)
        return value


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is None:
        return "renderer stopped answering"
    if exitcode < 0:
        return f"renderer killed by {signal.Signals(-exitcode).name}"
    return f"renderer exited with status {exitcode}"


_pools: dict[int, RenderProcess] = {}
_pools_lock = threading.Lock()


def renderer() -> RenderProcess:
    """Return this process's renderer; a forked app process gets its own, not its parent's."""
    with _pools_lock:
        return _pools.setdefault(os.getpid(), RenderProcess())
