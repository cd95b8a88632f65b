"""The client's photos on the specialist side: the page, full size, the PDF, export and purge."""

import base64
import hashlib
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.db import utcnow
from intake.models import AuditEvent, Draft, Photo
from intake.pdf.assets import photo_url
from intake.pdf.fetcher import AssetFetcher, RefusedFetch
from tests.support import pdftools
from tests.support.factories import add_photos, reviewed_submission


def _pdf_images(pdf: bytes) -> list[tuple[int, int]]:
    """Return the width and height of each image pdfimages finds in the PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summary.pdf"
        path.write_bytes(pdf)
        listing = subprocess.run(
            ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
        ).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    return [(int(row[3]), int(row[4])) for row in rows if row[2] == "image"]


def test_the_intake_page_shows_the_photos_and_each_opens_full_size(signed_in, db_session):
    submission = reviewed_submission(db_session)
    photos = add_photos(db_session, submission, 2)
    db_session.commit()
    page = signed_in.get(f"/specialist/intakes/{submission.reference}").text
    for photo in photos:
        url = f"/specialist/intakes/{submission.reference}/photos/{photo.id}"
        assert f'href="{url}"' in page and f'src="{url}"' in page
    assert "Acne scars · Cheeks" in page

    response = signed_in.get(f"/specialist/intakes/{submission.reference}/photos/{photos[0].id}")
    assert response.status_code == 200
    assert response.data == photos[0].content
    assert response.mimetype == "image/jpeg"
    assert response.headers["Content-Disposition"] == "inline"
    assert response.headers["Cache-Control"] == "no-store"
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "photo_viewed")).one()
    assert (event.reference, event.detail) == (submission.reference, {"photo_id": photos[0].id})


def test_a_photo_is_reached_only_through_its_own_intake(signed_in, db_session):
    mine, other = reviewed_submission(db_session), reviewed_submission(db_session)
    (photo,) = add_photos(db_session, other, 1)
    db_session.commit()
    response = signed_in.get(f"/specialist/intakes/{mine.reference}/photos/{photo.id}")
    assert response.status_code == 404


def test_signed_out_no_photo_is_served(client, db_session):
    submission = reviewed_submission(db_session)
    (photo,) = add_photos(db_session, submission, 1)
    db_session.commit()
    response = client.get(f"/specialist/intakes/{submission.reference}/photos/{photo.id}")
    assert response.status_code == 303
    assert response.location.startswith("/specialist/sign-in")
    assert photo.content not in response.data


def test_the_pdf_shows_the_photos_on_a_page_of_their_own(signed_in, db_session):
    submission = reviewed_submission(db_session)
    without = signed_in.get(f"/specialist/intakes/{submission.reference}/summary.pdf").data
    assert _pdf_images(without) == []

    with_photos = reviewed_submission(db_session)
    photos = add_photos(db_session, with_photos, 3)
    db_session.commit()
    pdf = signed_in.get(f"/specialist/intakes/{with_photos.reference}/summary.pdf").data
    assert sorted(_pdf_images(pdf)) == sorted((p.width, p.height) for p in photos)
    pages = pdftools.text(pdf).split("\f")
    on_pages = [n for n, page in enumerate(pages) if "Client's photos" in page]
    assert len(on_pages) == 1 and on_pages[0] >= 1
    assert "1. Acne scars · Cheeks" in pages[on_pages[0]]
    assert "Appendix" not in pages[on_pages[0]]


def test_export_holds_each_photo_in_base64(signed_in, db_session):
    submission = reviewed_submission(db_session)
    (photo,) = add_photos(db_session, submission, 1)
    db_session.commit()
    record = signed_in.get(f"/specialist/intakes/{submission.reference}/export.json").get_json()
    (exported,) = record["photos"]
    content = base64.b64decode(exported["content_base64"])
    assert content == photo.content
    assert exported["sha256"] == hashlib.sha256(content).hexdigest()
    assert (exported["concern"], exported["area"]) == ("acne_scars", "cheeks")


def test_purge_removes_the_photos_with_their_intake(runner, db_session):
    old = reviewed_submission(db_session, submitted_at=utcnow() - timedelta(days=40))
    add_photos(db_session, old, 2)
    db_session.commit()
    assert "Removed 1 intakes" in runner.invoke(args=["purge", "--days", "30"]).output
    db_session.expire_all()
    assert db_session.query(Photo).count() == 0


def test_an_expired_draft_takes_its_unsent_photos_with_it(runner, db_session):
    draft = Draft(token_hash="c" * 64, language="en", expires_at=utcnow() - timedelta(days=1))
    db_session.add(draft)
    db_session.flush()
    (photo,) = add_photos(db_session, reviewed_submission(db_session), 1)
    photo.submission_id, photo.draft_id = None, draft.id
    db_session.commit()
    assert "and 1 expired drafts" in runner.invoke(args=["purge"]).output
    db_session.expire_all()
    assert db_session.query(Photo).count() == 0


def test_the_renderer_reaches_only_the_photos_the_app_handed_it():
    fetcher = AssetFetcher({photo_url(1): b"jpeg bytes"})
    assert fetcher.fetch(photo_url(1)).read() == b"jpeg bytes"
    for url in (photo_url(2), "data:image/jpeg;base64,AAAA", "file:///etc/passwd"):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
