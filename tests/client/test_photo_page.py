"""The photo page: consent first, cleaned photos kept on the draft, then on the submission."""

import io

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from intake.models import Consent, Photo
from intake.questionnaire import STEPS
from tests.support import images
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token


@pytest.fixture
def fields():
    return full_answers(clinic_today())


@pytest.fixture
def at_photos(intake, fields) -> Intake:
    """A client who has answered the first two steps and is on the photo page."""
    intake.start()
    assert intake.post("about", fields["about"]).status_code == 302
    assert intake.post("skin", fields["skin"]).location == "/intake/photos"
    return intake


def post_photos(intake: Intake, data: dict, files: dict | None = None):
    token = csrf_token(intake.client.get("/intake/photos").text)
    body = MultiDict({"csrf_token": token, **data})
    for name, contents in (files or {}).items():
        for filename, content in contents:
            body.add(name, FileStorage(io.BytesIO(content), filename, content_type="image/jpeg"))
    # Encoded in memory: the test client's own encoder spills big bodies to a temporary file
    # that it never closes.
    boundary, encoded = encode_multipart(body)
    return intake.client.post(
        "/intake/photos", data=encoded, content_type=f"multipart/form-data; boundary={boundary}"
    )


def consent(intake: Intake, answer: str = "yes"):
    return post_photos(intake, {"consent_photos": answer, "consent_choice": "1"})


def stored(app) -> list[Photo]:
    with app.extensions["db_sessionmaker"]() as db:
        return list(db.scalars(select(Photo).order_by(Photo.id)))


def test_without_consent_no_upload_is_offered_and_nothing_is_kept(app, at_photos):
    page = at_photos.client.get("/intake/photos").text
    assert 'name="consent_photos"' in page
    assert 'type="file"' not in page
    response = post_photos(
        at_photos, {"upload": "1"}, {"photo_acne_scars": [("a.jpg", images.phone_jpeg(400, 300))]}
    )
    assert response.status_code == 302
    assert stored(app) == []


def test_a_phone_photo_is_kept_clean_and_shown_only_to_its_draft(app, client, at_photos):
    assert consent(at_photos).status_code == 302
    page = at_photos.client.get("/intake/photos").text
    assert 'accept="image/*" capture' in page and "daylight" in page

    response = post_photos(
        at_photos,
        {"upload": "1", "area_pigmentation": "forehead"},
        {"photo_pigmentation": [("IMG_2041.JPG", images.phone_jpeg())]},
    )
    assert response.status_code == 302
    (photo,) = stored(app)
    assert (photo.concern, photo.area, photo.draft_id is not None) == (
        "pigmentation",
        "forehead",
        True,
    )
    kept = Image.open(io.BytesIO(photo.content))
    assert not kept.getexif() and "xmp" not in kept.info
    assert images.SECRET.encode() not in photo.content
    assert (photo.width, photo.height) == kept.size == (1536, 2048)

    page = at_photos.client.get("/intake/photos").text
    assert f"/intake/photos/{photo.id}" in page
    served = at_photos.client.get(f"/intake/photos/{photo.id}")
    assert served.status_code == 200 and served.data == photo.content
    assert served.headers["Cache-Control"] == "no-store"
    assert served.headers["Content-Disposition"] == "inline"
    # Another browser, with a draft of its own, cannot open it.
    other = Intake(app.test_client())
    other.start()
    assert other.client.get(f"/intake/photos/{photo.id}").status_code == 404


