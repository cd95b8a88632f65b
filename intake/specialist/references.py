"""Find an intake by the reference a person typed, however they typed it."""

import re

from sqlalchemy import select

from intake import db
from intake.models import Submission

_DASHES = re.compile(r"[\-‐‑‒–—―_]")
_LONGEST = 16


def reference_candidates(typed: str) -> list[str]:
    """Return the stored forms a typed reference can have: any case, with or without a hyphen.

    People drop or misplace the hyphen when reading a code aloud, so the compact form and
    the forms with one hyphen at each position are all looked up (each through the unique
    index on the reference).
    """
    compact = _DASHES.sub("", "".join(typed.split())).upper()
    if not compact.isalnum() or not compact.isascii() or len(compact) > _LONGEST:
        return []
    typed_form = _DASHES.sub("-", "".join(typed.split())).upper()
    hyphenated = {compact[:i] + "-" + compact[i:] for i in range(1, len(compact))}
    return sorted({compact, typed_form, *hyphenated} - {""})


def find_submission(typed: str) -> Submission | None:
    """Return the intake with this reference, or None."""
    candidates = reference_candidates(typed)
    if not candidates:
        return None
    return db.session().scalar(select(Submission).where(Submission.reference.in_(candidates)))
