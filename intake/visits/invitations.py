"""Invitation links: a private token per visit, the message that carries it, and its QR code.

Only the token's hash is stored (as for drafts' resume links), so the plain link exists
only on the page shown right after it is made. A reminder therefore makes a fresh token
and the earlier link stops working: the client always has one working link, the newest.
"""

from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import segno
from flask import current_app, url_for
from flask_babel import force_locale, format_date, gettext
from markupsafe import Markup
from sqlalchemy import select

from intake import db
from intake.client.drafts import new_token, token_hash
from intake.i18n import clock_time, page_digits
from intake.models import Appointment

# Statuses after which an invitation link no longer opens anything. A cancelled visit keeps
# its hash, so its link is recognised and answered "no longer works", not "unknown".
CLOSED = {"cancelled", "no_show", "arrived"}


def issue(appointment: Appointment) -> str:
    """Give the visit a fresh invitation token, invalidating any earlier one; return it."""
    token = new_token()
    appointment.invitation_hash = token_hash(token)
    return token


def find(token: str) -> Appointment | None:
    """Return the visit whose current invitation this token is, or None."""
    return db.session().scalar(
        select(Appointment).where(Appointment.invitation_hash == token_hash(token))
    )


def expires_at(appointment: Appointment) -> datetime:
    """Return when the link stops working: the start of the day after the visit, clinic time."""
    zone = ZoneInfo(current_app.config["CLINIC_TIMEZONE"])
    next_day = appointment.visit_date + timedelta(days=1)
    return datetime.combine(next_day, time.min, tzinfo=zone).astimezone(UTC)


def still_works(appointment: Appointment, now: datetime) -> bool:
    """Say whether the visit's invitation link still opens the intake."""
    return appointment.status not in CLOSED and now < expires_at(appointment)


def link(token: str) -> str:
    """Return the full invitation URL for a token."""
    return url_for("client.invitation", token=token, _external=True)


def local_start(appointment: Appointment) -> datetime:
    """Return the visit's start in the clinic's time zone."""
    return appointment.starts_at.astimezone(ZoneInfo(current_app.config["CLINIC_TIMEZONE"]))


def when(appointment: Appointment) -> dict[str, str]:
    """Return the visit's day and time, clinic time, written in the current language and
    its digits (the page, the message's text; never the link beside them)."""
    start = local_start(appointment)
    # Plain date and time: Flask-Babel would move an aware moment to its own time zone.
    return {
        "day": page_digits(format_date(start.date(), "EEEE d MMMM y")),
        "time": clock_time(start.time()),
    }


def message(appointment: Appointment, url: str) -> str:
    """Write the invitation in the client's language: clinic, visit date and time, the link."""
    with force_locale(appointment.language):
        visit = when(appointment)
        return gettext(
            "Hello %(name)s, this is %(clinic)s. Your microneedling visit is on %(date)s at "
            "%(time)s. Before it, please answer a few questions about your skin and health "
            "(about 10 minutes) using this private link: %(link)s",
            name=appointment.client_name,
            clinic=current_app.config["CLINIC_NAME"],
            date=visit["day"],
            time=visit["time"],
            link=url,
        )


def whatsapp_url(appointment: Appointment, url: str) -> str:
    """Return a WhatsApp click-to-chat link that opens the message ready to send."""
    digits = appointment.mobile.removeprefix("+")
    return f"https://wa.me/{digits}?text={quote(message(appointment, url), safe='')}"


def sms_url(appointment: Appointment, url: str) -> str:
    """Return an sms: link with the message as its body."""
    return f"sms:{appointment.mobile}?body={quote(message(appointment, url), safe='')}"


def qr_svg(url: str) -> Markup:
    """Draw the link as a QR code, an inline SVG a phone at the desk can scan."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=5, border=2, dark="#111", light="#fff", omitsize=False)
    # The markup is segno's own drawing of the URL, not text anyone typed.
    return Markup(svg)  # noqa: S704