REFUSED = {
    "text renamed .jpg": (b"not a photo at all\n" * 50, "not a photo"),
    "decompression bomb": (images.bomb_png(), "too large"),
    "truncated": (images.phone_jpeg(400, 300)[:5000], "could not be read"),
    "PNG with a huge text chunk": (images.png_with_text(1_000_000), "hidden data"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_an_unsafe_file_is_refused_on_the_page_and_nothing_is_kept(app, at_photos, name):
    consent(at_photos)
    content, reason = REFUSED[name]
    response = post_photos(
        at_photos, {"upload": "1"}, {"photo_acne_scars": [("photo.jpg", content)]}
    )
    assert response.status_code == 200
    assert "Error:" in response.text and reason in response.text
    assert 'href="#photos-acne_scars"' in response.text
    assert stored(app) == []


def test_three_photos_per_concern(app, at_photos):
    consent(at_photos)
    small = images.phone_jpeg(300, 200, orientation=1)
    files = [(f"{n}.jpg", small) for n in range(4)]
    response = post_photos(at_photos, {"upload": "1"}, {"photo_acne_scars": files})
    assert response.status_code == 200
    assert "up to 3 photos of each concern" in response.text
    assert len(stored(app)) == 3
    assert 'type="file"' in response.text  # the other concern still takes photos


def test_a_photo_over_the_byte_limit_is_refused(app, at_photos):
    app.config["PHOTO_MAX_BYTES"] = 100_000
    consent(at_photos)
    response = post_photos(
        at_photos, {"upload": "1"}, {"photo_acne_scars": [("big.jpg", images.phone_jpeg())]}
    )
    assert response.status_code == 200 and "larger than" in response.text
    assert stored(app) == []


def test_too_much_in_one_request_says_how_to_send_them(app, at_photos):
    app.config["PHOTO_REQUEST_MAX_BYTES"] = 200_000
    consent(at_photos)
    response = post_photos(
        at_photos, {"upload": "1"}, {"photo_acne_scars": [("big.jpg", images.phone_jpeg())]}
    )
    assert response.status_code == 413
    assert "one or two at a time" in response.text
    assert stored(app) == []


def test_other_forms_still_refuse_files(at_photos, fields):
    page = at_photos.client.get("/intake/health").text
    response = at_photos.client.post(
        "/intake/health",
        data={
            "csrf_token": csrf_token(page),
            "next": "1",
            "photo": (io.BytesIO(images.phone_jpeg(40, 30)), "a.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400


def _one_photo(at_photos):
    consent(at_photos)
    small = images.phone_jpeg(300, 200, orientation=1)
    post_photos(at_photos, {"upload": "1"}, {"photo_acne_scars": [("a.jpg", small)]})


def test_remove_deletes_a_photo(app, at_photos):
    _one_photo(at_photos)
    (photo,) = stored(app)
    assert post_photos(at_photos, {"remove": str(photo.id)}).status_code == 302
    assert stored(app) == []


def test_withdrawing_consent_on_the_photo_page_deletes_the_photos(app, at_photos):
    _one_photo(at_photos)
    consent(at_photos, "no")
    assert stored(app) == []
    assert 'type="file"' not in at_photos.client.get("/intake/photos").text


def test_the_review_step_shows_the_photo_consent_and_no_there_deletes_them(app, at_photos, fields):
    _one_photo(at_photos)
    for step in STEPS[STEPS.index("health") : -1]:
        assert at_photos.post(step, fields[step]).status_code == 302
    review = at_photos.client.get("/intake/review").text
    assert 'name="consent_photos" value="yes" checked' in review
    assert "/intake/photos/" in review
    response = at_photos.post("review", {"consent_treatment_data": "yes", "consent_photos": "no"})
    assert response.location == "/intake/done"
    assert stored(app) == []


def test_a_concern_no_longer_chosen_takes_its_photos_with_it(app, at_photos, fields):
    _one_photo(at_photos)
    skin = {**fields["skin"], "concerns": ["pigmentation"]}
    at_photos.post("skin", skin)
    assert stored(app) == []


def test_sending_hands_the_photos_to_the_submission(app, at_photos, fields):
    _one_photo(at_photos)
    for step in STEPS[STEPS.index("health") : -1]:
        assert at_photos.post(step, fields[step]).status_code == 302
    response = at_photos.post("review", {"consent_treatment_data": "yes", "consent_photos": "yes"})
    assert response.location == "/intake/done"
    (photo,) = stored(app)
    assert photo.draft_id is None and photo.submission_id is not None
    with app.extensions["db_sessionmaker"]() as db:
        given = db.scalars(select(Consent).where(Consent.kind == "photos")).one()
        assert given.given and given.submission_id == photo.submission_id
    # Sent: the client's browser no longer reaches it.
    assert at_photos.client.get(f"/intake/photos/{photo.id}").status_code == 404


def test_a_resumed_journey_shows_the_photos(app, at_photos):
    _one_photo(at_photos)
    (photo,) = stored(app)
    link = at_photos.resume_link("health")
    other = Intake(app.test_client())
    other.client.get(link)
    page = other.client.get("/intake/photos").text
    assert f"/intake/photos/{photo.id}" in page
    assert other.client.get(f"/intake/photos/{photo.id}").status_code == 200
