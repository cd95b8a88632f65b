"""Submit a finished draft: answers, facts, assessment, versions and consents, together."""

import secrets
from datetime import date
from typing import Protocol

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from intake.dates import PartialDate
from intake.facts import facts_from_answers
from intake.models import Assessment, Consent, Draft, Submission, SubmissionConcern
from intake.questionnaire import CONSENT_VERSIONS, FORM_VERSION, final_answers
from intake.review_state import urgent_titles

# No 0/O, 1/I/L or U: a code read aloud over the phone is not misheard.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
REFERENCE_LENGTH = 8


class Assessor(Protocol):
    version: str

    def assess(self, facts: dict) -> dict: ...


def new_reference() -> str:
    """Return a random reference code shown as XXXX-XXXX."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{code[:4]}-{code[4:]}"


def name_key(full_name: str) -> str:
    """Return the form of a name that searches compare: case-folded, single spaces."""
    return " ".join(full_name.casefold().split())[:200]


def _unused_reference(session: Session) -> str:
    while True:
        reference = new_reference()
        taken = session.scalar(select(exists().where(Submission.reference == reference)))
        if not taken:
            return reference


def submit_draft(
    session: Session, draft: Draft, ruleset: Assessor, today: date, *, language: str | None = None
) -> Submission:
    """Turn the draft into a submission inside the caller's transaction.

    ``language`` is the one the client read the consent texts in (the draft's if not given);
    the submission and its consents record it with that language's consent version.
    Raises IncompleteAnswers when a step still needs answers. The draft keeps only a link
    to the submission, so the answers exist once and cannot be edited afterwards.
    """
    answers = final_answers(draft.answers, today)
    facts = facts_from_answers(answers, today)
    assessment = ruleset.assess(facts)
    about, review = answers["about"], answers["review"]
    language = language or draft.language
    draft.language = language
    submission = Submission(
        reference=_unused_reference(session),
        language=language,
        form_version=FORM_VERSION,
        full_name=about["full_name"],
        name_key=name_key(about["full_name"]),
        date_of_birth=PartialDate.from_iso(about["date_of_birth"]).earliest(),
        age=facts["age"],
        answers=answers,
        facts=facts,
        outcome=assessment["overall"],
        reasons=urgent_titles(assessment),
        status="new",
    )
    submission.concerns = [SubmissionConcern(concern=c["type"]) for c in facts["concerns"]]
    submission.consents = [
        Consent(
            kind="treatment_data",
            given="yes" in review["consent_treatment_data"],
            text_version=CONSENT_VERSIONS[language],
            language=language,
        ),
        Consent(
            kind="photos",
            given=review["consent_photos"] == "yes",
            text_version=CONSENT_VERSIONS[language],
            language=language,
        ),
    ]
    submission.assessments = [
        Assessment(
            rules_version=assessment["rules_version"],
            overall=assessment["overall"],
            result=assessment,
        )
    ]
    session.add(submission)
    session.flush()
    draft.submission_id = submission.id
    draft.answers = {}
    return submission
