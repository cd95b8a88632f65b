"""Keep a decision that was being typed when the idle timeout struck, for after sign-in."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from intake import db
from intake.db import utcnow
from intake.models import DecisionDraft, Submission, User

# The decision form's fields worth keeping; the CSRF token belongs to the old session.
FIELDS = ("outcome", "notes", "override_reason", "assessment_id", "confirm_replace")


def keep(user: User, reference: str, form) -> Submission | None:
    """Store what was posted to an intake's decision form; return the intake, or None."""
    submission = db.session().scalar(select(Submission).where(Submission.reference == reference))
    if submission is None:
        return None
    hours = current_app.config["DECISION_DRAFT_HOURS"]
    session = db.session()
    session.execute(
        delete(DecisionDraft).where(
            (DecisionDraft.expires_at < utcnow())
            | ((DecisionDraft.user_id == user.id) & (DecisionDraft.submission_id == submission.id))
        )
    )
    fields = {name: form.get(name, "")[:5000] for name in FIELDS if name in form}
    session.add(
        DecisionDraft(
            user_id=user.id,
            submission_id=submission.id,
            fields=fields,
            expires_at=utcnow() + timedelta(hours=hours),
        )
    )
    return submission


def take(user: User, submission: Submission) -> dict | None:
    """Return (and forget) the fields this user left typed on this intake, if still fresh."""
    draft = db.session().scalar(
        select(DecisionDraft).where(
            DecisionDraft.user_id == user.id, DecisionDraft.submission_id == submission.id
        )
    )
    if draft is None:
        return None
    db.session().delete(draft)
    return draft.fields if draft.expires_at > utcnow() else None
