"""The specialist's PDF summary of one submission: what it shows, and one render per state."""

import hashlib
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, object_session

from intake.db import utcnow
from intake.glance import answer_sections, client_header
from intake.models import PdfDocument, Photo, Submission
from intake.pdf import render
from intake.pdf.assets import photo_url
from intake.pdf.render_process import RenderFailed
from intake.rules import current_ruleset
from intake.rules.vocabulary import OUTCOMES, RATINGS, SEVERITIES, severity_rank
from intake.text_cleaning import clean_text
from intake.wording import (
    AREAS,
    CONCERNS,
    CONSENTS,
    DECISIONS,
    LANGUAGE_NAMES,
    describe_because,
    local_time,
    long_date,
    span,
    window_end,
    words,
)

log = logging.getLogger(__name__)

Sections = Callable[[dict], list[tuple[str, list[tuple[str, str]]]]]

# Plans and notes cite sources inline, as "(S47)" or "(S27; contested)".
_SOURCE_ID = re.compile(r"\bS\d+[a-z]?\b")
# A link, and the ", summary:" or "; see" words that introduce it.
_LINK = re.compile(r"(?:[,;]?\s*(?:summary|see|via)\s*:?)?\s*\bhttps?://\S+", re.IGNORECASE)
_SOURCES_IN_BRACKETS = re.compile(r"\s*\([^)]*\bS\d+[^)]*\)")
DEFAULT_TIMEZONE = "Asia/Kolkata"
_POLL_SECONDS = 0.05


class PdfRenderError(Exception):
    """The summary could not be rendered; the submission is untouched and a retry may work."""


def summary_context(
    submission: Submission,
    *,
    sections: Sections,
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
                "reason": one_line(flag["explanation"]),
                "because": describe_because(flag["because"], submission.facts, submission.answers),
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
                "line": plan_line(plan),
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
        "header": client_header(submission),
        "clinic_name": clinic_name,
        "reference": submission.reference,
        # Typed text stored before today's cleaning rules is cleaned as it is shown.
        "full_name": clean_text(submission.full_name),
        "age": submission.age,
        "date_of_birth": long_date(submission.date_of_birth),
        "submitted_at": local_time(submission.submitted_at, timezone),
        "language": words(LANGUAGE_NAMES, submission.language),
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
        "sections": sections(submission.answers),
        "consents": [
            {
                "kind": words(CONSENTS, consent.kind),
                "given": consent.given,
                "text_version": consent.text_version,
                "language": words(LANGUAGE_NAMES, consent.language),
                "given_at": local_time(consent.given_at, timezone),
            }
            for consent in submission.consents
        ],
        "decision": decision
        and {
            "outcome_words": words(DECISIONS, decision.outcome),
            "by": decision.user.display_name,
            "at": local_time(decision.created_at, timezone),
            "override_reason": clean_text(decision.override_reason or ""),
            "notes": clean_text(decision.notes or ""),
            "on_latest_assessment": decision.assessment_id == assessment.id,
            "assessed_at": local_time(decision.assessment.created_at, timezone),
            "assessment_rules": decision.assessment.rules_version,
            "assessment_outcome": words(OUTCOMES, decision.assessment.overall),
        },
        "citations": [
            (source_id, short_citation(sources.get(source_id)))
            for source_id in sorted(cited, key=_source_order)
        ],
    }


def one_line(explanation: str, limit: int = 100) -> str:
    """Return a finding's reason in one line: the first sentence that says something."""
    sentences = [s.strip() for s in re.split(r"(?<=[.])\s+", explanation) if s.strip()]
    # "Contested." opens several explanations; the contested mark already says it.
    meaningful = next((s for s in sentences if len(s) > 20), explanation.strip())
    if len(meaningful) <= limit:
        return meaningful
    return meaningful[: limit - 1].rsplit(" ", 1)[0] + "…"


def plan_line(plan: dict) -> str:
    """Write a concern's plan on one line: depth, sessions, interval and adjuncts."""
    parts = [
        span(plan.get("needle_depth_mm"), "mm"),
        span(plan.get("sessions"), "sessions"),
        (
            f"every {span(plan.get('interval_weeks'), 'weeks')}"
            if plan.get("interval_weeks")
            else None
        ),
    ]
    adjuncts = [_SOURCES_IN_BRACKETS.sub("", item).strip() for item in plan.get("adjuncts", [])]
    if adjuncts:
        parts.append("with " + "; ".join(a.split(":")[0] for a in adjuncts))
    return " · ".join(p for p in parts if p) or "No plan figures: see the notes"


_CITATION_LIMIT = 90


def short_citation(citation: str | None) -> str:
    """Shorten a citation to authors, title and journal: the links stay in the rule set."""
    if citation is None:
        return "Not in the current rule set's source list."
    text = _LINK.sub("", citation)
    text = re.sub(r"[\s,;:]+$", "", re.sub(r"\s{2,}", " ", text)).strip() or citation
    if len(text) <= _CITATION_LIMIT:
        return text
    # Enough to find the work; the rule set keeps the whole reference and its link.
    return text[: text.rfind(" ", 0, _CITATION_LIMIT)].rstrip(" ,;:(") + " …"


def _source_order(source_id: str) -> tuple[int, str]:
    digits = re.match(r"S(\d+)", source_id)
    return (int(digits.group(1)) if digits else 0, source_id)


