"""Append who did what, when and from where to the audit trail; never any answer content."""

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import Row

from intake import db
from intake.models import AuditEvent, Submission

# Detail values are ids, codes, counts and versions. Anything longer than this is a bug that
# could carry free text a client typed, so it is refused rather than stored.
_MAX_DETAIL_TEXT = 80


def _checked(detail: dict) -> dict:
    for key, value in detail.items():
        if isinstance(value, str) and len(value) > _MAX_DETAIL_TEXT:
            raise ValueError(f"audit detail {key!r} is too long to be a code")
        if isinstance(value, dict | list):
            raise ValueError(f"audit detail {key!r} must be a plain value")
    return detail


def record(
    action: str,
    submission: Submission | Row | None = None,
    detail: dict | None = None,
    *,
    username: str | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction, attributed to the signed-in user.

    ``submission`` is anything with an ``id`` and a ``reference`` (a row will do, for intakes
    about to be purged). Outside a request (a `flask` command) pass ``username``, e.g. "cli".
    """
    event = AuditEvent(action=action, detail=_checked(detail or {}))
    if has_request_context():
        event.address = request.remote_addr
        if current_user and current_user.is_authenticated:
            event.user_id = current_user.id
            event.username = current_user.username
    if username is not None:
        event.username = username
    if submission is not None:
        event.submission_id = submission.id
        event.reference = submission.reference
    db.session().add(event)
    return event
