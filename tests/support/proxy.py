"""A loopback TCP proxy to a database server that a test can cut and restore, like an outage.

Stopping the shared PostgreSQL server would break every other suite using it; cutting the
app's own path to it fails the app's connections exactly as a stopped server would (open
connections drop, new ones are closed at once) and touches nothing else.
"""

import contextlib
import socket
import threading


class CuttableProxy:
    """Forward 127.0.0.1:<port> to a server; cut() drops every connection until restore()."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._up = True
        self._closed = False
        self._cut_on: bytes | None = None
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def cut(self) -> None:
        """Drop every open connection and refuse new ones, as a stopped server would."""
        with self._lock:
            self._up = False
            for sock in self._sockets:
                _close(sock)
            self._sockets.clear()

    def cut_on(self, statement: bytes) -> None:
        """Cut, as cut() does, the moment the app sends a statement containing these bytes.

        The statement itself is dropped, so the database never sees it: a failure at exactly
        that point of the app's work, such as the UPDATE that a commit flushes.
        """
        with self._lock:
            self._cut_on = statement

    def restore(self) -> None:
        """Let connections through again, and stop watching for a statement."""
        with self._lock:
            self._up = True
            self._cut_on = None

    def close(self) -> None:
        """Stop listening and drop everything."""
        self._closed = True
        self.cut()
        _close(self._listener)
        self._thread.join(timeout=5)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            with self._lock:
                up = self._up
            if not up:
                _close(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update((client, upstream))
            for source, sink, watch in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(target=self._pump, args=(source, sink, watch), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, watch: bool) -> None:
        try:
            while chunk := source.recv(65536):
                if watch and self._cut_on is not None and self._cut_on in chunk:
                    self.cut()
                    return
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            with self._lock:
                self._sockets.discard(source)
                self._sockets.discard(sink)
            _close(source)
            _close(sink)


def _close(sock: socket.socket) -> None:
    # Shutting down first wakes a thread blocked in accept() or recv() on this socket.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
