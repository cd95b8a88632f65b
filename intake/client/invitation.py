"""The page a visit's invitation link opens, and starting the intake that belongs to it."""

from flask import redirect, render_template, session, url_for

from intake import db
from intake.client import drafts
from intake.client.views import bp, current_draft, days_valid
from intake.clinic_time import clinic_today
from intake.db import utcnow
from intake.models import Appointment
from intake.questionnaire import STEPS
from intake.visits import invitations
from intake.visits.phones import readable

# Longer than any token we issue; anything longer is not worth hashing.
_TOKEN_LIMIT = 64


def _open(token: str) -> tuple[Appointment | None, tuple | None]:
    """Return the visit a link opens, or the problem page to answer with instead."""
    appointment = invitations.find(token) if len(token) <= _TOKEN_LIMIT else None
    if appointment is None:
        return None, (render_template("client/invitation_problem.html", problem="unknown"), 404)
    if not invitations.still_works(appointment, utcnow()):
        return None, (render_template("client/invitation_problem.html", problem="closed"), 410)
    # The client reads the intake in the language the front desk booked them in.
    session["lang"] = appointment.language
    return appointment, None


def _own_draft(appointment: Appointment):
    draft = current_draft()
    if draft is not None and draft.appointment_id == appointment.id:
        return draft
    return None


@bp.get("/visit/<token>")
def invitation(token: str):
    """Greet an invited client with their visit, in their language."""
    appointment, problem = _open(token)
    if problem:
        return problem
    draft = _own_draft(appointment)
    return render_template(
        "client/invitation.html",
        appointment=appointment,
        visit=invitations.when(appointment),
        sent=appointment.submission_id is not None,
        started=draft is not None and draft.submission_id is None,
    )


@bp.post("/visit/<token>")
def start_invited(token: str):
    """Start (or continue) this visit's intake with the name and number already filled in."""
    appointment, problem = _open(token)
    if problem:
        return problem
    if appointment.submission_id is not None:
        return redirect(url_for("client.invitation", token=token), 303)
    draft = _own_draft(appointment)
    if draft is not None and draft.submission_id is None:
        step = drafts.where_to_continue(draft, clinic_today())
        return redirect(url_for("client.step", step=step), 303)
    about = {"full_name": appointment.client_name, "phone": readable(appointment.mobile)}
    draft, draft_token = drafts.create_draft(db.session(), appointment.language, utcnow())
    # Named by the clinic, so claimed from the start: its link lasts as any client's would.
    drafts.save_step(draft, "about", about, utcnow(), days_valid())
    draft.appointment_id = appointment.id
    session["draft_token"] = draft_token
    return redirect(url_for("client.step", step=STEPS[0]), 303)
