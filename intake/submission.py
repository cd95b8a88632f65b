"""Submit a finished draft: answers, facts, assessment, versions and consents, together."""

import secrets
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from intake.assessing import Assessor, assess_answers, assessment_date, new_assessment
from intake.dates import PartialDate
from intake.db import utcnow
from intake.models import Consent, Draft, Submission, SubmissionConcern
from intake.photos.drafts import hand_over
from intake.questionnaire import CONSENT_VERSIONS, FORM_VERSION, final_answers
from intake.text_cleaning import clean_text

# No 0/O, 1/I/L or U: a code read aloud over the phone is not misheard.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
REFERENCE_LENGTH = 8


def new_reference() -> str:
    """Return a random reference code shown as XXXX-XXXX."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{code[:4]}-{code[4:]}"


def name_key(full_name: str) -> str:
    """Return the form of a name that searches compare: cleaned, case-folded, single spaces.

    Cleaning first means a name typed with an invisible character is found by its plain
    spelling, and a search typed with one finds the plain name.
    """
    return " ".join(clean_text(full_name).casefold().split())[:200]


def _unused_reference(session: Session) -> str:
    while True:
        reference = new_reference()
        taken = session.scalar(select(exists().where(Submission.reference == reference)))
        if not taken:
            return reference


def submit_draft(
    session: Session,
    draft: Draft,
    ruleset: Assessor,
    today: date,
    *,
    language: str | None = None,
    as_of: date | None = None,
) -> Submission:
    """Turn the draft into a submission inside the caller's transaction.

    The answers are checked as of ``today`` (no date in the future); the facts and the
    assessment are counted to ``as_of`` (by default ``assessment_date``, the sending date).
    ``language`` is the one the client read the consent texts in (the draft's if not given);
    the submission and its consents record it with that language's consent version.
    Raises IncompleteAnswers when a step still needs answers. The draft keeps only a link
    to the submission, so the answers exist once and cannot be edited afterwards.
    """
    answers = final_answers(draft.answers, today)
    language = language or draft.language
    draft.language = language
    submission = new_submission(
        answers, reference=_unused_reference(session), language=language, submitted_at=utcnow()
    )
    as_of = as_of or assessment_date(submission)
    facts, result = assess_answers(ruleset, answers, as_of)
    assess_first(submission, facts, result, as_of)
    session.add(submission)
    session.flush()
    hand_over(session, draft, submission)
    draft.submission_id = submission.id
    draft.answers = {}
    return submission


def new_submission(
    answers: dict, *, reference: str, language: str, submitted_at: datetime
) -> Submission:
    """Return the unsaved submission of final answers, with the consents they record."""
    about, review = answers["about"], answers["review"]
    given = {
        "treatment_data": "yes" in review["consent_treatment_data"],
        "photos": review["consent_photos"] == "yes",
    }
    return Submission(
        reference=reference,
        submitted_at=submitted_at,
        language=language,
        form_version=FORM_VERSION,
        full_name=about["full_name"],
        name_key=name_key(about["full_name"]),
        date_of_birth=PartialDate.from_iso(about["date_of_birth"]).earliest(),
        answers=answers,
        status="new",
        consents=[
            Consent(
                kind=kind,
                given=agreed,
                text_version=CONSENT_VERSIONS[language],
                language=language,
                given_at=submitted_at,
            )
            for kind, agreed in given.items()
        ],
    )


def assess_first(submission: Submission, facts: dict, result: dict, as_of: date) -> None:
    """Give a new submission its facts, the concerns they name and its first assessment."""
    submission.facts = facts
    submission.age = facts["age"]
    submission.concerns = [SubmissionConcern(concern=c["type"]) for c in facts["concerns"]]
    assessment = new_assessment(result, as_of)
    assessment.created_at = submission.submitted_at
    submission.take_assessment(assessment)
