"""Which photos a draft may keep: those of the concerns it chose, while it consents to photos."""

from sqlalchemy.orm import Session

from intake.models import Draft, Submission
from intake.photos import storage
from intake.questionnaire.forms import AREAS, CONCERN_LABELS

AREA_LABELS = dict(AREAS)


def photo_consent(answers: dict) -> str | None:
    """Return the photo consent in the answers so far: "yes", "no" or None."""
    review = answers.get("review")
    answer = review.get("consent_photos") if isinstance(review, dict) else None
    return answer if answer in ("yes", "no") else None


def chosen_concerns(answers: dict) -> list[tuple[str, list[str]]]:
    """Return each concern the skin step chose, with the areas chosen for it."""
    skin = answers.get("skin")
    skin = skin if isinstance(skin, dict) else {}
    concerns = skin.get("concerns")
    chosen = []
    for concern in concerns if isinstance(concerns, list) else []:
        if concern in CONCERN_LABELS:
            areas = skin.get(f"{concern}_areas")
            areas = [a for a in areas if a in AREA_LABELS] if isinstance(areas, list) else []
            chosen.append((concern, areas))
    return chosen


def keep_photos_in_step(session: Session, draft: Draft) -> None:
    """Drop the photos the client no longer consents to, or of concerns no longer chosen."""
    if photo_consent(draft.answers) != "yes":
        storage.remove_draft_photos(session, draft)
    else:
        kept = [concern for concern, _areas in chosen_concerns(draft.answers)]
        storage.remove_draft_photos(session, draft, kept)


def hand_over(session: Session, draft: Draft, submission: Submission) -> None:
    """Move the photos the sent answers allow to the submission; delete the rest."""
    keep_photos_in_step(session, draft)
    storage.move_to_submission(session, draft, submission)
