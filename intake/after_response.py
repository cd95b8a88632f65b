"""Work a response leaves behind (a PDF to prepare, an e-mail to send), done off the request.

The work starts once the response has gone out and its transaction is committed, and runs
on one background thread per app process, in order. A gunicorn sync worker is free for the
next request at once: the PDF render itself happens in the render child, so the thread
mostly waits on a pipe or a mail server. Nothing else has to be deployed or kept running;
work still queued when a process ends is lost, which costs only a PDF rendered on demand
or a notification the next flagged submission sends again.
"""

import logging
import os
import queue
import threading
from collections.abc import Callable

from flask import Flask, after_this_request, current_app

log = logging.getLogger(__name__)

Task = Callable[[Flask], None]


class Worker:
    """One app's background thread and its queue of tasks."""

    def __init__(self, app: Flask):
        self._app = app
        self._lock = threading.Lock()
        self._queue: queue.Queue[Task] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def put(self, task: Task) -> None:
        with self._lock:
            if os.getpid() != self._pid:
                # A forked copy has its parent's queue but not its thread: start afresh.
                self._queue, self._thread, self._pid = queue.Queue(), None, os.getpid()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="after-response", daemon=True
                )
                self._thread.start()
        self._queue.put(task)

    def join(self) -> None:
        """Wait until every task queued so far is done."""
        self._queue.join()

    def _run(self) -> None:
        while True:
            task = self._queue.get()
            try:
                task(self._app)
            except Exception as error:
                # The kind only: a message can quote what the client typed.
                log.error("work after a response failed (%s)", type(error).__name__)
            finally:
                self._queue.task_done()


def init_app(app: Flask) -> None:
    app.extensions["after_response"] = Worker(app)


def worker(app: Flask) -> Worker:
    return app.extensions["after_response"]


def run_after_response(task: Task) -> None:
    """Queue ``task(app)`` to run once this request's successful response has been sent."""
    app = current_app._get_current_object()

    @after_this_request
    def _hook(response):
        if response.status_code < 400:
            response.call_on_close(lambda: worker(app).put(task))
        return response
