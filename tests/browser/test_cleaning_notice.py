"""A client who pastes invisible characters is told, on the next page, that they were removed."""

import pytest

from tests.browser.client_steps import complete_step, fill, press
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers

LOCALES = {"en": "en-GB", "bn": "bn-IN", "hi": "hi-IN"}
NOTICE = {
    "en": "We removed invisible or control characters from your answer to",
    "bn": "অদৃশ্য বা নিয়ন্ত্রণ-চিহ্ন সরিয়ে দিয়েছি",
    "hi": "अदृश्य या नियंत्रण-चिह्न हटा दिए हैं",
}


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_pasted_invisible_characters_are_removed_and_the_client_is_told(browsing, language):
    page = browsing.new_page(locale=LOCALES[language])
    page.goto("/")
    with page.expect_navigation():
        page.locator("form.actions button").click()  # Start, in the page's language
    answers = full_answers(clinic_today())
    complete_step(page, answers["about"])
    fill(page, {**answers["skin"], "goals": "Smooth\u200b cheeks \u202eplease\u202c"})
    press(page)

    notice = page.locator(".notice[role=status]")
    assert NOTICE[language] in notice.inner_text()
    browsing.check(page, f"cleaning-notice-{language}")

    press(page, "back")
    assert page.locator('[name="goals"]').input_value() == "Smooth cheeks please"
    assert page.locator(".notice[role=status]").count() == 0
