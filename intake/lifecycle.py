"""The end of an intake's life: export for a client's access request, purge after retention."""

import base64
from datetime import datetime

from sqlalchemy import Row, delete, select

from intake import db
from intake.client import drafts
from intake.db import utcnow
from intake.models import (
    AddressCount,
    AuditEvent,
    DecisionDraft,
    Draft,
    EndedLink,
    LoginAttempt,
    Photo,
    Submission,
)

# Purge in slices so one run over years of intakes never holds a huge transaction's locks.
_PURGE_BATCH = 500


def export_record(submission: Submission) -> dict:
    """Return everything stored about one intake, as JSON-ready data (photos in base64)."""
    return {
        "reference": submission.reference,
        "submitted_at": submission.submitted_at.isoformat(),
        "language": submission.language,
        "form_version": submission.form_version,
        "full_name": submission.full_name,
        "date_of_birth": submission.date_of_birth.isoformat(),
        "age": submission.age,
        "answers": submission.answers,
        "facts": submission.facts,
        "concerns": sorted(c.concern for c in submission.concerns),
        "consents": [
            {
                "kind": c.kind,
                "given": c.given,
                "text_version": c.text_version,
                "language": c.language,
                "given_at": c.given_at.isoformat(),
            }
            for c in submission.consents
        ],
        "assessments": [
            {
                "created_at": a.created_at.isoformat(),
                "rules_version": a.rules_version,
                "as_of": a.as_of.isoformat(),
                "overall": a.overall,
                "result": a.result,
            }
            for a in submission.assessments
        ],
        "review_status": submission.status,
        "decisions": [
            {
                "created_at": d.created_at.isoformat(),
                "by": d.user.display_name,
                "outcome": d.outcome,
                "notes": d.notes,
                "override_reason": d.override_reason,
            }
            for d in submission.decisions
        ],
        "photos": _export_photos(submission),
    }


def _export_photos(submission: Submission) -> list[dict]:
    photos = db.session().scalars(
        select(Photo).where(Photo.submission_id == submission.id).order_by(Photo.id)
    )
    # Inside the JSON, so the one file a client is sent holds everything kept about them.
    return [
        {
            "concern": p.concern,
            "area": p.area,
            "media_type": p.media_type,
            "width": p.width,
            "height": p.height,
            "size": p.size,
            "sha256": p.sha256,
            "added_by": p.added_by,
            "added_at": p.added_at.isoformat(),
            "content_base64": base64.b64encode(p.content).decode("ascii"),
        }
        for p in photos
    ]


def submissions_older_than(cutoff: datetime) -> list[Row]:
    """Return the id and reference of every intake submitted before the cutoff, oldest first."""
    rows = db.session().execute(
        select(Submission.id, Submission.reference)
        .where(Submission.submitted_at < cutoff)
        .order_by(Submission.submitted_at, Submission.id)
    )
    return list(rows)


def delete_submissions(ids: list[int]) -> None:
    """Delete intakes with their drafts and everything hanging off them (the database cascades)."""
    for start in range(0, len(ids), _PURGE_BATCH):
        batch = ids[start : start + _PURGE_BATCH]
        # The drafts they came from hold the same answers, and their links would reopen them.
        drafts.end_drafts(db.session(), Draft.submission_id.in_(batch), utcnow())
        db.session().execute(delete(Submission).where(Submission.id.in_(batch)))


def delete_expired_drafts() -> int:
    """Delete unfinished intakes whose resume link has expired (and the marks of ended links
    past their expiry), and decisions typed before a timeout that nobody came back for;
    return how many unfinished intakes."""
    db.session().execute(delete(DecisionDraft).where(DecisionDraft.expires_at < utcnow()))
    db.session().execute(delete(EndedLink).where(EndedLink.expires_at < utcnow()))
    result = db.session().execute(delete(Draft).where(Draft.expires_at < utcnow()))
    return result.rowcount


def delete_login_attempts_before(cutoff: datetime) -> int:
    """Forget sign-in attempts (usernames and addresses) older than the cutoff."""
    result = db.session().execute(delete(LoginAttempt).where(LoginAttempt.at < cutoff))
    return result.rowcount


def delete_address_counts_before(cutoff: datetime) -> int:
    """Forget the per-address counts (client addresses) of hours before the cutoff."""
    result = db.session().execute(delete(AddressCount).where(AddressCount.hour < cutoff))
    return result.rowcount


def delete_audit_events_before(cutoff: datetime) -> int:
    """Delete audit events older than the cutoff: they outlive no intake's retention."""
    result = db.session().execute(delete(AuditEvent).where(AuditEvent.at < cutoff))
    return result.rowcount
