"""The specialist's 30-second glance, as a specialist sees it in Chromium at 1280x800."""

import subprocess
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from intake.db import utcnow
from tests.browser.workspace_steps import fill_sign_in, sign_in_on
from tests.support import factories, pdftools
from tests.support.workspace import PASSWORD, add_user

LAPTOP = {"width": 1280, "height": 800}
# 04:30 UTC is 10:00 in the clinic (Kolkata).
VISIT_AT = datetime(2026, 12, 3, 4, 30, tzinfo=UTC)
VISIT_WORDS = "Thu 3 December 2026, 10:00 · Microneedling · Intake sent"


def _signed_in_page(app, browsing):
    with app.extensions["db_sessionmaker"]() as session:
        add_user(app, session, "meera", PASSWORD, display_name="Dr Meera Sen")
        session.commit()
    page = browsing.new_page(viewport=LAPTOP)
    sign_in_on(page)
    return page


def _stored(app, make) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        reference = make(session).reference
        session.commit()
    return reference


def _with_visit(session):
    submission = factories.worst_submission(session)
    session.commit()
    factories.add_visit(session, submission, VISIT_AT)
    return submission


def test_header_facts_and_every_flag_show_above_the_fold(app, browsing):
    reference = _stored(app, _with_visit)
    page = _signed_in_page(app, browsing)
    page.goto(f"/specialist/intakes/{reference}")
    browsing.check(page, "glance")
    glance = page.locator("#glance")
    shown = {
        "Age": "17",
        "Skin type": "Type VI",
        "Language": "Bengali",
        "Phone": "+91 98300 11111 · WhatsApp",
        "Guardian": "Mother",
        "Allergies": "Nickel",
        "Visit": VISIT_WORDS,
    }
    for label, fact in shown.items():
        assert fact in glance.locator(f"div:has(> dt:text-is('{label}')) > dd").inner_text()
    first_finding = page.locator("article.finding").first.bounding_box()
    for label in ("Age", "Sex", "Skin type", "Language", "Phone", "Visit", "Guardian", "Allergies"):
        box = glance.locator(f"dt:text-is('{label}')").bounding_box()
        assert box["y"] + box["height"] <= LAPTOP["height"], label
        assert box["y"] < first_finding["y"]
    # A flag title leads to its detail.
    link = glance.locator("ol.glance-flags a").first
    target = link.get_attribute("href")
    link.click()
    assert page.locator(target).is_visible()
    assert page.url.endswith(target)


def test_printed_intake_is_a_plain_document(app, browsing, tmp_path):
    reference = _stored(app, factories.typical_submission)
    page = _signed_in_page(app, browsing)
    page.goto(f"/specialist/intakes/{reference}")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("#decide").is_visible()
    assert not page.get_by_role("button", name="Re-assess with the current rules").is_visible()
    assert page.locator("#glance").is_visible() and page.locator("#answers").is_visible()
    browsing.screenshot(page, "printed")


def test_dashboard_puts_what_needs_a_look_first_and_says_why(app, browsing):
    with app.extensions["db_sessionmaker"]() as session:
        for minutes in range(1, 20):
            factories.reviewed_submission(
                session,
                assessment=dict(factories.OLDER_ASSESSMENT, overall="suitable", flags=[]),
                submitted_at=utcnow() - timedelta(minutes=minutes),
            )
        urgent = factories.reviewed_submission(session, submitted_at=utcnow() - timedelta(days=3))
        urgent_reference = urgent.reference
        # An older intake whose visit is tomorrow comes next, before the newer ones.
        booked = factories.reviewed_submission(
            session,
            assessment=dict(factories.OLDER_ASSESSMENT, overall="suitable", flags=[]),
            submitted_at=utcnow() - timedelta(days=2),
        )
        clinic = ZoneInfo(app.config["CLINIC_TIMEZONE"])
        tomorrow = datetime.now(clinic).date() + timedelta(days=1)
        starts_at = datetime.combine(tomorrow, time(11, 30), tzinfo=clinic)
        factories.add_visit(session, booked, starts_at.astimezone(UTC))
        booked_reference = booked.reference
    page = _signed_in_page(app, browsing)
    browsing.check(page, "dashboard")
    rows = page.locator("table.intakes tbody tr")
    first = rows.first
    assert first.locator("a.reference-link").inner_text() == urgent_reference
    assert "Isotretinoin now or in the last 6 months" in first.locator("td.reasons").inner_text()
    second = rows.nth(1)
    assert second.locator("a.reference-link").inner_text() == booked_reference
    assert f"{tomorrow.day} {tomorrow:%b}, 11:30" in second.inner_text()
    # Every column, the last one too, fits the laptop's width.
    last = page.locator("table.intakes th").last.bounding_box()
    assert last["x"] + last["width"] <= LAPTOP["width"]
    # Twelve rows or more fit above the fold: the filters are one folded line.
    above = [
        box
        for box in (rows.nth(i).bounding_box() for i in range(rows.count()))
        if box["y"] + box["height"] <= LAPTOP["height"]
    ]
    assert len(above) >= 12
    assert not page.locator("details.filters-card").evaluate("d => d.open")
    page.locator("details.filters-card > summary").click()
    page.get_by_label("Outcome").select_option("suitable")
    with page.expect_navigation():
        page.get_by_role("button", name="Show intakes").click()
    # A filter in use keeps the filters open, and the list follows it.
    assert page.locator("details.filters-card").evaluate("d => d.open")
    assert urgent_reference not in page.locator("table.intakes").inner_text()


