"""A real SMTP server on loopback (aiosmtpd) that keeps what it is sent, for the mail tests."""

import socket

from aiosmtpd.controller import Controller


class Mailbox:
    """An SMTP handler that keeps what it accepts; it can refuse the first message it gets."""

    def __init__(self, refuse_first: bool = False):
        self.refuse_first = refuse_first
        self.attempts = 0
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.refuse_first and self.attempts == 1:
            return "451 Requested action aborted: try again later"
        self.received.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    """Return a loopback port nothing listens on (until something is started there)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(app, mailbox: Mailbox) -> Controller:
    """Start a server delivering to ``mailbox`` and point the app's mail settings at it."""
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    configure(app, controller.port)
    return controller


def configure(app, port: int) -> None:
    """Point the app's mail settings at a loopback port: plain SMTP, no pause before a retry."""
    app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_STARTTLS=False,
        MAIL_SENDER="intake@clinic.example",
        MAIL_RETRY_SECONDS=0,
    )
