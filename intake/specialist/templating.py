"""What the specialist templates use: the shared wording and the clinic's local time."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app

from intake.specialist import bp, sign_in_bp
from intake.wording import (
    CONCERNS,
    CONSENTS,
    DECISIONS,
    LANGUAGES,
    OUTCOMES,
    RATINGS,
    SEVERITIES,
    STATUSES,
    span,
    words,
)


@bp.app_template_filter("clinic_time")
def clinic_time(moment: datetime | None, short: bool = False) -> str:
    """Format a stored UTC time as the clinic's local date and time (``short``: no year)."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(current_app.config["CLINIC_TIMEZONE"]))
    return local.strftime("%-d %b, %H:%M" if short else "%-d %b %Y, %H:%M")


@bp.app_template_filter("concern_label")
def concern_label(code: str) -> str:
    """Return the words for a concern code."""
    return words(CONCERNS, code)


@bp.context_processor
@sign_in_bp.context_processor
def _vocabularies() -> dict:
    return {
        "words": words,
        "span": span,
        "OUTCOMES": OUTCOMES,
        "STATUSES": STATUSES,
        "CONCERNS": CONCERNS,
        "SEVERITIES": SEVERITIES,
        "RATINGS": RATINGS,
        "DECISIONS": DECISIONS,
        "CONSENTS": CONSENTS,
        # Not LANGUAGES: that global names each language in its own script for the client.
        "LANGUAGE_NAMES": LANGUAGES,
    }