def _decide(page, outcome: str, notes: str):
    page.check(f"input[name='outcome'][value='{outcome}']")
    page.locator("textarea[name='notes']").fill(notes)
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()


def test_a_second_decision_asks_to_confirm_what_it_replaces(app, browsing):
    with app.extensions["db_sessionmaker"]() as session:
        reference = factories.reviewed_submission(session).reference
    page = _signed_in_page(app, browsing)
    page.goto(f"/specialist/intakes/{reference}")
    _decide(page, "needs_consultation", "See in clinic first.")
    decided_on = page.locator("#decisions .decided-on").first.inner_text()
    assert (
        decided_on.startswith("On the assessment of ") and "Needs specialist review" in decided_on
    )

    replace = page.locator("#decide .replace__what")
    assert replace.inner_text().startswith("This replaces the decision of ")
    assert replace.inner_text().endswith("by Dr Meera Sen (Needs in-person consultation).")
    _decide(page, "decline", "Seen: active flare.")
    assert page.locator("#decide .field-error").inner_text().startswith("Yours replaces")
    browsing.check(page, "replace-unconfirmed")
    assert page.locator("textarea[name='notes']").input_value() == "Seen: active flare."
    page.check("input[name='confirm_replace']")
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    history = page.locator("#decisions ol.history > li")
    assert history.count() == 2
    assert history.first.inner_text().startswith("Decline")


def test_a_worse_reassessment_sends_a_decided_intake_back_to_the_top(app, browsing):
    older = dict(factories.OLDER_ASSESSMENT, overall="suitable_with_precautions")
    older["flags"] = [f for f in older["flags"] if f["severity"] != "review"]
    with app.extensions["db_sessionmaker"]() as session:
        reference = factories.reviewed_submission(
            session, assessment=older, submitted_at=utcnow() - timedelta(days=30)
        ).reference
        for minutes in range(1, 4):
            factories.reviewed_submission(
                session, overall="not_suitable", submitted_at=utcnow() - timedelta(minutes=minutes)
            )
    page = _signed_in_page(app, browsing)
    page.goto(f"/specialist/intakes/{reference}")
    _decide(page, "proceed_with_precautions", "Go ahead.")
    with page.expect_navigation():
        page.get_by_role("button", name="Re-assess with the current rules").click()
    assert "New finding: Isotretinoin now or in the last 6 months" in page.locator(
        "#changes"
    ).inner_text().replace("\n", " ")
    page.goto("/specialist/")
    browsing.check(page, "re-review")
    first = page.locator("table.intakes tbody tr").first
    assert first.locator("a.reference-link").inner_text() == reference
    assert "Re-review" in first.inner_text()
    assert "Isotretinoin now or in the last 6 months" in first.locator("td.reasons").inner_text()


def test_the_idle_timeout_keeps_a_decision_being_typed(app, browsing):
    with app.extensions["db_sessionmaker"]() as session:
        reference = factories.reviewed_submission(session).reference
    page = _signed_in_page(app, browsing)
    page.goto(f"/specialist/intakes/{reference}")
    page.check("input[name='outcome'][value='needs_consultation']")
    page.locator("textarea[name='notes']").fill("Half-typed: ask about the June isotretinoin")
    # The specialist stepped away: every session is now past its idle limit.
    idle = app.config["SESSION_IDLE_MINUTES"]
    app.config["SESSION_IDLE_MINUTES"] = -1
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    app.config["SESSION_IDLE_MINUTES"] = idle
    assert "/specialist/sign-in" in page.url
    assert "what you typed is kept" in page.locator("main").inner_text()
    fill_sign_in(page)
    assert page.url.endswith(f"/specialist/intakes/{reference}")
    browsing.check(page, "restored")
    assert page.locator("#restored").is_visible()
    notes = page.locator("textarea[name='notes']").input_value()
    assert notes == "Half-typed: ask about the June isotretinoin"
    assert page.locator("input[name='outcome'][value='needs_consultation']").is_checked()


def test_the_pdf_first_page_is_the_glance(app, browsing, tmp_path):
    reference = _stored(app, _with_visit)
    page = _signed_in_page(app, browsing)
    page.goto(f"/specialist/intakes/{reference}")
    # The busiest case's render, prepared as the page went out, can take seconds on a busy
    # machine; the click waits for it rather than rendering again.
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="Download PDF").click(timeout=60_000)
    pdf = tmp_path / "summary.pdf"
    download.value.save_as(pdf)
    first = " ".join(pdftools.text(pdf.read_bytes()).split("\f")[0].split())
    for fact in (
        "Age 17 (born 14 May 2009) Sex Female",
        "Skin type Type VI",
        "Phone +91 98300 11111",
        f"Visit {VISIT_WORDS}",
        "Guardian",
        "Rule outcome: Not suitable",
        "Specialist decision: none recorded yet.",
        "Findings at a glance",
        "Absolute contraindication Active skin infection in the treatment area Do not treat",
    ):
        assert fact in first, fact
    assert int(pdftools.info(pdf.read_bytes())["Pages"]) <= 8
    # The first page as an image, kept with the screenshots for a person to look at.
    png = browsing.screenshot_path("pdf-page-1")
    # pdftoppm adds the .png itself.
    root = str(png.with_suffix(""))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf), root],
        check=True,
    )
    assert png.stat().st_size > 10_000
