"""The specialist's 30-second glance, as a specialist sees it in Chromium at 1280x800."""

from datetime import timedelta

from intake.db import utcnow
from tests import factories
from tests.specialist import factories as specialist_factories
from tests.specialist.conftest import PASSWORD, add_user

LAPTOP = {"width": 1280, "height": 800}


def _signed_in_page(app, browsing):
    with app.extensions["db_sessionmaker"]() as session:
        add_user(app, session, "meera", PASSWORD, display_name="Dr Meera Sen")
        session.commit()
    page = browsing.new_page(viewport=LAPTOP)
    page.goto("/specialist/sign-in")
    page.get_by_label("Username").fill("meera")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    return page


def _stored(app, make) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        reference = make(session).reference
        session.commit()
    return reference


def test_header_facts_and_every_flag_show_above_the_fold(app, browsing):
    reference = _stored(app, factories.worst_submission)
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
    }
    for label, fact in shown.items():
        assert fact in glance.locator(f"div:has(> dt:text-is('{label}')) > dd").inner_text()
    first_finding = page.locator("article.finding").first.bounding_box()
    for label in ("Age", "Sex", "Skin type", "Language", "Phone", "Guardian", "Allergies"):
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
            specialist_factories.make_submission(
                session,
                assessment=dict(specialist_factories.ASSESSMENT, overall="suitable", flags=[]),
                submitted_at=utcnow() - timedelta(minutes=minutes),
            )
        urgent = specialist_factories.make_submission(
            session, submitted_at=utcnow() - timedelta(days=3)
        )
        urgent_reference = urgent.reference
    page = _signed_in_page(app, browsing)
    browsing.check(page, "dashboard")
    rows = page.locator("table.intakes tbody tr")
    first = rows.first
    assert first.locator("a.reference-link").inner_text() == urgent_reference
    assert "Isotretinoin now or in the last 6 months" in first.locator("td.reasons").inner_text()
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
