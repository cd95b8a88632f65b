"""The photo step, between the skin step and health: consent first, then up to three per concern."""

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import RequestEntityTooLarge

from intake import db
from intake.client import cleaning_notice, drafts
from intake.client.views import bp, current_draft
from intake.clinic_time import clinic_today
from intake.db import utcnow
from intake.i18n import page_digits
from intake.models import Draft, Photo
from intake.photos import storage
from intake.photos.cleaning import PhotoRefused, clean_photo
from intake.photos.drafts import AREA_LABELS, chosen_concerns, keep_photos_in_step, photo_consent
from intake.questionnaire import STEPS, step_form
from intake.questionnaire.forms import CONCERN_LABELS, STEP_FORMS
from intake.security import accepts_uploads

PER_CONCERN = 3

TOO_BIG = _l("This photo is larger than %(megabytes)d MB. Choose a smaller photo.")
NO_ROOM = _l("You can add up to 3 photos of each concern. Remove one to add another.")
DRAFT_FULL = _l("You have added as many photos as we can keep. Remove one to add another.")
REQUEST_TOO_BIG = _l("Those photos were too large to send together. Add them one or two at a time.")


def _set_consent(draft: Draft, answer: str) -> None:
    review = draft.answers.get("review")
    review = dict(review) if isinstance(review, dict) else {}
    review["consent_photos"] = answer
    drafts.save_step(draft, "review", review, utcnow(), current_app.config["RESUME_TOKEN_DAYS"])
    keep_photos_in_step(db.session(), draft)


def _add_uploads(draft: Draft, concerns) -> dict[str, list]:
    """Clean and keep the posted photos; return each concern's reasons for refusing some."""
    session = db.session()
    limit = current_app.config["PHOTO_MAX_BYTES"]
    room_left = current_app.config["PHOTO_MAX_DRAFT_BYTES"] - storage.stored_bytes(session, draft)
    have = {}
    for photo in storage.draft_photos(session, draft):
        have[photo.concern] = have.get(photo.concern, 0) + 1
    problems: dict[str, list] = {}
    for concern, areas in concerns:
        area = request.form.get(f"area_{concern}")
        area = area if area in areas else None
        for upload in request.files.getlist(f"photo_{concern}"):
            data = upload.stream.read(limit + 1)
            if not data and not upload.filename:
                continue  # the empty part a browser sends for a file box left empty
            try:
                if len(data) > limit:
                    raise PhotoRefused(page_digits(TOO_BIG % {"megabytes": limit // (1024 * 1024)}))
                if have.get(concern, 0) >= PER_CONCERN:
                    raise PhotoRefused(NO_ROOM)
                clean = clean_photo(data)
                if len(clean.content) > room_left:
                    raise PhotoRefused(DRAFT_FULL)
            except PhotoRefused as refused:
                problems.setdefault(concern, []).append(refused.message)
                continue
            storage.add_photo(session, draft, concern, area, clean)
            have[concern] = have.get(concern, 0) + 1
            room_left -= len(clean.content)
    return problems


def _render(draft: Draft, problems=None, status: int = 200):
    consent_form = step_form("review", draft.answers, clinic_today())
    photos: dict[str, list] = {}
    for photo in storage.draft_photos(db.session(), draft):
        photos.setdefault(photo.concern, []).append(photo)
    return render_template(
        "client/photos.html",
        consent=photo_consent(draft.answers),
        consent_field=consent_form.consent_photos,
        concerns=chosen_concerns(draft.answers),
        concern_labels=CONCERN_LABELS,
        area_labels=AREA_LABELS,
        photos=photos,
        problems=problems or {},
        per_concern=PER_CONCERN,
        number=STEPS.index("skin") + 1,
        steps=STEPS,
        skin_title=STEP_FORMS["skin"].title,
        cleaning_notices=cleaning_notice.notices(draft),
    ), status


@bp.route("/intake/photos", methods=["GET", "POST"])
@accepts_uploads
def photos():
    draft = current_draft(for_update=request.method == "POST")
    if draft is None:
        return redirect(url_for("client.landing"))
    if draft.submission_id is not None:
        return redirect(url_for("client.done"))
    concerns = chosen_concerns(draft.answers)
    if not concerns:
        return redirect(url_for("client.step", step="skin"))
    if request.method == "GET":
        return _render(draft)

    answer = request.form.get("consent_photos")
    if answer in ("yes", "no"):
        _set_consent(draft, answer)
    if "remove" in request.form and request.form["remove"].isdigit():
        storage.remove_photo(db.session(), draft, int(request.form["remove"]))
    problems = _add_uploads(draft, concerns) if photo_consent(draft.answers) == "yes" else {}
    if problems:
        # As on the step pages: what was posted and accepted is kept, the rest explained.
        return _render(draft, problems)
    if "back" in request.form:
        return redirect(url_for("client.step", step="skin"))
    if "save" in request.form:
        return redirect(url_for("client.saved", step="health"))
    if "next" in request.form:
        return redirect(url_for("client.step", step="health"))
    return redirect(url_for("client.photos") + "#photos")


@bp.get("/intake/photos/<int:photo_id>")
def photo(photo_id: int):
    """Send one of this browser's draft photos back to it, for the page's thumbnails."""
    draft = current_draft()
    found = db.session().get(Photo, photo_id)
    if draft is None or found is None or found.draft_id != draft.id:
        abort(404)
    return (
        found.content,
        200,
        {
            "Content-Type": found.media_type,
            "Content-Disposition": "inline",
        },
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_much_at_once(error: RequestEntityTooLarge):
    """On the photo page, say how to send the photos; elsewhere, the usual page."""
    draft = current_draft() if request.endpoint == "client.photos" else None
    if draft is None or draft.submission_id is not None:
        return render_template("error.html", code=413), 413
    return _render(draft, {"": [REQUEST_TOO_BIG]}, 413)
