"""What a specialist can decide, and when a decision goes against the rules' outcome.

The rules' overall outcome, from most to least permissive: suitable, suitable with
precautions, needs specialist review, not suitable. A decision goes against it, and so
needs a written reason, when it is:

- "proceed" on anything but "suitable" (it sets aside precautions, review items or
  contraindications the rules found);
- "proceed with precautions" on "needs specialist review" or "not suitable" (a go-ahead
  the rules could not give);
- "decline" on "suitable" or "suitable with precautions" (a refusal the rules did not find
  grounds for).

"Needs in-person consultation" never goes against the rules: it defers the decision.
"""

from zoneinfo import ZoneInfo

from flask import current_app

from intake.db import utcnow
from intake.models import Decision
from intake.wording import DECISIONS, words

_AGAINST = {
    "proceed": {"suitable_with_precautions", "needs_specialist_review", "not_suitable"},
    "proceed_with_precautions": {"needs_specialist_review", "not_suitable"},
    "decline": {"suitable", "suitable_with_precautions"},
    "needs_consultation": set(),
}


def goes_against(decision: str, overall: str) -> bool:
    """Say whether a decision differs from the rules' overall outcome (see the module doc)."""
    return overall in _AGAINST[decision]


def replacing(decision: Decision) -> str:
    """Name a decision that a new one would replace: "the decision of 2 Dec by Dr Sen (Decline)"."""
    local = decision.created_at.astimezone(ZoneInfo(current_app.config["CLINIC_TIMEZONE"]))
    day = f"{local.day} {local:%b}"
    if local.year != utcnow().year:
        day += f" {local.year}"
    name = decision.user.display_name
    return f"the decision of {day} by {name} ({words(DECISIONS, decision.outcome)})"
