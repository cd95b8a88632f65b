"""A specialist reads when a finding's window ends, then re-assesses the intake as of today."""

from intake.wording import long_date
from tests.browser.workspace_steps import DESKTOP, sign_in_on
from tests.support.factories import sent_before_toxin_window_ended
from tests.support.workspace import PASSWORD, add_user


def test_specialist_sees_the_window_end_and_reassesses_as_of_today(app, browsing):
    with app.extensions["db_sessionmaker"]() as session:
        submission, sent_on = sent_before_toxin_window_ended(session)
        add_user(app, session, "meera", PASSWORD, display_name="Dr Meera Sen")
    page = browsing.new_page(viewport=DESKTOP)
    sign_in_on(page)

    page.goto(f"/specialist/intakes/{submission.reference}")
    findings = page.locator("#findings")
    toxin = findings.locator("article", has_text="Botulinum toxin in the last 2 weeks")
    assert toxin.locator(".finding__window").inner_text().startswith("Clears on ")
    assert f"as of {long_date(sent_on)}" in findings.inner_text()
    browsing.check(page, "detail-window-end")

    with page.expect_navigation():
        page.get_by_role("button", name="Re-assess as of today").click()
    assert "Re-assessed with the current rules as of" in page.locator("main").inner_text()
    assert "No longer found: Botulinum toxin" in page.locator("#changes").inner_text()
    assert findings.locator("article", has_text="Botulinum toxin").count() == 0
    history = page.locator("#versions .history li")
    assert history.count() == 2
    assert f"as of {long_date(sent_on)}" in history.nth(0).inner_text()
    browsing.check(page, "detail-reassessed-today")
