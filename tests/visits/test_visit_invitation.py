"""The client opens a visit's invitation, starts in their language, and their intake joins it."""

import logging
import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.dates import format_date

from intake.client.logfilter import AccessLogFilter
from intake.models import AuditEvent, Draft, Submission
from intake.questionnaire import STEPS
from tests.support.bookings import (
    book,
    invitation_link,
    invitation_page,
    only_visit,
    path_of,
    post,
    quiet_answers,
    send_invited_intake,
    whatsapp_link,
)
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token
from tests.support.page_text import PAGE_DIGITS

# A morning and an afternoon visit, the time written as a Kolkata client says it: the part of
# the day first, in the page's digits, never AM/PM.
SAID_TIMES = [
    ("bn", "10:00", "সকাল ১০:০০"),
    ("bn", "16:30", "বিকেল ৪:৩০"),
    ("hi", "10:00", "सुबह १०:००"),
    ("hi", "16:30", "शाम ४:३०"),
]
# How the page, the confirmation and the message name the visit in each language.
VISIT_SENTENCE = {
    "bn": "আপনার আসার দিন {day}, সময় {time}।",
    "hi": "आपका आना {day} को {time} बजे तय है।",
}
_SMS = re.compile(r'id="sms-link" href="([^"]+)"')


def _visit_sentence(language: str, days_ahead: int, time: str) -> str:
    day = format_date(clinic_today() + timedelta(days=days_ahead), "EEEE d MMMM y", locale=language)
    return VISIT_SENTENCE[language].format(day=day.translate(PAGE_DIGITS[language]), time=time)


def _invite(desk) -> str:
    return path_of(invitation_link(invitation_page(desk, book(desk))))


def _start(browser, path: str):
    page = browser.get(path)
    return browser.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})


