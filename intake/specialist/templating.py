"""What the specialist templates use: the shared wording and the clinic's local time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from intake.clinic_time import clinic_date
from intake.models import NOT_COMING
from intake.rules.vocabulary import OUTCOMES, RATINGS, SEVERITIES
from intake.specialist import bp, sign_in_bp
from intake.text_cleaning import clean_text
from intake.wording import (
    CONCERNS,
    CONSENTS,
    DECISIONS,
    LANGUAGE_NAMES,
    ROLES,
    SERVICES,
    STATUSES,
    VISIT_STATUSES,
    long_date,
    span,
    window_end,
    words,
)


@bp.app_template_filter("clinic_time")
def clinic_time(moment: datetime | None, short: bool = False) -> str:
    """Format a stored UTC time as the clinic's local date and time (``short``: no year)."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(current_app.config["CLINIC_TIMEZONE"]))
    return local.strftime("%-d %b, %H:%M" if short else "%-d %b %Y, %H:%M")


@bp.app_template_filter("clinic_clock")
def clinic_clock(moment: datetime) -> str:
    """Format a stored UTC time as the clinic's local time of day: 09:30."""
    return moment.astimezone(ZoneInfo(current_app.config["CLINIC_TIMEZONE"])).strftime("%H:%M")


@bp.app_template_filter("clinic_day")
def clinic_day(moment: datetime) -> date:
    """Return the clinic's calendar day a stored UTC time falls on."""
    return clinic_date(moment)


@bp.app_template_filter("typed")
def typed(text: str | None) -> str:
    """Show stored typed text (a name, a note) cleaned as new text is when it is saved."""
    return clean_text(text or "")


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
        "long_date": long_date,
        "window_end": window_end,
        "OUTCOMES": OUTCOMES,
        "STATUSES": STATUSES,
        "CONCERNS": CONCERNS,
        "SEVERITIES": SEVERITIES,
        "RATINGS": RATINGS,
        "DECISIONS": DECISIONS,
        "CONSENTS": CONSENTS,
        "ROLES": ROLES,
        "SERVICES": SERVICES,
        "VISIT_STATUSES": VISIT_STATUSES,
        "NOT_COMING": NOT_COMING,
        # Not LANGUAGES: that global names each language in its own script for the client.
        "LANGUAGE_NAMES": LANGUAGE_NAMES,
    }
