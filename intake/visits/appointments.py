"""Book, change, cancel and follow a visit; every change goes into the audit trail.

Helpers here never commit: the request around them does (one transaction per request).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from intake import audit, db
from intake.assessing import reassess, record_reassessment
from intake.models import Appointment, Draft, Submission
from intake.visits import invitations

# What the front desk may set by hand once the day has come.
MARKABLE = ("arrived", "no_show")
# The review's progress is the submission's own status; the board reads it from there.
# A client sent for an in-person consultation, or an intake back for re-review, is not
# decided yet: the specialist has read it and still has to act.
_REVIEW_PROGRESS = {
    "new": "intake_sent",
    "viewed": "reviewed",
    "consultation": "reviewed",
    "re_review": "reviewed",
    "decided": "decided",
}


@dataclass
class Booking:
    """What the front desk enters for a visit; the mobile number already in E.164."""

    client_name: str
    mobile: str
    language: str
    day: date
    at: time
    service: str
    specialist_id: int | None


class BookingConflict(ValueError):
    """Another live visit has the same mobile number at the same time."""


def clinic_start(day: date, at: time) -> datetime:
    """Return the UTC moment of a clinic-local date and time."""
    zone = ZoneInfo(current_app.config["CLINIC_TIMEZONE"])
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def shown_status(appointment: Appointment) -> str:
    """Return the visit's status as the board shows it, review progress included."""
    if appointment.status in invitations.CLOSED or appointment.submission is None:
        return appointment.status
    return _REVIEW_PROGRESS.get(appointment.submission.status, "intake_sent")


def _check_free(booking: Booking, starts_at: datetime, keep: Appointment | None) -> None:
    query = select(Appointment.id).where(
        Appointment.mobile == booking.mobile,
        Appointment.starts_at == starts_at,
        Appointment.status != "cancelled",
    )
    if keep is not None:
        query = query.where(Appointment.id != keep.id)
    if db.session().scalar(query.limit(1)) is not None:
        raise BookingConflict(
            "There is already a visit for this mobile number at that time. "
            "Open it from the board to change it instead."
        )


def _apply(appointment: Appointment, booking: Booking, starts_at: datetime) -> None:
    appointment.client_name = booking.client_name
    appointment.mobile = booking.mobile
    appointment.language = booking.language
    appointment.starts_at = starts_at
    appointment.visit_date = booking.day
    appointment.service = booking.service
    appointment.specialist_id = booking.specialist_id


def book(booking: Booking) -> tuple[Appointment, str]:
    """Add a visit with its invitation; return it and the invitation's only plain token."""
    starts_at = clinic_start(booking.day, booking.at)
    _check_free(booking, starts_at, None)
    appointment = Appointment(status="invited")
    _apply(appointment, booking, starts_at)
    token = invitations.issue(appointment)
    db.session().add(appointment)
    db.session().flush()
    _record("appointment_booked", appointment, service=booking.service)
    return appointment, token


def change(appointment: Appointment, booking: Booking) -> bool:
    """Save the front desk's edits; re-assess the intake if the visit moved to another day.

    Returns whether the visit moved to another day.
    """
    starts_at = clinic_start(booking.day, booking.at)
    _check_free(booking, starts_at, appointment)
    old_day, old_start = appointment.visit_date, appointment.starts_at
    _apply(appointment, booking, starts_at)
    moved_day = booking.day != old_day
    if starts_at != old_start:
        _record("appointment_moved", appointment, days=(booking.day - old_day).days)
    else:
        _record("appointment_changed", appointment)
    if moved_day and appointment.submission is not None:
        # Waiting periods count to the visit: a new day may change what the rules find.
        _assess_as_of_visit(appointment)
    return moved_day


def cancel(appointment: Appointment) -> None:
    """Cancel the visit; its invitation link stops working (see invitations.still_works)."""
    appointment.status = "cancelled"
    _record("appointment_cancelled", appointment)


def mark(appointment: Appointment, status: str) -> None:
    """Record that the client came, or did not."""
    if status not in MARKABLE:
        raise ValueError(f"not a status the front desk sets: {status!r}")
    appointment.status = status
    _record("appointment_marked", appointment, status=status)


def reinvite(appointment: Appointment, reason: str) -> str:
    """Make a fresh invitation link (the old one stops working); return its plain token."""
    token = invitations.issue(appointment)
    _record("invitation_issued", appointment, reason=reason)
    return token


def attach(appointment: Appointment, submission: Submission) -> None:
    """Make a submitted intake the visit's own, e.g. a walk-in's sent from the public link."""
    appointment.submission = submission
    if appointment.status in ("invited", "intake_started"):
        appointment.status = "intake_sent"
    _record("intake_attached", appointment)
    if submission.latest_assessment.as_of != appointment.visit_date:
        # A walk-in's intake was assessed as of its sending date; the visit is what counts.
        _assess_as_of_visit(appointment)


def _assess_as_of_visit(appointment: Appointment) -> None:
    submission = appointment.submission
    previous = submission.latest_assessment
    assessment = reassess(submission, appointment.visit_date)
    record_reassessment(submission, previous, assessment)


def attached_elsewhere(submission: Submission) -> Appointment | None:
    """Return the visit an intake already belongs to, if any."""
    return db.session().scalar(
        select(Appointment).where(Appointment.submission_id == submission.id)
    )


def intake_saved(draft: Draft) -> None:
    """Note that a client working from an invitation has saved a step."""
    appointment = _of(draft)
    if appointment is not None and appointment.status == "invited":
        appointment.status = "intake_started"
        _record("intake_started", appointment)


def intake_sent(draft: Draft, submission: Submission) -> None:
    """Attach the intake a client sent from an invitation to that visit, if still free."""
    appointment = _of(draft)
    if appointment is not None and appointment.submission_id is None:
        attach(appointment, submission)


def visit_date_of_draft(draft: Draft) -> date | None:
    """Return the day of the visit a draft was started for, if it came from an invitation."""
    appointment = _of(draft)
    if appointment is None or appointment.status == "cancelled":
        return None
    return appointment.visit_date


def visit_of_sent(draft: Draft, submission: Submission) -> Appointment | None:
    """Return the visit a sent intake is for: the one it belongs to, else its invitation's.

    A walk-in's intake attached afterwards has no invitation; an invited client who sent a
    second intake has a visit that kept the first. Either way the client has a visit.
    """
    appointment = attached_elsewhere(submission) or _of(draft)
    if appointment is None or appointment.status == "cancelled":
        return None
    return appointment


def _of(draft: Draft) -> Appointment | None:
    if draft.appointment_id is None:
        return None
    return db.session().get(Appointment, draft.appointment_id)


def _record(action: str, appointment: Appointment, **detail) -> None:
    # Ids and codes only: a client's name or number never goes into the audit trail.
    audit.record(action, appointment.submission, {"appointment": appointment.id, **detail})
