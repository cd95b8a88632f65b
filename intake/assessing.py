"""Assess a submission's stored answers as of a date: the visit date, the sending date, today."""

from datetime import date
from typing import Protocol

from sqlalchemy import select

from intake import audit, db
from intake.clinic_time import clinic_date
from intake.facts import facts_from_answers
from intake.models import Appointment, Assessment, Submission
from intake.review_state import DECIDED, worse
from intake.rules import current_ruleset
from intake.windows import add_window_ends


class Assessor(Protocol):
    version: str

    def assess(self, facts: dict) -> dict: ...

    def flag_severity(self, facts: dict, flag: str, concern: str | None) -> str | None: ...


def assessment_date(submission: Submission) -> date:
    """Return the date a submission is assessed as of unless another is chosen.

    The day of its visit when it belongs to one, else the day it was sent (clinic calendar).
    """
    if submission.id is None:
        # Not stored yet, so no visit holds it; asking would match every visit without one.
        return clinic_date(submission.submitted_at)
    visit_day = db.session().scalar(
        select(Appointment.visit_date).where(
            Appointment.submission_id == submission.id, Appointment.status != "cancelled"
        )
    )
    return visit_day or clinic_date(submission.submitted_at)


def assess_answers(ruleset: Assessor, answers: dict, as_of: date) -> tuple[dict, dict]:
    """Return the facts as of a date and their assessment, with the day each window ends."""
    facts = facts_from_answers(answers, as_of)
    result = ruleset.assess(facts)

    def severity_on(flag: dict, day: date) -> str | None:
        later = facts_from_answers(answers, day)
        return ruleset.flag_severity(later, flag["id"], flag["concern"])

    add_window_ends(result, as_of, severity_on)
    return facts, result


def new_assessment(result: dict, as_of: date) -> Assessment:
    """Return the stored record of an assessment made as of a date."""
    return Assessment(
        rules_version=result["rules_version"], overall=result["overall"], result=result, as_of=as_of
    )


def reassess(submission: Submission, as_of: date | None = None) -> Assessment:
    """Assess the stored answers again as of a date with the current rules; add it as the latest.

    The facts are derived again from the answers, counted to ``as_of`` (by default
    ``assessment_date``). The earlier assessments stay as they were. A decided intake that
    comes out worse (another outcome, or a new absolute or review finding) goes back to the
    specialist as "re_review". Raises FactsError if the answers no longer give facts the
    rules' schema accepts.
    """
    as_of = as_of or assessment_date(submission)
    previous = submission.latest_assessment
    _facts, result = assess_answers(current_ruleset(), submission.answers, as_of)
    assessment = new_assessment(result, as_of)
    submission.take_assessment(assessment)
    if submission.status in DECIDED and worse(previous.result, result):
        submission.status = "re_review"
    db.session().flush()
    return assessment


def record_reassessment(
    submission: Submission, previous: Assessment, assessment: Assessment, **audit_options
) -> None:
    """Add a re-assessment to the audit trail: which assessments, rules, dates and outcomes."""
    audit.record(
        "reassessed",
        submission,
        {
            "from_assessment": previous.id,
            "to_assessment": assessment.id,
            "rules_version": assessment.rules_version,
            "as_of_before": previous.as_of.isoformat(),
            "as_of": assessment.as_of.isoformat(),
            "outcome_before": previous.overall,
            "outcome_after": assessment.overall,
        },
        **audit_options,
    )
