"""Tell the specialists by e-mail when a flagged intake is sent for a visit in the next days.

The mail goes out through the clinic's SMTP server (``MAIL_*`` settings; off while
``MAIL_SERVER`` or ``MAIL_SENDER`` is unset) off the request, once the client's response has
been sent (intake/after_response.py), so a slow or broken mail server never fails or delays
a submission.
"""

import logging
import smtplib
import time
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import audit, db
from intake.after_response import run_after_response
from intake.clinic_time import clinic_today
from intake.db import utcnow
from intake.models import Appointment, Submission, User
from intake.rules.vocabulary import OUTCOMES
from intake.visits import invitations
from intake.visits.appointments import attached_elsewhere
from intake.visits.board import ATTENTION
from intake.wording import words

log = logging.getLogger(__name__)

ATTEMPTS = 2  # the first try and one retry
# Who is told of flagged intakes: never the front desk, which never sees an outcome.
MAILED_ROLES = ("specialist", "admin")


def enabled(config) -> bool:
    """Return whether the clinic has configured a mail server to tell specialists through."""
    return bool(config.get("MAIL_SERVER") and config.get("MAIL_SENDER"))


def is_due(appointment: Appointment, submission: Submission, today: date) -> bool:
    """Return whether this visit's intake is flagged and the visit is close enough to warn of."""
    days_ahead = (appointment.visit_date - today).days
    return (
        submission.outcome in ATTENTION
        and appointment.status not in invitations.CLOSED
        and 0 <= days_ahead <= int(current_app.config["NOTIFY_WITHIN_DAYS"])
    )


def tell_if_flagged(submission: Submission) -> None:
    """Once this response has been sent, e-mail the specialists if the intake calls for it."""
    if not enabled(current_app.config):
        return
    appointment = attached_elsewhere(submission)
    if appointment is None or not is_due(appointment, submission, clinic_today()):
        return
    appointment_id = appointment.id
    run_after_response(lambda app: _tell(app, appointment_id))


def recipients(session: Session, appointment: Appointment) -> list[str]:
    """Return the visit's own specialist's address, or else every active specialist's."""
    own = appointment.specialist
    if own is not None and own.is_active and own.role in MAILED_ROLES and own.email:
        return [own.email]
    return list(
        session.scalars(
            select(User.email)
            .where(
                User.role.in_(MAILED_ROLES),
                User.is_active.is_(True),
                User.email.is_not(None),
                User.email != "",
            )
            .order_by(User.email)
        )
    )


def message(appointment: Appointment, submission: Submission, to: list[str]) -> EmailMessage:
    """Compose the e-mail: the reference, the visit's date and time and the outcome only.

    No client name and no health details: the mail crosses servers the clinic does not
    control and stays in mailboxes long after the intake is purged. The specialist reads
    the rest in the workspace, behind its sign-in.
    """
    config = current_app.config
    start = invitations.local_start(appointment)
    outcome = words(OUTCOMES, submission.outcome)
    when = f"{start:%A} {start.day} {start:%B %Y} at {start:%H:%M}"
    mail = EmailMessage()
    mail["Subject"] = f"Intake {submission.reference}: {outcome.lower()}, visit {start:%d %b}"
    mail["From"] = config["MAIL_SENDER"]
    mail["To"] = ", ".join(to)
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain="intake")
    mail.set_content(
        f"An intake sent for a visit soon needs a specialist before the visit.\n\n"
        f"Reference: {submission.reference}\n"
        f"Visit: {when} ({config['CLINIC_TIMEZONE']})\n"
        f"Rules' outcome: {outcome}\n\n"
        f"Read it in the workspace: sign in, open Visits, or search for the reference.\n"
        f"This mail leaves out the client's name and answers on purpose.\n\n"
        f"{config['CLINIC_NAME']}\n"
    )
    return mail


def _deliver(config, mail: EmailMessage) -> None:
    server, port, timeout = config["MAIL_SERVER"], int(config["MAIL_PORT"]), config["MAIL_TIMEOUT"]
    connect = smtplib.SMTP_SSL if config["MAIL_USE_TLS"] else smtplib.SMTP
    with connect(server, port, timeout=timeout) as smtp:
        if config["MAIL_STARTTLS"] and not config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            # str(): INTAKE_* values are read as JSON, so an all-digit password arrives a number.
            smtp.login(str(config["MAIL_USERNAME"]), str(config.get("MAIL_PASSWORD", "")))
        smtp.send_message(mail)


def send(config, mail: EmailMessage, submission_id: int) -> bool:
    """Send the mail, retrying once; log a failure by submission id only, never the mail."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            _deliver(config, mail)
            return True
        except (OSError, smtplib.SMTPException) as error:
            # The error's text can quote the message or its recipients: its type is enough.
            last = attempt == ATTEMPTS
            log.warning(
                "specialists' e-mail for submission %s failed, attempt %s of %s (%s)%s",
                submission_id,
                attempt,
                ATTEMPTS,
                type(error).__name__,
                "; giving up" if last else "; retrying",
            )
            if not last:
                time.sleep(float(config["MAIL_RETRY_SECONDS"]))
    return False


def _tell(app: Flask, appointment_id: int) -> None:
    # Runs after the request's transaction and context are gone: a context of its own, whose
    # session (db.session) is closed with it.
    with app.app_context():
        try:
            _tell_now(appointment_id)
        except Exception as error:
            log.error(
                "specialists' e-mail for appointment %s failed (%s)",
                appointment_id,
                type(error).__name__,
            )


def _tell_now(appointment_id: int) -> None:
    session = db.session()
    appointment = session.get(Appointment, appointment_id)
    submission = appointment.submission if appointment is not None else None
    if submission is None or appointment.specialists_told_at is not None:
        return
    to = recipients(session, appointment)
    if not to:
        log.warning("no specialist has an e-mail address; submission %s not sent", submission.id)
        return
    if send(current_app.config, message(appointment, submission, to), submission.id):
        appointment.specialists_told_at = utcnow()
        audit.record(
            "specialists_told",
            submission,
            {"appointment": appointment.id, "recipients": len(to)},
            username="mail",
        )
        session.commit()
