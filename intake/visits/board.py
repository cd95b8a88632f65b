"""The day's board: each visit of a day with its status, and for specialists what to read first."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import load_only, selectinload

from intake import db
from intake.db import utcnow
from intake.models import Appointment, Assessment, Submission
from intake.rules.vocabulary import severity_rank
from intake.visits import invitations
from intake.visits.appointments import shown_status

# Outcomes a specialist should read before the day starts, most pressing first.
ATTENTION = ("not_suitable", "needs_specialist_review")
TOP_REASONS = 3
# Statuses whose client has not sent an intake yet and can be reminded.
REMINDABLE = ("invited", "intake_started")


@dataclass
class Row:
    """One visit on the board."""

    appointment: Appointment
    status: str
    can_remind: bool
    outcome: str | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return self.outcome in ATTENTION and self.status != "cancelled"


def _latest_results(submission_ids: list[int]) -> dict[int, dict]:
    """Return each submission's latest assessment result, in one query."""
    if not submission_ids:
        return {}
    latest = (
        select(func.max(Assessment.id))
        .where(Assessment.submission_id.in_(submission_ids))
        .group_by(Assessment.submission_id)
    )
    rows = db.session().execute(
        select(Assessment.submission_id, Assessment.result).where(Assessment.id.in_(latest))
    )
    return {submission_id: result for submission_id, result in rows}


def top_reasons(result: dict) -> list[str]:
    """Return the titles of the most serious findings of an assessment."""
    flags = sorted(result.get("flags", []), key=lambda f: severity_rank(f.get("severity", "")))
    return [flag.get("title", "") for flag in flags[:TOP_REASONS]]


def visits_on(day: date, *, clinical: bool) -> list[Row]:
    """Return the day's visits in time order; for a specialist, those needing attention first.

    ``clinical`` is False for the front desk: no outcome, no reasons, and an order that
    does not give away which intakes the rules flagged.
    """
    appointments = db.session().scalars(
        select(Appointment)
        .where(Appointment.visit_date == day)
        .order_by(Appointment.starts_at, Appointment.id)
        .options(
            selectinload(Appointment.specialist),
            selectinload(Appointment.submission).options(
                load_only(Submission.reference, Submission.status, Submission.outcome)
            ),
        )
    )
    now = utcnow()
    rows = []
    for appointment in appointments:
        status = shown_status(appointment)
        remindable = status in REMINDABLE and invitations.still_works(appointment, now)
        rows.append(Row(appointment, status, remindable))
    if not clinical:
        return rows
    results = _latest_results(
        [
            r.appointment.submission_id
            for r in rows
            if r.status != "cancelled" and r.appointment.submission_id
        ]
    )
    for row in rows:
        result = results.get(row.appointment.submission_id)
        if result is not None:
            row.outcome = result.get("overall")
            row.reasons = top_reasons(result)
    # sorted() is stable: within each group the visits stay in time order.
    return sorted(rows, key=lambda r: ATTENTION.index(r.outcome) if r.needs_attention else 2)
