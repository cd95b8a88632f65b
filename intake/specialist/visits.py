"""The front desk's pages: the day's board, booking and changing visits, sending invitations."""

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import select

from intake import db
from intake.clinic_time import clinic_today
from intake.db import utcnow
from intake.models import Appointment, User
from intake.specialist import bp
from intake.specialist.forms import AttachForm, BoardForm, VisitForm
from intake.specialist.references import find_submission
from intake.visits import appointments, invitations, notifications
from intake.visits.board import visits_on
from intake.visits.phones import readable
from intake.wording import VISIT_STATUSES

# Where the plain invitation token waits for the one page that shows it, then is dropped.
_FRESH_LINK = "fresh_invitation"
_LINK_REASONS = ("new_link", "reminder")


def _visit(visit_id: int) -> Appointment:
    appointment = db.session().get(Appointment, visit_id)
    if appointment is None:
        abort(404)
    return appointment


def _specialists() -> list[User]:
    return list(
        db.session().scalars(
            select(User)
            .where(User.role.in_(("specialist", "admin")), User.is_active.is_(True))
            .order_by(User.display_name)
        )
    )


def _booking(form: VisitForm) -> appointments.Booking:
    return appointments.Booking(
        client_name=form.client_name.data.strip(),
        mobile=form.e164,
        language=form.language.data,
        day=form.day.data,
        at=form.at.data.replace(second=0, microsecond=0),
        service=form.service.data,
        specialist_id=int(form.specialist.data) if form.specialist.data else None,
    )


def _show_link(appointment: Appointment, token: str):
    session[_FRESH_LINK] = {"visit": appointment.id, "token": token}
    return redirect(url_for("specialist.invite", visit_id=appointment.id), 303)


@bp.get("/visits")
def board():
    """Show today's and tomorrow's visits, or one chosen day's."""
    form = BoardForm(request.args)
    today = clinic_today()
    if form.validate() and form.day.data:
        days = [form.day.data]
    else:
        days = [today, today + timedelta(days=1)]
    clinical = not current_user.is_front_desk
    return render_template(
        "specialist/board.html",
        form=form,
        today=today,
        days=[(day, visits_on(day, clinical=clinical)) for day in days],
        clinical=clinical,
    ), (400 if form.errors else 200)


@bp.route("/visits/new", methods=["GET", "POST"])
def new_visit():
    """Book a visit and make its invitation link."""
    form = VisitForm(specialists=_specialists())
    if request.method == "GET":
        form.day.data = clinic_today() + timedelta(days=1)
    if form.validate_on_submit():
        if form.day.data < clinic_today():
            form.day.errors.append("Choose today or a later date: this one has passed.")
        else:
            try:
                appointment, token = appointments.book(_booking(form))
            except appointments.BookingConflict as conflict:
                form.at.errors.append(str(conflict))
            else:
                flash("Visit booked. Send the client their invitation below.", "notice")
                return _show_link(appointment, token)
    status = 400 if form.errors else 200
    return render_template("specialist/visit_form.html", form=form, appointment=None), status


def _filled_form(appointment: Appointment) -> VisitForm:
    start = invitations.local_start(appointment)
    return VisitForm(
        formdata=None,
        specialists=_specialists(),
        data={
            "client_name": appointment.client_name,
            "mobile": readable(appointment.mobile),
            "language": appointment.language,
            "day": start.date(),
            "at": start.time(),
            "service": appointment.service,
            "specialist": str(appointment.specialist_id or ""),
        },
    )


def _render_visit(appointment: Appointment, form: VisitForm, attach: AttachForm, status=200):
    return render_template(
        "specialist/visit_form.html",
        form=form,
        attach=attach,
        appointment=appointment,
        shown_status=appointments.shown_status(appointment),
        markable=appointments.MARKABLE,
        link_works=invitations.still_works(appointment, utcnow()),
    ), status


