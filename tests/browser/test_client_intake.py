"""A client completes the intake in Chromium on a 360 x 740 phone screen; axe checks each page."""

from sqlalchemy import select

from intake.models import Submission
from intake.questionnaire import STEPS
from tests.browser.client_steps import (
    complete_step,
    current_step,
    error_summary_links,
    fill,
    keyboard_continue,
    keyboard_fill,
    press,
    start,
    tab_to,
)
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers


def _stored_references(app) -> list[str]:
    with app.extensions["db_sessionmaker"]() as session:
        return list(session.scalars(select(Submission.reference)))


def _finish(app, browsing, page) -> None:
    assert page.url.endswith("/intake/done")
    browsing.check(page, "confirmation")
    reference = page.locator(".reference").inner_text().strip()
    assert _stored_references(app) == [reference]


def test_complete_intake_with_javascript_on(app, browsing):
    page = browsing.new_page()
    answers = full_answers(clinic_today())
    page.goto("/")
    browsing.check(page, "landing")
    start(page)
    for step in STEPS:
        assert current_step(page) == step
        browsing.check(page, step)
        if step == "skin":
            # The private link appears once step 1 is saved.
            assert "/resume/" in page.locator("#resume-link").inner_text()
        # An empty step: errors shown, and focus on the summary so a screen reader reads it.
        press(page)
        assert current_step(page) == step
        assert page.title().startswith("Error:")
        assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
        assert error_summary_links(page)
        browsing.check(page, f"{step}-errors")
        complete_step(page, answers[step])
    _finish(app, browsing, page)


def test_complete_intake_with_javascript_off(app, browsing):
    page = browsing.new_page(javascript=False)
    answers = full_answers(clinic_today())
    page.goto("/")
    browsing.check_without_script(page, "landing")
    start(page)
    for step in STEPS:
        browsing.check_without_script(page, step)
        press(page)
        assert page.title().startswith("Error:")
        assert error_summary_links(page)
        browsing.check_without_script(page, f"{step}-errors")
        # Follow-ups appear only once their question is answered and posted.
        complete_step(page, answers[step], on_page=browsing.check_without_script)
    assert page.url.endswith("/intake/done")
    browsing.check_without_script(page, "confirmation")
    assert _stored_references(app) == [page.locator(".reference").inner_text().strip()]


def test_resume_from_the_link_in_a_new_browser(app, browsing):
    answers = full_answers(clinic_today())
    page = browsing.new_page()
    start(page)
    complete_step(page, answers["about"])
    complete_step(page, answers["skin"])
    fill(page, {"pregnant": "no"})
    press(page, "save")
    browsing.check(page, "saved")
    link = page.locator("#resume-link").inner_text().strip()

    other = browsing.new_page()
    other.goto(link)
    assert current_step(other) == "health"
    browsing.check(other, "resumed")
    # What was typed on the first device, including the unfinished step, is all there.
    assert other.is_checked('input[name="pregnant"][value="no"]')
    other.goto("/intake/about")
    assert other.input_value('[name="full_name"]') == answers["about"]["full_name"]
    other.goto("/intake/health")
    for step in STEPS[STEPS.index("health") :]:
        complete_step(other, answers[step])
    _finish(app, browsing, other)

    broken = browsing.new_page()
    broken.goto(link[:-4] + "AAAA")
    assert broken.locator("h1").count() == 1
    browsing.check(broken, "unknown-link")


def test_switching_language_mid_form_keeps_the_answers(app, browsing):
    answers = full_answers(clinic_today())
    page = browsing.new_page()
    start(page)
    fill(page, {"full_name": "Asha Roy", "sex": "female"})
    with page.expect_navigation():
        page.locator('.lang-switch button[value="bn"]').click()
    assert page.locator("html").get_attribute("lang") == "bn"
    assert page.input_value('[name="full_name"]') == "Asha Roy"
    assert page.is_checked('input[name="sex"][value="female"]')
    browsing.check(page, "about-in-bengali")
    with page.expect_navigation():
        page.locator('.lang-switch button[value="hi"]').click()
    assert page.locator("html").get_attribute("lang") == "hi"
    browsing.check(page, "about-in-hindi")
    complete_step(page, answers["about"])
    assert page.locator("html").get_attribute("lang") == "hi"
    with page.expect_navigation():
        page.locator('.lang-switch button[value="en"]').click()
    for step in STEPS[1:]:
        complete_step(page, answers[step])
    _finish(app, browsing, page)


def test_complete_intake_with_the_keyboard_alone(app, browsing):
    answers = full_answers(clinic_today())
    page = browsing.new_page()
    page.goto("/")
    tab_to(page, "form[action='/start'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for step in STEPS:
        assert current_step(page) == step
        keyboard_fill(page, answers[step])
        keyboard_continue(page)
    assert page.url.endswith("/intake/done")
    browsing.screenshot(page, "confirmation")
    assert len(_stored_references(app)) == 1


def test_a_link_ended_by_starting_again_says_so(app, browsing):
    page = browsing.new_page()
    start(page)
    fill(page, {"full_name": "Asha Roy"})
    press(page, "save")
    link = page.locator("#resume-link").inner_text().strip()
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start again with new answers").click()

    ended = browsing.new_page()
    ended.goto(link)
    assert ended.locator("h1").inner_text() == "This link no longer works"
    browsing.check(ended, "ended-link")
    with ended.expect_navigation():
        ended.get_by_role("button", name="Start a new intake").click()
    assert current_step(ended) == STEPS[0]
