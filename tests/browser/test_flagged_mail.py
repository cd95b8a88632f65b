"""An administrator gives a specialist an e-mail address; a flagged intake for tomorrow's
visit is mailed to it; the specialist's board marks the visit and says what the mark means."""

import re

from playwright.sync_api import Page

from tests.browser.workspace_steps import DESKTOP, TABLET, sign_in_on
from tests.support.bookings import flagged_answers, send_invited_intake
from tests.support.mailserver import Mailbox, serve
from tests.support.workspace import ADMIN_PASSWORD, DESK_PASSWORD, PASSWORD, add_staff, sign_in


def _give_meera_an_address(page: Page) -> None:
    page.goto("/specialist/accounts")
    page.get_by_label("E-mail of meera").fill("meera@clinic.example")
    with page.expect_navigation():
        page.get_by_role("button", name="Save e-mail of meera").click()
    assert "meera: e-mail saved." in page.locator("main").inner_text()


def test_a_flagged_intake_is_mailed_and_marked_on_the_board(finish, app, browsing):
    add_staff(app)
    mailbox = Mailbox()
    controller = serve(app, mailbox)
    try:
        admin = browsing.new_page(viewport=DESKTOP)
        sign_in_on(admin, "boss", ADMIN_PASSWORD)
        _give_meera_an_address(admin)
        browsing.check(admin, "accounts-with-email")

        desk = app.test_client()
        assert sign_in(desk, "rina", DESK_PASSWORD).status_code == 303
        finish(send_invited_intake(app, desk, flagged_answers(), days_ahead=1)[1])
    finally:
        controller.stop()
    assert [envelope.rcpt_tos for envelope in mailbox.received] == [["meera@clinic.example"]]

    specialist = browsing.new_page(viewport=TABLET)
    sign_in_on(specialist, "meera", PASSWORD)
    specialist.goto("/specialist/visits")
    mark = specialist.locator(".board-told")
    assert re.fullmatch(r"Flagged, specialists told at \d\d:\d\d", mark.inner_text())
    note = specialist.locator("#told-note")
    assert note.is_visible() and "only the reference" in note.inner_text()
    browsing.check(specialist, "board-flagged-mark")
