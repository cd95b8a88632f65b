"""The front desk books a visit and invites the client; the client answers in Bengali on a
phone; the board shows the intake sent, and the specialist reads that visit first."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page

from intake.questionnaire import STEPS
from tests.browser.client_steps import complete_step, current_step
from tests.browser.workspace_steps import DESKTOP, TABLET, sign_in_on
from tests.support.bookings import book
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers
from tests.support.workspace import ADMIN_PASSWORD, DESK_PASSWORD, PASSWORD, add_staff, sign_in

PHONE = {"width": 360, "height": 740}


def _book_earlier_visit(app) -> None:
    """Tomorrow at 09:00, without an intake: earlier than the visit the test books."""
    desk = app.test_client()
    assert sign_in(desk, "rina", DESK_PASSWORD).status_code == 303
    response = book(desk, at="09:00", client_name="Asha Early", mobile="98300 11111", language="en")
    assert response.status_code == 303


def _board_rows(page: Page, day_index: int) -> list[str]:
    table = page.locator("section.board-day").nth(day_index)
    return [row.inner_text() for row in table.locator("tbody tr").all()]


def test_front_desk_invites_a_bengali_client_who_answers_and_the_specialist_reads_it_first(
    app, browsing
):
    add_staff(app)
    _book_earlier_visit(app)
    tomorrow = clinic_today() + timedelta(days=1)

    desk = browsing.new_page(viewport=DESKTOP)
    sign_in_on(desk, "rina", DESK_PASSWORD)
    assert desk.url.endswith("/specialist/visits")
    browsing.check(desk, "desk-board")
    with desk.expect_navigation():
        desk.get_by_role("link", name="Book a visit").click()
    browsing.check(desk, "book")

    # A mistyped number is refused with the reason, and nothing typed is lost.
    desk.get_by_label("Client's name").fill("Sudipta Ghosh")
    desk.get_by_label("Mobile number").fill("98300 1234")
    desk.check("input[name='language'][value='bn']")
    desk.get_by_label("Date").fill(tomorrow.isoformat())
    desk.get_by_label("Time").fill("11:30")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Book and make the invitation").click()
    assert "That number does not exist" in desk.locator(".error-summary").inner_text()
    assert desk.get_by_label("Client's name").input_value() == "Sudipta Ghosh"
    browsing.check(desk, "book-errors")
    desk.get_by_label("Mobile number").fill("+91 98300-12345")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Book and make the invitation").click()
    browsing.check(desk, "invitation-desktop")
    desk.set_viewport_size(TABLET)
    browsing.screenshot(desk, "invitation-tablet")

    # The WhatsApp link carries the Bengali message with the private link in it.
    link = desk.locator("#invitation-link").inner_text().strip()
    whatsapp = urlsplit(desk.locator("#whatsapp-link").get_attribute("href"))
    assert (whatsapp.netloc, whatsapp.path) == ("wa.me", "/919830012345")
    message = parse_qs(whatsapp.query)["text"][0]
    assert message.startswith("নমস্কার Sudipta Ghosh")
    assert "মাইক্রোনিডলিং" in message and link in message
    assert desk.get_by_role("button", name="Copy the link").is_visible()
    assert desk.locator(".invite__qr svg").count() == 1

    # The client opens it on a phone whose browser speaks English, and answers in Bengali.
    phone = browsing.new_page(viewport=PHONE, locale="en-GB")
    phone.goto(link)
    assert phone.locator("html").get_attribute("lang") == "bn"
    assert "Sudipta Ghosh" in phone.locator("h1").inner_text()
    browsing.check(phone, "invitation-landing")
    with phone.expect_navigation():
        phone.get_by_role("button", name="শুরু করুন").click()
    assert phone.locator("[name='full_name']").input_value() == "Sudipta Ghosh"
    answers = full_answers(clinic_today())
    answers["about"] = {
        k: v for k, v in answers["about"].items() if k not in ("full_name", "phone")
    }
    for step in STEPS:
        assert current_step(phone) == step
        complete_step(phone, answers[step])
    assert phone.url.endswith("/intake/done")
    browsing.check(phone, "client-done")
    # The confirmation names the visit, clinic time, as said in Bengali and in its digits.
    next_steps = phone.locator("#next-heading + p").inner_text()
    assert "সময় সকাল ১১:৩০।" in next_steps and "সেই সময়ে ক্লিনিকে আপনার সঙ্গে দেখা হবে।" in next_steps

    # The board says the intake is sent, and offers no reminder for it.
    desk.set_viewport_size(DESKTOP)
    desk.goto("/specialist/visits")
    rows = _board_rows(desk, 1)
    assert "Asha Early" in rows[0] and "Sudipta Ghosh" in rows[1]
    assert "Intake sent" in rows[1] and "Remind on WhatsApp" not in rows[1]
    assert "Remind on WhatsApp" in rows[0]
    assert desk.locator(".board-reasons").count() == 0
    browsing.check(desk, "desk-board-intake-sent")

    # The specialist sees that visit first, with the top reasons in the row.
    specialist = browsing.new_page(viewport=DESKTOP)
    sign_in_on(specialist, "meera", PASSWORD)
    specialist.goto("/specialist/visits")
    rows = _board_rows(specialist, 1)
    assert "Sudipta Ghosh" in rows[0] and "Needs specialist review" in rows[0]
    reasons = specialist.locator("section.board-day").nth(1).locator(".board-reasons li")
    assert reasons.count() == 3
    assert "Anticoagulant or antiplatelet medicine" in reasons.all_inner_texts()
    browsing.check(specialist, "specialist-board")
    specialist.set_viewport_size(TABLET)
    browsing.check(specialist, "specialist-board-tablet")


def test_visit_and_account_pages_are_accessible_with_and_without_javascript(app, browsing):
    add_staff(app)
    _book_earlier_visit(app)

    admin = browsing.new_page(viewport=TABLET, javascript=False)
    sign_in_on(admin, "boss", ADMIN_PASSWORD)
    admin.goto("/specialist/visits")
    browsing.check_without_script(admin, "board-tablet-no-js")
    with admin.expect_navigation():
        admin.get_by_role("link", name="Asha Early").click()
    browsing.check_without_script(admin, "visit-tablet-no-js")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Make a new link and send it").click()
    # Without JavaScript there is no copy button; the link is there to select.
    assert admin.locator("#invitation-link").inner_text().startswith("http")
    assert not admin.locator("[data-copy]").is_visible()
    link = admin.locator("#invitation-link").inner_text().strip()
    browsing.check_without_script(admin, "invitation-tablet-no-js")
    admin.goto("/specialist/accounts")
    browsing.check_without_script(admin, "accounts-no-js")
    admin.get_by_label("Username").fill("tania")
    admin.check("input[name='role'][value='front_desk']")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Add account").click()
    assert admin.locator(".one-time__password").is_visible()
    browsing.check_without_script(admin, "account-created-no-js")

    # Cancelled: the link now tells the client to call the clinic.
    admin.goto("/specialist/visits")
    with admin.expect_navigation():
        admin.get_by_role("link", name="Asha Early").click()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Cancel this visit").click()
    phone = browsing.new_page(viewport=PHONE, locale="en-GB")
    phone.goto(link)
    assert "no longer works" in phone.locator("h1").inner_text()
    browsing.check(phone, "invitation-closed")
