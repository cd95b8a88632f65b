"""A specialist signs in, finds a new intake, reads it, downloads its PDF and decides."""

import time

from sqlalchemy import select

from intake.models import Decision, PdfDocument, Submission
from tests.browser.workspace_steps import DESKTOP, fill_sign_in, sign_in_on
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.workspace import PASSWORD, add_user

TABLET = {"width": 820, "height": 1180}


def _submitted_intake(app) -> str:
    """Submit a client's intake over HTTP and return its reference."""
    return Intake(app.test_client()).submit(full_answers(clinic_today()))


def test_specialist_signs_in_finds_reads_downloads_and_decides(app, browsing, tmp_path):
    reference = _submitted_intake(app)
    with app.extensions["db_sessionmaker"]() as session:
        add_user(app, session, "meera", PASSWORD, display_name="Dr Meera Sen")

    page = browsing.new_page(viewport=DESKTOP)
    page.goto("/specialist/")
    assert "/specialist/sign-in" in page.url
    browsing.check(page, "sign-in")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.locator(".error-summary").count() == 1
    browsing.check(page, "sign-in-errors")
    page.get_by_label("Username").fill("meera")
    page.get_by_label("Password").fill("not the password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    browsing.check(page, "sign-in-refused")
    fill_sign_in(page)

    # The dashboard lists the new intake; a search by name finds it too.
    assert page.url.endswith("/specialist/")
    browsing.check(page, "dashboard")
    assert page.locator(f"a.reference-link:text-is('{reference}')").count() == 1
    # The filters fold into one line until opened.
    page.get_by_text("Filter and search").click()
    page.locator("input[name='q']").fill("Asha Roy")
    with page.expect_navigation():
        page.get_by_role("button", name="Show intakes").click()
    browsing.check(page, "dashboard-search")
    # Posted, so the name stays out of the address bar and the browser's history.
    assert "search=1" in page.url and "asha" not in page.url.lower()
    assert page.locator("input[name='q']").input_value() == "Asha Roy"
    with page.expect_navigation():
        page.locator(f"a.reference-link:text-is('{reference}')").click()

    assert page.url.endswith(f"/specialist/intakes/{reference}")
    browsing.check(page, "detail")
    assert "Asha Roy" in page.locator("main").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    pdf = tmp_path / "summary.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert reference in download.value.suggested_filename

    # A decision against the rules' outcome without a reason is refused and explained.
    with app.extensions["db_sessionmaker"]() as session:
        overall = session.scalars(select(Submission)).one().outcome
    against = "decline" if overall in ("suitable", "suitable_with_precautions") else "proceed"
    page.check(f"input[name='outcome'][value='{against}']")
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    assert page.locator("#decide .error-summary, #decide .field--error").count() >= 1
    browsing.check(page, "decision-errors")

    page.check("input[name='outcome'][value='needs_consultation']")
    page.locator("textarea[name='notes']").fill("Talk through the isotretinoin history.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    assert "Needs in-person consultation" in page.locator("#decisions").inner_text()
    browsing.check(page, "decision-recorded")
    with app.extensions["db_sessionmaker"]() as session:
        decision = session.scalars(select(Decision)).one()
        assert decision.outcome == "needs_consultation"
        assert decision.user.username == "meera"

    # The intake page the decision returned to has prepared the new summary once sent; the
    # next download is that stored copy, decision included.
    prepared = _wait_for_summary_after(app, decision.created_at)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    download.value.save_as(pdf)
    assert pdf.read_bytes() == prepared


def _wait_for_summary_after(app, moment, seconds: float = 30) -> bytes:
    """Return the stored summary rendered after ``moment``, waiting for the server to make it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with app.extensions["db_sessionmaker"]() as session:
            content = session.scalar(
                select(PdfDocument.content).where(PdfDocument.created_at >= moment)
            )
        if content is not None:
            return content
        time.sleep(0.1)
    raise AssertionError("no summary was prepared after the decision")


def test_workspace_pages_are_accessible_on_a_tablet(app, browsing):
    reference = _submitted_intake(app)
    with app.extensions["db_sessionmaker"]() as session:
        add_user(app, session, "meera", PASSWORD, display_name="Dr Meera Sen")
    page = browsing.new_page(viewport=TABLET)
    sign_in_on(page)
    for path, name in (
        ("/specialist/", "dashboard"),
        (f"/specialist/intakes/{reference}", "detail"),
        ("/specialist/audit", "audit"),
        ("/specialist/password", "password"),
    ):
        response = page.goto(path)
        assert response.status in (200, 403), path
        browsing.check(page, name)
