"""A client adds a photo on a 360 px phone, JavaScript on and off; the specialist sees it."""

import subprocess

import pytest
from sqlalchemy import select

from intake.models import Photo
from intake.questionnaire import STEPS
from tests.browser.client_steps import complete_step, current_step, press, start
from tests.browser.workspace_steps import DESKTOP, sign_in_on
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers
from tests.support.images import phone_jpeg
from tests.support.workspace import PASSWORD, add_user


def _add_photo(browsing, page, photo_file, javascript: bool) -> None:
    assert current_step(page) == "photos"
    assert page.locator("input[type=file]").count() == 0  # no upload before consent
    browsing.check(page, "photos-consent") if javascript else browsing.check_without_script(
        page, "photos-consent"
    )
    page.get_by_label("Yes, the clinic may keep photos of my skin").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save my choice").click()
    gallery = page.locator("#photo_acne_scars-gallery")
    gallery.set_input_files(str(photo_file))
    if javascript:
        # Shown at once, and shrunk in the browser before it is sent.
        page.locator("#photos-acne_scars [data-photo-previews] img").wait_for()
        chosen = gallery.evaluate("input => [input.files[0].size, input.files[0].type]")
        assert chosen[1] == "image/jpeg" and chosen[0] < photo_file.stat().st_size
        browsing.check(page, "photos-chosen")
    with page.expect_navigation():
        page.locator("#photos-acne_scars").get_by_role("button", name="Add these photos").click()
    thumb = page.locator("#photos-acne_scars img.photo-thumb")
    assert thumb.count() == 1
    assert thumb.evaluate("img => img.complete && img.naturalWidth > 0")
    if javascript:
        browsing.check(page, "photos-added")
    else:
        browsing.check_without_script(page, "photos-added")
    press(page)
    assert current_step(page) == "health"


def _photo_page_png(pdf: bytes, tmp_path, browsing) -> str:
    """Render the PDF's photo page to PNG beside the screenshots; return the page's text."""
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf)
    pages = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    number = next(n for n, text in enumerate(pages, start=1) if "Client's photos" in text)
    out = browsing.screenshot_path(f"pdf-photo-page-{number}")
    first_last = ["-f", str(number), "-l", str(number), "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", *first_last, str(path), str(out.with_suffix(""))],
        check=True,
    )
    return pages[number - 1]


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_a_photo_added_on_the_phone_reaches_the_specialist(app, browsing, tmp_path, javascript):
    photo_file = tmp_path / "IMG_4021.JPG"
    photo_file.write_bytes(phone_jpeg(3000, 2250))
    answers = full_answers(clinic_today())
    answers["review"]["consent_photos"] = "yes"

    page = browsing.new_page(javascript=javascript)
    start(page)
    complete_step(page, answers["about"])
    complete_step(page, answers["skin"], skip_photos=False)
    _add_photo(browsing, page, photo_file, javascript)
    for step in STEPS[STEPS.index("health") :]:
        complete_step(page, answers[step])
    assert page.url.endswith("/intake/done")
    reference = page.locator(".reference").inner_text().strip()

    with app.extensions["db_sessionmaker"]() as session:
        photo = session.scalars(select(Photo)).one()
        assert photo.submission_id is not None and photo.draft_id is None
        add_user(app, session, "meera", PASSWORD, display_name="Dr Meera Sen")

    desk = browsing.new_page(viewport=DESKTOP)
    sign_in_on(desk)
    desk.goto(f"/specialist/intakes/{reference}")
    thumb = desk.locator("#photos img")
    assert thumb.count() == 1
    assert thumb.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "Acne scars · Cheeks" in desk.locator("#photos").inner_text()
    browsing.check(desk, "specialist-photos")
    with desk.context.expect_page() as opened:
        thumb.click()
    full = opened.value
    full.wait_for_load_state()
    assert full.evaluate("() => document.images[0].naturalWidth") == photo.width

    pdf = desk.request.get(f"/specialist/intakes/{reference}/summary.pdf").body()
    text = _photo_page_png(pdf, tmp_path, browsing)
    assert "1. Acne scars · Cheeks" in text