def cache_key(submission: Submission) -> str:
    """Name one state of a submission's summary: assessment, decision, visit, look and clinic."""
    decision = submission.latest_decision
    # Page 1 shows the visit: a new time or status is a new state (a new day also re-assesses).
    visit = submission.appointment
    parts = [
        str(submission.id),
        str(submission.latest_assessment.id),
        str(decision.id) if decision else "none",
        f"{visit.starts_at.isoformat()} {visit.service} {visit.status}" if visit else "none",
        render.asset_version(),
        current_app.config["CLINIC_NAME"],
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def summary_pdf(session: Session, submission: Submission) -> bytes:
    """Return the summary PDF: the stored copy for this state, else render and store it.

    A state is rendered once: the first worker to ask claims it with a row that has no
    content yet (its cache key is unique), and any other worker asking meanwhile waits for
    that render instead of starting its own. A claim left by a worker that died is taken
    over once it is older than PDF_CLAIM_SECONDS.
    """
    key = cache_key(submission)
    stored = session.scalar(select(PdfDocument.content).where(PdfDocument.cache_key == key))
    if stored is not None:
        return stored
    sessions = current_app.extensions["db_sessionmaker"]
    if not _claim(sessions, submission.id, key):
        rendered = _wait_for(sessions, key)
        if rendered is not None:
            return rendered
    try:
        content = _render(submission)
    except PdfRenderError:
        _release(sessions, key)
        raise
    _store(sessions, submission.id, key, content)
    return content


def app_summary_context(submission: Submission) -> dict:
    """Gather the summary's context with the app's rules, clinic and time zone, in English."""
    config = current_app.config
    # English for the specialist, whatever language this request speaks.
    with force_locale("en"):
        context = summary_context(
            submission,
            sections=answer_sections,
            sources=current_ruleset().sources,
            clinic_name=config["CLINIC_NAME"],
            timezone=config.get("CLINIC_TIMEZONE", DEFAULT_TIMEZONE),
            generated_at=utcnow(),
        )
        photos = _photos(submission)
    context["photos"] = [caption for caption, _content in photos.values()]
    context["photo_files"] = {url: content for url, (_caption, content) in photos.items()}
    return context


def _photos(submission: Submission) -> dict[str, tuple[dict, bytes]]:
    """Return each photo's private URL with its caption and its bytes, in the order added."""
    rows = object_session(submission).execute(
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


def _render(submission: Submission) -> bytes:
    try:
        context = app_summary_context(submission)
        with force_locale("en"):
            return render.render_summary_pdf(context)
    except Exception as error:
        # The id and the kind of failure only: messages from the renderer or the data can
        # quote what the client typed.
        kind = error.kind if isinstance(error, RenderFailed) else type(error).__name__
        log.error("pdf render failed for submission %s (%s)", submission.id, kind)
        raise PdfRenderError(submission.id) from None


# The claim and the stored copy are committed on their own sessions, at once: other workers
# must see them while this request's transaction is still open.


def _claim(sessions, submission_id: int, key: str) -> bool:
    """Claim the render of this state; False if another worker holds a live claim."""
    stale = utcnow() - timedelta(seconds=current_app.config["PDF_CLAIM_SECONDS"])
    with sessions() as claims:
        # A claim older than any render takes is a worker that died mid-render.
        claims.execute(
            delete(PdfDocument).where(
                PdfDocument.cache_key == key,
                PdfDocument.content.is_(None),
                PdfDocument.created_at < stale,
            )
        )
        insert = postgresql.insert if claims.bind.dialect.name == "postgresql" else sqlite.insert
        # RETURNING, not rowcount: psycopg reports no row count for this statement.
        claimed = claims.execute(
            insert(PdfDocument)
            .values(submission_id=submission_id, cache_key=key, content=None, created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["cache_key"])
            .returning(PdfDocument.id)
        ).first()
        claims.commit()
        return claimed is not None


def _wait_for(sessions, key: str) -> bytes | None:
    """Wait for another worker's render of this state; None if its claim went or went stale."""
    deadline = time.monotonic() + current_app.config["PDF_CLAIM_SECONDS"]
    while time.monotonic() < deadline:
        with sessions() as reader:
            row = reader.execute(
                select(PdfDocument.content).where(PdfDocument.cache_key == key)
            ).first()
        if row is None:
            return None  # its render failed and let go: render it here
        if row.content is not None:
            return row.content
        time.sleep(_POLL_SECONDS)
    return None


def _release(sessions, key: str) -> None:
    with sessions() as claims:
        claims.execute(
            delete(PdfDocument).where(PdfDocument.cache_key == key, PdfDocument.content.is_(None))
        )
        claims.commit()


def _store(sessions, submission_id: int, key: str, content: bytes) -> None:
    """Fill the claimed row, and drop the copies of the submission's earlier states."""
    with sessions() as store:
        filled = store.execute(
            update(PdfDocument)
            .where(PdfDocument.cache_key == key)
            .values(content=content, created_at=utcnow())
        )
        if filled.rowcount == 0:
            # Our claim was taken over as stale; whichever render lands is as good as ours.
            insert = postgresql.insert if store.bind.dialect.name == "postgresql" else sqlite.insert
            store.execute(
                insert(PdfDocument)
                .values(submission_id=submission_id, cache_key=key, content=content)
                .on_conflict_do_nothing(index_elements=["cache_key"])
            )
        store.execute(
            delete(PdfDocument).where(
                PdfDocument.submission_id == submission_id, PdfDocument.cache_key != key
            )
        )
        store.commit()
