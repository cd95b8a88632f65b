"""Keep photos in the database: on a draft while the client adds them, then on the submission."""

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from intake.models import Draft, Photo, Submission
from intake.photos.cleaning import CleanPhoto

# The photos' metadata, for listing without reading their bytes.
_LISTED = (Photo.id, Photo.concern, Photo.area, Photo.width, Photo.height, Photo.size)


def add_photo(
    session: Session, draft: Draft, concern: str, area: str | None, photo: CleanPhoto
) -> Photo:
    """Add a cleaned photo of one concern to the draft."""
    row = Photo(
        draft_id=draft.id,
        concern=concern,
        area=area,
        media_type=photo.media_type,
        width=photo.width,
        height=photo.height,
        size=len(photo.content),
        sha256=photo.sha256,
        added_by="client",
        content=photo.content,
    )
    session.add(row)
    session.flush()
    return row


# The review page lists them on every view: built once, as the draft's own statement is.
_OF_DRAFT = select(*_LISTED).where(Photo.draft_id == bindparam("draft_id")).order_by(Photo.id)


def draft_photos(session: Session, draft: Draft) -> list:
    """Return the draft's photos (without their bytes), oldest first."""
    return list(session.execute(_OF_DRAFT, {"draft_id": draft.id}))


def submission_photos(session: Session, submission: Submission) -> list:
    """Return the submission's photos (without their bytes), oldest first."""
    query = select(*_LISTED).where(Photo.submission_id == submission.id).order_by(Photo.id)
    return list(session.execute(query))


def stored_bytes(session: Session, draft: Draft) -> int:
    """Return how many bytes of photos the draft holds."""
    total = session.scalar(select(func.sum(Photo.size)).where(Photo.draft_id == draft.id))
    return total or 0


def remove_photo(session: Session, draft: Draft, photo_id: int) -> None:
    """Delete one of the draft's photos; another draft's id deletes nothing."""
    session.execute(delete(Photo).where(Photo.id == photo_id, Photo.draft_id == draft.id))


def remove_draft_photos(session: Session, draft: Draft, keep_concerns=None) -> None:
    """Delete the draft's photos, or only those of concerns not in ``keep_concerns``."""
    query = delete(Photo).where(Photo.draft_id == draft.id)
    if keep_concerns is not None:
        query = query.where(Photo.concern.not_in(list(keep_concerns)))
    session.execute(query)


def move_to_submission(session: Session, draft: Draft, submission: Submission) -> None:
    """Hand the draft's photos to the submission it became."""
    session.execute(
        Photo.__table__.update()
        .where(Photo.draft_id == draft.id)
        .values(draft_id=None, submission_id=submission.id)
    )
