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
