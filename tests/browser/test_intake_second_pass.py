"""The questionnaire's second pass, as a client on a 360 px phone sees it; axe checks each state."""

from tests.browser.client_steps import complete_step, current_step, fill, press, start
from tests.client.conftest import clinic_today
from tests.factories import full_answers


def _to_health(page, answers) -> None:
    start(page)
    complete_step(page, answers["about"])
    complete_step(page, answers["skin"])
    assert current_step(page) == "health"


def test_none_of_these_and_the_other_choices_untick_each_other(browsing):
    page = browsing.new_page()
    _to_health(page, full_answers(clinic_today()))
    cold_sore = page.locator('input[name="infection_now"][value="cold_sore"]')
    warts = page.locator('input[name="infection_now"][value="warts"]')
    none = page.locator('input[name="infection_now"][value="none"]')
    cold_sore.check()
    warts.check()
    assert cold_sore.is_checked() and warts.is_checked()
    none.check()
    assert none.is_checked() and not cold_sore.is_checked() and not warts.is_checked()
    browsing.check(page, "infections-none")
    page.locator('input[name="allergies"][value="none"]').check()
    nickel = page.locator('input[name="allergies"][value="nickel"]')
    nickel.check()
    assert not page.locator('input[name="allergies"][value="none"]').is_checked()
    # Eczema's follow-up closes when "None of these" replaces it.
    page.locator('input[name="skin_conditions"][value="eczema"]').check()
    assert page.locator("#followup-condition_eczema").is_visible()
    page.locator('input[name="skin_conditions"][value="none"]').check()
    assert not page.locator("#followup-condition_eczema").is_visible()


def test_without_javascript_none_with_another_choice_is_explained(browsing):
    page = browsing.new_page(javascript=False)
    answers = full_answers(clinic_today())
    _to_health(page, answers)
    fill(page, {**answers["health"], "infection_now": ["none", "warts"]})
    press(page)
    assert current_step(page) == "health"
    summary = page.locator(".error-summary").inner_text()
    assert "You ticked “None of these” and another answer. Untick one of them." in summary
    browsing.check_without_script(page, "none-and-warts")


def test_the_confirmation_gives_contact_links_to_tap_and_the_aftercare(app, browsing):
    app.config.update(
        CLINIC_PHONE="+91 33 4000 1234",
        CLINIC_WHATSAPP="+91 98300 12345",
        CLINIC_ADDRESS="12 Park Street, Kolkata 700016",
        CLINIC_HOURS="Mon-Sat 10:00-19:00",
    )
    page = browsing.new_page()
    answers = full_answers(clinic_today())
    start(page)
    # The footer gives the phone on every step.
    assert page.locator(".site-footer a[href='tel:+913340001234']").is_visible()
    for step in ("about", "skin", "health", "medicines", "review"):
        complete_step(page, answers[step])
    assert page.url.endswith("/intake/done")
    call = page.get_by_role("link", name="Call the clinic: +91 33 4000 1234")
    chat = page.get_by_role("link", name="Message the clinic on WhatsApp: +91 98300 12345")
    for link in (call, chat):
        box = link.bounding_box()
        assert box["height"] >= 44
    assert chat.get_attribute("href") == "https://wa.me/919830012345"
    assert page.get_by_role("heading", name="After the treatment").is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    browsing.check(page, "confirmation-with-contact")