def test_the_invitation_greets_the_client_in_their_language(app, desk):
    path = _invite(desk)
    page = app.test_client().get(path, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="bn">' in html
    # The time in the Bengali page's own digits, and the journey's true number of steps.
    assert "Sudipta Ghosh" in html and "সকাল ১১:৩০" in html
    assert "মোটামুটি ১০ মিনিট লাগবে, ছ'টা ছোট ধাপে।" in html
    assert page.headers["Cache-Control"] == "no-store"


def test_the_intake_starts_prefilled_and_is_attached_to_the_visit(app, desk, db_session):
    path = _invite(desk)
    browser = app.test_client()
    response = _start(browser, path)
    assert response.status_code == 303 and response.location.endswith("/intake/about")
    about = browser.get("/intake/about").get_data(as_text=True)
    assert 'value="Sudipta Ghosh"' in about and 'value="+91 98300 12345"' in about
    assert '<html lang="bn">' in about

    answers = full_answers(clinic_today())
    answers["about"] = {
        **answers["about"],
        "full_name": "Sudipta Ghosh",
        "phone": "+91 98300 12345",
    }
    intake = Intake(browser)
    assert intake.post("about", answers["about"]).status_code == 302
    assert only_visit(db_session).status == "intake_started"
    for step in STEPS[1:]:
        assert intake.post(step, answers[step]).status_code == 302, step

    visit = only_visit(db_session)
    submission = db_session.get(Submission, visit.submission_id)
    assert visit.status == "intake_sent"
    assert submission.language == "bn" and submission.full_name == "Sudipta Ghosh"
    assert "Intake sent" in desk.get("/specialist/visits").get_data(as_text=True)

    # Opening the invitation again says the answers arrived, and starts nothing new.
    again = browser.get(path).get_data(as_text=True)
    assert 'type="submit"' not in again.split("<main", 1)[1]
    drafts = db_session.query(Draft).count()
    assert _start(app.test_client(), path).status_code == 303
    assert db_session.query(Draft).count() == drafts


def test_opening_the_link_twice_in_one_browser_continues_the_same_draft(app, desk, db_session):
    path = _invite(desk)
    browser = app.test_client()
    _start(browser, path)
    Intake(browser).post("about", {}, button="save")
    response = _start(browser, path)
    assert response.status_code == 303
    assert db_session.query(Draft).count() == 1


def test_the_public_link_still_works_for_walk_ins(app, desk, db_session):
    _invite(desk)
    walk_in = app.test_client()
    reference = Intake(walk_in).submit(full_answers(clinic_today()))
    assert db_session.query(Submission).filter_by(reference=reference).one()
    assert only_visit(db_session).submission_id is None
    # No visit yet: the clinic will be in touch to fix one.
    done = walk_in.get("/intake/done").get_data(as_text=True)
    assert "The clinic will call or message you to confirm the day and time" in done


@pytest.mark.parametrize(("language", "at", "said"), SAID_TIMES)
def test_the_confirmation_of_an_invited_intake_gives_its_visit_as_the_client_says_it(
    app, desk, language, at, said
):
    browser, sent = send_invited_intake(
        app, desk, quiet_answers(), days_ahead=3, language=language, at=at
    )
    sent.close()
    done = browser.get("/intake/done").get_data(as_text=True)
    # Clinic time, as booked, in the page's own digits.
    assert _visit_sentence(language, 3, said) in done
    if language == "bn":
        assert "সেই সময়ে ক্লিনিকে আপনার সঙ্গে দেখা হবে।" in done
        assert "ক্লিনিক আপনাকে ফোন বা" not in done


@pytest.mark.parametrize(("language", "at", "said"), SAID_TIMES)
def test_the_invitation_and_its_message_give_the_visit_as_the_client_says_it(
    app, desk, language, at, said
):
    html = invitation_page(desk, book(desk, language=language, at=at))
    link = invitation_link(html)
    visit = _visit_sentence(language, 1, said)
    whatsapp = urlsplit(whatsapp_link(html))
    sms = urlsplit(unescape(_SMS.search(html).group(1)))
    # The number the message goes to and the link in it keep 0-9: only what is read changes.
    assert whatsapp.path == "/919830012345" and sms.path == "+919830012345"
    assert link.isascii()
    for text in (parse_qs(whatsapp.query)["text"][0], parse_qs(sms.query)["body"][0]):
        assert visit in text and link in text
        assert not re.search(r"\b(AM|PM|am|pm)\b", text)
    page = app.test_client().get(path_of(link)).get_data(as_text=True)
    assert visit in page


def test_after_cancellation_the_link_says_to_call_the_clinic(app, desk, db_session):
    path = _invite(desk)
    post(desk, f"/specialist/visits/{only_visit(db_session).id}/cancel")
    browser = app.test_client()
    response = browser.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 410
    html = response.get_data(as_text=True)
    assert "This invitation no longer works" in html and "call the clinic" in html
    assert _start(browser, path).status_code == 410
    assert db_session.query(Draft).count() == 0


def test_after_the_visit_day_the_link_no_longer_works(app, desk, db_session):
    path = _invite(desk)
    visit = only_visit(db_session)
    visit.visit_date = clinic_today() - timedelta(days=1)
    visit.starts_at -= timedelta(days=2)
    db_session.commit()
    response = app.test_client().get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 410
    assert "This invitation no longer works" in response.get_data(as_text=True)


def test_the_link_works_through_the_visit_day(app, desk, db_session):
    path = _invite(desk)
    visit = only_visit(db_session)
    visit.visit_date = clinic_today()
    db_session.commit()
    assert app.test_client().get(path).status_code == 200


def test_a_new_link_replaces_the_old_one(app, desk, db_session):
    old = _invite(desk)
    visit = only_visit(db_session)
    new = path_of(
        invitation_link(
            invitation_page(
                desk, post(desk, f"/specialist/visits/{visit.id}/link", {"reason": "reminder"})
            )
        )
    )
    assert app.test_client().get(new).status_code == 200
    response = app.test_client().get(old, headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "newer link" in response.get_data(as_text=True)


def test_unknown_and_overlong_links_are_not_found(client):
    assert client.get("/visit/not-a-real-token").status_code == 404
    assert client.get("/visit/" + "a" * 500).status_code == 404


def test_the_access_log_never_holds_an_invitation_token():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '"GET /visit/%s HTTP/1.1" 200',
        ("s3cr3tT0ken",),
        None,
    )
    AccessLogFilter().filter(record)
    assert "s3cr3tT0ken" not in record.getMessage() and "/visit/[redacted]" in record.getMessage()


def test_the_message_is_written_in_each_clients_language(desk):
    greetings = {
        "en": "Hello Sudipta Ghosh",
        "bn": "নমস্কার Sudipta Ghosh",
        "hi": "नमस्ते Sudipta Ghosh",
    }
    times = {"en": "10:00 AM", "bn": "সকাল ১১:০০", "hi": "दोपहर १२:००"}
    for number, language in enumerate(greetings):
        html = invitation_page(desk, book(desk, language=language, at=f"1{number}:00"))
        text = parse_qs(urlsplit(whatsapp_link(html)).query)["text"][0]
        assert text.startswith(greetings[language]), language
        assert invitation_link(html) in text and "Skin Consult Clinic, Kolkata" in text
        assert times[language] in text


def test_every_step_of_the_visit_is_audited_without_the_clients_details(app, desk, db_session):
    path = _invite(desk)
    browser = app.test_client()
    _start(browser, path)
    Intake(browser).post("about", {}, button="save")
    visit = only_visit(db_session)
    post(desk, f"/specialist/visits/{visit.id}/link", {"reason": "reminder"})
    post(desk, f"/specialist/visits/{visit.id}/mark", {"status": "arrived"})
    events = db_session.query(AuditEvent).filter(AuditEvent.action != "sign_in").all()
    assert [e.action for e in events] == [
        "appointment_booked",
        "intake_started",
        "invitation_issued",
        "appointment_marked",
    ]
    assert all(e.detail["appointment"] == visit.id for e in events)
    assert [e.username for e in events] == ["rina", None, "rina", "rina"]
    for event in events:
        assert "Sudipta" not in str(event.detail) and "98300" not in str(event.detail)
