"""Drafts: the resume token that reaches one, and the answers saved into it step by step."""

import hashlib
import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from intake.models import Draft, EndedLink
from intake.questionnaire import QUESTION_STEPS, first_unfinished_step, unfinished_steps
from intake.questionnaire.fields import StepForm

# A draft nobody has named nor taken past one step is most likely abandoned, or a script's:
# it lasts a day, not the resume link's full life.
UNCLAIMED_LIFETIME = timedelta(hours=24)


def new_token() -> str:
    """Return a fresh resume token: 24 random bytes (192 bits), URL-safe."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """Return the hash stored in place of the token, so a database copy opens no draft."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_draft(session: Session, language: str, now: datetime) -> tuple[Draft, str]:
    """Add an empty draft, kept for a day until claimed, with its (only) copy of the token."""
    token = new_token()
    draft = Draft(
        token_hash=token_hash(token),
        language=language,
        answers={},
        created_at=now,
        updated_at=now,
        expires_at=now + UNCLAIMED_LIFETIME,
    )
    session.add(draft)
    session.flush()
    return draft, token


# Every client page reads its draft: the statement is built once, not per request (building
# it cost about as much as SQLAlchemy's whole cached execution of it).
_BY_TOKEN_HASH = select(Draft).where(Draft.token_hash == bindparam("token_hash"))
_BY_TOKEN_HASH_FOR_UPDATE = _BY_TOKEN_HASH.with_for_update()


def find_draft(session: Session, token: str, *, for_update: bool = False) -> Draft | None:
    """Return the draft a token opens, expired or not; None for an unknown token."""
    query = _BY_TOKEN_HASH_FOR_UPDATE if for_update else _BY_TOKEN_HASH
    return session.scalars(query, {"token_hash": token_hash(token)}).first()


def end_drafts(session: Session, which: ColumnElement[bool], now: datetime) -> None:
    """Delete the drafts ``which`` selects; their links, until they would have expired, say
    that they no longer work instead of looking mistyped."""
    live = select(Draft.token_hash, Draft.expires_at).where(which, Draft.expires_at > now)
    session.execute(insert(EndedLink).from_select(["token_hash", "expires_at"], live))
    session.execute(delete(Draft).where(which))


def link_ended(session: Session, token: str) -> bool:
    """Say whether a token opened a draft that was ended early (started again, or purged)."""
    return session.get(EndedLink, token_hash(token)) is not None


def is_expired(draft: Draft, now: datetime) -> bool:
    """Say whether the draft's resume link no longer works."""
    return draft.expires_at <= now


def is_claimed(answers: dict) -> bool:
    """Say whether a client has given a name or answered more than one step."""
    return len(answers) > 1 or bool(answers.get("about", {}).get("full_name"))


def save_step(draft: Draft, step: str, values: dict, now: datetime, days: int) -> None:
    """Store one step's answers; a claimed draft's link then lasts another ``days``."""
    # A new dict, so the JSON column sees the change.
    draft.answers = {**draft.answers, step: values}
    draft.updated_at = now
    # Worked out once the request's saving is done (remember_where_to_continue).
    draft.continue_at = None
    if is_claimed(draft.answers):
        draft.expires_at = now + timedelta(days=days)
    else:
        draft.expires_at = draft.created_at + UNCLAIMED_LIFETIME


def remember_where_to_continue(draft: Draft, today: date) -> None:
    """Keep on the draft the step its client continues at, so the landing page need not check."""
    draft.continue_at = first_unfinished_step(draft.answers, today)
    draft.continue_at_on = today


def where_to_continue(draft: Draft, today: date) -> str:
    """Return the step a returning client continues at: as saved, else worked out again.

    Worked out again for drafts saved before it was kept, and on a later day, when the
    checks of dates (an age, "within the last months") may say otherwise.
    """
    if draft.continue_at is not None and draft.continue_at_on == today:
        return draft.continue_at
    return first_unfinished_step(draft.answers, today)


def unfinished(draft: Draft, today: date, forms: dict[str, StepForm] | None = None) -> list[str]:
    """Return the question steps still to finish, checking only those after the kept step.

    The step kept to continue at is the first unfinished one: those before it passed their
    checks and it did not, so only the steps after it are checked again (none at the review).
    ``forms``: the question steps' forms, already built from the draft's answers.
    """
    kept = draft.continue_at in QUESTION_STEPS or draft.continue_at == "review"
    if not kept or draft.continue_at_on != today:
        return unfinished_steps(draft.answers, today, forms)
    if draft.continue_at == "review":
        return []
    later = QUESTION_STEPS[QUESTION_STEPS.index(draft.continue_at) + 1 :]
    return [draft.continue_at, *unfinished_steps(draft.answers, today, forms, steps=later)]
