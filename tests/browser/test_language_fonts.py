"""In Chromium on a phone-sized screen, Bengali and Hindi pages are drawn with the app's fonts."""

import pytest
from playwright.sync_api import Page

from intake.questionnaire import STEPS
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers

FONT = {"bn": "Noto Sans Bengali", "hi": "Noto Sans Devanagari"}
BROWSER_LOCALE = {"bn": "bn-IN", "hi": "hi-IN"}


def fonts_drawing(page: Page, selector: str) -> dict[str, bool]:
    """Return {font family: served by the page} for the text directly inside the element."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"]: font["isCustomFont"] for font in fonts}


def check_script(browsing, page: Page, language: str, name: str, selectors: tuple[str, ...]):
    """Screenshot the page and assert its text is drawn with the language's served font."""
    page.evaluate("document.fonts.ready")
    browsing.screenshot(page, f"fonts-{language}-{name}")
    assert page.locator("html").get_attribute("lang") == language
    for selector in selectors:
        fonts = fonts_drawing(page, selector)
        assert fonts.get(FONT[language]) is True, (name, selector, fonts)


def fill(page: Page, fields: dict) -> None:
    """Answer a step the way a client does: tick, choose and type, in page order."""
    for name, value in fields.items():
        if isinstance(value, list):
            for item in value:
                page.check(f'input[name="{name}"][value="{item}"]')
        elif page.locator(f'input[type="radio"][name="{name}"]').count():
            page.check(f'input[name="{name}"][value="{value}"]')
        else:
            page.fill(f'[name="{name}"]', value)


def press_continue(page: Page) -> None:
    page.locator('.actions button[name="next"]').click()


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_pages_are_drawn_in_the_language_script_with_the_served_fonts(browsing, language):
    page = browsing.new_page(locale=BROWSER_LOCALE[language])
    page.goto("/")
    check_script(browsing, page, language, "landing", ("h1", ".lead", ".lang-switch legend"))

    page.locator("form.actions button").click()
    press_continue(page)
    page.wait_for_selector(".error-summary")
    check_script(
        browsing, page, language, "about-errors", ("h1", ".error-summary h2", ".field-error")
    )

    answers = full_answers(clinic_today())
    answers["about"]["full_name"] = {"bn": "আশা রায়", "hi": "आशा राय"}[language]
    for step in STEPS[:-1]:
        fill(page, answers[step])
        press_continue(page)
        if step == "skin":
            # The photo page after the skin step, passed without photos.
            page.wait_for_url("**/intake/photos")
            check_script(browsing, page, language, "photos", ("h1", ".lead", ".consent legend"))
            press_continue(page)
    page.wait_for_selector(".review-section")
    check_script(browsing, page, language, "review", ("h1", ".review-section h2", ".answers dd"))

    page.check('input[name="consent_treatment_data"][value="yes"]')
    page.check('input[name="consent_photos"][value="no"]')
    press_continue(page)
    page.wait_for_selector(".reference")
    check_script(browsing, page, language, "done", ("h1", ".plain-list li"))
