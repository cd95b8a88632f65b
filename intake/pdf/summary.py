"""The specialist's PDF summary of one submission: what it shows, and one render per state."""

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.db import utcnow
from intake.models import PdfDocument, Photo, Submission
from intake.pdf import answers, render
from intake.pdf.fetcher import photo_url
from intake.rules import get_ruleset
from intake.wording import (
    AREAS,
    CONCERNS,
    CONSENTS,
    DECISIONS,
    LANGUAGES,
    OUTCOMES,
    RATINGS,
    SEVERITIES,
    describe_because,
    local_time,
    long_date,
    severity_rank,
    span,
    window_end,
    words,
)

log = logging.getLogger(__name__)

Sections = Callable[[dict], list[tuple[str, list[tuple[str, str]]]]]
FreeTexts = Callable[[dict], list[tuple[str, str]]]

# Plans and notes cite sources inline, as "(S47)" or "(S27; contested)".
_SOURCE_ID = re.compile(r"\bS\d+[a-z]?\b")
DEFAULT_TIMEZONE = "Asia/Kolkata"


class PdfRenderError(Exception):
    """The summary could not be rendered; the submission is untouched and a retry may work."""


def summary_context(
    submission: Submission,
    *,
    sections: Sections,
    free_texts: FreeTexts,
    sources: Mapping[str, str],
    clinic_name: str,
    timezone: str,
    generated_at: datetime,
) -> dict:
    """Gather everything the summary shows, in words, from the committed records."""
    assessment = submission.latest_assessment
    result = assessment.result
    cited: set[str] = set()
    findings = []
    for flag in sorted(result["flags"], key=lambda f: severity_rank(f["severity"])):
        cited.update(flag["sources"])
        findings.append(
            {
                "severity": flag["severity"],
                "severity_words": words(SEVERITIES, flag["severity"]),
                "title": flag["title"],
                "explanation": flag["explanation"],
                "concern": words(CONCERNS, flag["concern"]),
                "because": describe_because(flag["because"], submission.facts),
                "sources": flag["sources"],
                "contested": flag["contested"],
                "window_end": window_end(flag, assessment.as_of),
            }
        )
    counts = Counter(flag["severity"] for flag in result["flags"])
    concerns = []
    for concern, entry in result["per_concern"].items():
        plan = entry["plan"]
        texts = [entry.get("notes") or "", *plan.get("adjuncts", []), *plan.get("alternatives", [])]
        cited.update(_SOURCE_ID.findall(" ".join(texts)))
        concerns.append(
            {
                "name": words(CONCERNS, concern),
                "rating": entry["rating"],
                "rating_words": words(RATINGS, entry["rating"]),
                "needle_depth": span(plan.get("needle_depth_mm"), "mm"),
                "sessions": span(plan.get("sessions")),
                "interval": span(plan.get("interval_weeks"), "weeks"),
                "adjuncts": plan.get("adjuncts", []),
                "alternatives": plan.get("alternatives", []),
                "notes": entry.get("notes") or "",
            }
        )
    decision = submission.latest_decision
    return {
        "clinic_name": clinic_name,
        "reference": submission.reference,
        "full_name": submission.full_name,
        "age": submission.age,
        "date_of_birth": long_date(submission.date_of_birth),
        "submitted_at": local_time(submission.submitted_at, timezone),
        "language": words(LANGUAGES, submission.language),
        "form_version": submission.form_version,
        "rules_version": assessment.rules_version,
        "assessed_at": local_time(assessment.created_at, timezone),
        "as_of": long_date(assessment.as_of),
        "generated_at": local_time(generated_at, timezone),
        "overall": result["overall"],
        "overall_words": words(OUTCOMES, result["overall"]),
        "counts": {severity: counts.get(severity, 0) for severity in SEVERITIES},
        "findings": findings,
        "concerns": concerns,
        "free_texts": free_texts(submission.answers),
        "sections": sections(submission.answers),
        "consents": [
            {
                "kind": words(CONSENTS, consent.kind),
                "given": consent.given,
                "text_version": consent.text_version,
                "language": words(LANGUAGES, consent.language),
                "given_at": local_time(consent.given_at, timezone),
            }
            for consent in submission.consents
        ],
        "decision": decision
        and {
            "outcome_words": words(DECISIONS, decision.outcome),
            "by": decision.user.display_name,
            "at": local_time(decision.created_at, timezone),
            "override_reason": decision.override_reason or "",
            "notes": decision.notes or "",
            "on_latest_assessment": decision.assessment_id == assessment.id,
        },
        "citations": [
            (source_id, sources.get(source_id, "Not in the current rule set's source list."))
            for source_id in sorted(cited, key=_source_order)
        ],
    }


def _source_order(source_id: str) -> tuple[int, str]:
    digits = re.match(r"S(\d+)", source_id)
    return (int(digits.group(1)) if digits else 0, source_id)


def cache_key(submission: Submission) -> str:
    """Name one state of a submission's summary: assessment, decision, look and clinic."""
    decision = submission.latest_decision
    parts = [
        str(submission.id),
        str(submission.latest_assessment.id),
        str(decision.id) if decision else "none",
        render.asset_version(),
        current_app.config["CLINIC_NAME"],
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def summary_pdf(session: Session, submission: Submission) -> bytes:
    """Return the summary PDF: the stored copy for this state, else render and store it."""
    key = cache_key(submission)
    stored = session.scalar(select(PdfDocument.content).where(PdfDocument.cache_key == key))
    if stored is not None:
        return stored
    config = current_app.config
    try:
        # English for the specialist, whatever language this request speaks.
        with force_locale("en"):
            context = summary_context(
                submission,
                sections=answers.answer_sections,
                free_texts=answers.free_text_answers,
                sources=get_ruleset(config["RULES_DIR"]).sources,
                clinic_name=config["CLINIC_NAME"],
                timezone=config.get("CLINIC_TIMEZONE", DEFAULT_TIMEZONE),
                generated_at=utcnow(),
            )
            photos = _photos(session, submission)
            context["photos"] = [caption for caption, _content in photos.values()]
            context["photo_files"] = {url: content for url, (_caption, content) in photos.items()}
            content = render.render_summary_pdf(context)
    except Exception as error:
        # The id only: messages from the renderer or the data can quote what the client typed.
        log.error("pdf render failed for submission %s (%s)", submission.id, type(error).__name__)
        raise PdfRenderError(submission.id) from None
    _store(session, submission.id, key, content)
    return content


def _photos(session: Session, submission: Submission) -> dict[str, tuple[dict, bytes]]:
    """Return each photo's private URL with its caption and its bytes, in the order added."""
    rows = session.execute(
        select(Photo.id, Photo.concern, Photo.area, Photo.content)
        .where(Photo.submission_id == submission.id)
        .order_by(Photo.id)
    )
    photos = {}
    for number, (photo_id, concern, area, content) in enumerate(rows, start=1):
        caption = {
            "url": photo_url(photo_id),
            "number": number,
            "concern": words(CONCERNS, concern),
            "area": words(AREAS, area) if area else "",
        }
        photos[caption["url"]] = (caption, content)
    return photos


def _store(session: Session, submission_id: int, key: str, content: bytes) -> None:
    """Keep this render as the submission's only cached copy; a twin from another worker wins."""
    try:
        with session.begin_nested():
            session.execute(delete(PdfDocument).where(PdfDocument.submission_id == submission_id))
            session.add(PdfDocument(submission_id=submission_id, cache_key=key, content=content))
    except IntegrityError:
        # Another worker stored the same state first; its bytes are as good as ours.
        pass
