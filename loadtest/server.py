"""Run the app under gunicorn on a free loopback port, for the load and fault tests."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


class Gunicorn:
    """A running gunicorn: its master process and the URL it serves on."""

    def __init__(self, process: subprocess.Popen, base_url: str, log_path: Path):
        self.process = process
        self.base_url = base_url
        self.log_path = log_path

    def worker_pids(self) -> list[int]:
        """Return the worker processes' ids (the master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def wait_until_up(self, seconds: float = 30) -> None:
        """Wait until the health check answers; fail if gunicorn exits or takes too long."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log_path.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{log}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not answer /healthz in time")


def free_port() -> int:
    """Return a loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(
    database_url: str, log_path: Path, workers: int = 2, options: tuple[str, ...] = ()
) -> Iterator[Gunicorn]:
    """Serve the app on the given database until the block ends, logging to log_path."""
    port = free_port()
    env = os.environ | {
        "INTAKE_DATABASE_URL": database_url,
        "INTAKE_SECRET_KEY": secrets.token_hex(32),
        # Plain HTTP on loopback: HTTP libraries (unlike browsers) would withhold a Secure
        # cookie there, and every form post would then fail its CSRF check.
        "INTAKE_SESSION_COOKIE_SECURE": "false",
        # Every simulated client comes from loopback, one address: the per-address limits
        # would refuse a load test's hundreds of journeys an hour.
        "INTAKE_DRAFTS_PER_ADDRESS_PER_HOUR": "1000000",
        "INTAKE_SAVES_PER_ADDRESS_PER_HOUR": "1000000",
    }
    command = [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--graceful-timeout",
        "10",
        *options,
        "intake:create_app()",
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
        server = Gunicorn(process, f"http://127.0.0.1:{port}", log_path)
        try:
            server.wait_until_up()
            yield server
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