@bp.route("/visits/<int:visit_id>", methods=["GET", "POST"])
def edit_visit(visit_id: int):
    """Change or move a visit; moving it to another day re-assesses its intake."""
    appointment = _visit(visit_id)
    if request.method == "GET":
        return _render_visit(appointment, _filled_form(appointment), AttachForm(formdata=None))
    form = VisitForm(specialists=_specialists())
    if appointment.status == "cancelled":
        flash("This visit is cancelled and cannot be changed; book a new one instead.")
        return redirect(url_for("specialist.edit_visit", visit_id=visit_id), 303)
    if form.validate_on_submit():
        booking = _booking(form)
        moving = appointments.clinic_start(booking.day, booking.at) != appointment.starts_at
        if moving and booking.day < clinic_today():
            form.day.errors.append("Choose today or a later date: this one has passed.")
        else:
            try:
                moved_day = appointments.change(appointment, booking)
            except appointments.BookingConflict as conflict:
                form.at.errors.append(str(conflict))
            else:
                flash(
                    "Visit moved; its intake was assessed again for the new date."
                    if moved_day and appointment.submission_id
                    else "Visit saved.",
                    "notice",
                )
                return redirect(url_for("specialist.board", day=booking.day.isoformat()), 303)
    return _render_visit(appointment, form, AttachForm(formdata=None), 400)


@bp.post("/visits/<int:visit_id>/cancel")
def cancel_visit(visit_id: int):
    """Cancel a visit; its invitation link stops working."""
    appointment = _visit(visit_id)
    if appointment.status != "cancelled":
        appointments.cancel(appointment)
        flash("Visit cancelled. Its invitation link no longer works.", "notice")
    return redirect(url_for("specialist.board", day=appointment.visit_date.isoformat()), 303)


@bp.post("/visits/<int:visit_id>/mark")
def mark_visit(visit_id: int):
    """Record that the client arrived, or did not come."""
    appointment = _visit(visit_id)
    status = request.form.get("status", "")
    if status not in appointments.MARKABLE or appointment.status == "cancelled":
        abort(400)
    appointments.mark(appointment, status)
    flash(f"Marked as {VISIT_STATUSES[status].lower()}.", "notice")
    return redirect(url_for("specialist.board", day=appointment.visit_date.isoformat()), 303)


@bp.post("/visits/<int:visit_id>/link")
def new_link(visit_id: int):
    """Make a fresh invitation link (for a reminder or a lost one); the old one stops working."""
    appointment = _visit(visit_id)
    reason = request.form.get("reason", "new_link")
    if reason not in _LINK_REASONS:
        abort(400)
    if not invitations.still_works(appointment, utcnow()):
        flash("This visit is cancelled or over: it has no invitation to send.")
        return redirect(url_for("specialist.edit_visit", visit_id=visit_id), 303)
    token = appointments.reinvite(appointment, reason)
    return _show_link(appointment, token)


@bp.get("/visits/<int:visit_id>/invite")
def invite(visit_id: int):
    """Show the invitation just made: WhatsApp, SMS, copy and a QR code; once only."""
    appointment = _visit(visit_id)
    fresh = session.pop(_FRESH_LINK, None)
    token = fresh["token"] if fresh and fresh.get("visit") == visit_id else None
    url = invitations.link(token) if token else None
    return render_template(
        "specialist/invite.html",
        appointment=appointment,
        start=invitations.local_start(appointment),
        mobile=readable(appointment.mobile),
        url=url,
        whatsapp=invitations.whatsapp_url(appointment, url) if url else None,
        sms=invitations.sms_url(appointment, url) if url else None,
        text=invitations.message(appointment, url) if url else None,
        qr=invitations.qr_svg(url) if url else None,
        works=invitations.still_works(appointment, utcnow()),
    )


@bp.post("/visits/<int:visit_id>/attach")
def attach_intake(visit_id: int):
    """Make an intake sent from the public link (a walk-in's) this visit's own, by reference."""
    appointment = _visit(visit_id)
    attach = AttachForm()
    if attach.validate_on_submit():
        submission = find_submission(attach.reference.data)
        if appointment.submission_id is not None:
            attach.reference.errors.append("This visit already has an intake.")
        elif submission is None:
            attach.reference.errors.append(
                "No intake has that reference. Check it with the client (e.g. K7QM-4ZP9)."
            )
        elif appointments.attached_elsewhere(submission) is not None:
            attach.reference.errors.append("That intake already belongs to another visit.")
        else:
            appointments.attach(appointment, submission)
            notifications.tell_if_flagged(submission)
            flash(f"Intake {submission.reference} attached to this visit.", "notice")
            return redirect(url_for("specialist.edit_visit", visit_id=visit_id), 303)
    return _render_visit(appointment, _filled_form(appointment), attach, 400)
