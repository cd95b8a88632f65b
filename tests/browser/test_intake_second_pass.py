"""The questionnaire's second pass, as a client on a 360 px phone sees it; axe checks each state."""

from intake.questionnaire import STEPS
from tests.browser.client_steps import complete_step, current_step, fill, press, start
from tests.support.client_journey import clinic_today
from tests.support.factories import QUIET_SKIN_HEALTH, as_posted, full_answers


def _to_health(page, answers) -> None:
    start(page)
    for step in STEPS[: STEPS.index("skin_health")]:
        complete_step(page, answers[step])
    assert current_step(page) == "skin_health"


def test_yes_opens_each_list_in_place_and_no_closes_it_with_what_it_opened(browsing):
    page = browsing.new_page()
    _to_health(page, full_answers(clinic_today()))
    infections = page.locator("#followup-infection_now")
    assert not infections.is_visible()
    page.locator('input[name="any_infection"][value="yes"]').check()
    assert infections.is_visible()
    page.locator('input[name="infection_now"][value="cold_sore"]').check()
    page.locator('input[name="infection_now"][value="warts"]').check()
    # No "None of these" box: the question's No says it.
    assert page.locator('input[name="infection_now"][value="none"]').count() == 0
    browsing.check(page, "infections-open")
    # A follow-up opened from inside a list closes with the list.
    page.locator('input[name="any_skin_condition"][value="yes"]').check()
    page.locator('input[name="skin_conditions"][value="eczema"]').check()
    assert page.locator("#followup-condition_eczema").is_visible()
    page.locator('input[name="any_skin_condition"][value="no"]').check()
    assert not page.locator("#followup-skin_conditions").is_visible()
    assert not page.locator("#followup-condition_eczema").is_visible()
    page.locator('input[name="any_skin_condition"][value="yes"]').check()
    assert page.locator("#followup-condition_eczema").is_visible()


def test_without_javascript_a_yes_brings_its_list_to_answer(browsing):
    page = browsing.new_page(javascript=False)
    answers = full_answers(clinic_today())
    _to_health(page, answers)
    fill(page, {**as_posted(QUIET_SKIN_HEALTH), "any_infection": "yes"})
    press(page)
    assert current_step(page) == "skin_health"
    assert page.locator("#followup-infection_now").is_visible()
    assert "A few more questions" in page.locator(".notice--more").inner_text()
    browsing.check_without_script(page, "infections-asked")
    fill(page, {"infection_now": ["warts"]})
    press(page)
    assert current_step(page) == "medicines"


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
    for step in STEPS:
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


def _no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_the_resume_link_keeps_its_token_whole_and_can_be_sent_to_oneself(browsing):
    page = browsing.new_page()
    start(page)
    complete_step(page, full_answers(clinic_today())["about"])
    token = page.locator(".resume-link__token")
    # One line box: the token is never split across lines on a 360 px screen.
    assert token.evaluate("e => e.getClientRects().length") == 1
    assert page.get_by_role("link", name="Send it to myself on WhatsApp").is_visible()
    assert page.get_by_role("link", name="Send it to myself by SMS").is_visible()
    assert page.get_by_role("button", name="Copy link").is_visible()
    assert _no_sideways_scroll(page)
    browsing.check(page, "resume-link")


def test_change_on_the_review_comes_back_to_the_review(browsing):
    page = browsing.new_page()
    answers = full_answers(clinic_today())
    start(page)
    for step in STEPS[:-1]:
        complete_step(page, answers[step])
    assert current_step(page) == "review"
    with page.expect_navigation():
        page.get_by_role("link", name="Change Your skin", exact=True).click()
    assert page.url.endswith("/intake/skin?back_to=review")
    page.fill("#goals", "Smoother cheeks")
    button = page.get_by_role("button", name="Save and go back to check your answers")
    with page.expect_navigation():
        button.click()
    assert current_step(page) == "review"
    assert "Smoother cheeks" in page.locator("main").inner_text()


def test_a_resumed_journey_greets_and_back_after_sending_shows_the_confirmation(browsing):
    answers = full_answers(clinic_today())
    first = browsing.new_page()
    start(first)
    complete_step(first, answers["about"])
    link = first.locator("#resume-link").inner_text().strip()
    page = browsing.new_page()
    page.goto(link)
    assert current_step(page) == "skin"
    greeting = page.locator(".notice", has_text="Welcome back")
    assert "you were on step 2" in greeting.inner_text()
    browsing.check(page, "welcome-back")
    for step in STEPS[1:]:
        complete_step(page, answers[step])
    assert page.url.endswith("/intake/done")
    page.go_back()
    assert page.url.endswith("/intake/done")
    assert page.locator(".reference").is_visible()


def test_without_javascript_the_error_summary_names_each_question(browsing):
    page = browsing.new_page(javascript=False)
    start(page)
    press(page)
    entries = page.locator(".error-summary li").all_inner_texts()
    assert entries[0] == "Full name: Enter your full name."
    assert "Date of birth: Enter your date of birth." in entries


def test_no_step_is_longer_than_six_phone_screens_and_names_open_on_request(browsing):
    page = browsing.new_page()
    answers = full_answers(clinic_today())
    start(page)
    heights = {}
    for step in STEPS[:-1]:
        heights[step] = page.evaluate("() => document.documentElement.scrollHeight")
        if step == "health":
            examples = page.locator("details.examples", has_text="haemophilia")
            assert not examples.locator(".hint").is_visible()
            examples.locator("summary").click()
            assert examples.locator(".hint").is_visible()
            browsing.check(page, "health-examples-open")
        complete_step(page, answers[step])
    # Step 3 was about eleven screens before it was split.
    assert max(heights.values()) <= 6 * 740, heights


def test_a_review_opened_half_way_says_which_steps_are_not_answered_yet(browsing):
    page = browsing.new_page()
    start(page)
    complete_step(page, full_answers(clinic_today())["about"])
    page.goto("/intake/review")
    assert "Finish step 2" in page.locator(".error-summary").inner_text()
    for step in ("skin", "health", "skin_health", "medicines"):
        section = page.locator(f'section[aria-labelledby="section-{step}"]')
        assert section.inner_text().endswith("You have not answered these questions yet.")
        assert section.locator("dd").count() == 0
    assert page.locator('section[aria-labelledby="section-about"] dd').count() > 3
    browsing.check(page, "review-half-way")
