"""The front desk books, changes, moves and cancels visits; bad input saves nothing."""

from datetime import UTC, datetime, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

from intake.models import Appointment, Assessment, AuditEvent
from tests.support.bookings import (
    book,
    invitation_link,
    invitation_page,
    only_visit,
    path_of,
    post,
    visit_fields,
    whatsapp_link,
)
from tests.support.client_journey import clinic_today
from tests.support.factories import reviewed_submission


def _count(db_session, model) -> int:
    db_session.expire_all()
    return db_session.query(model).count()


def test_booking_stores_the_visit_and_shows_its_invitation_once(desk, db_session):
    response = book(desk, mobile="+91 98300-12345")
    html = invitation_page(desk, response)

    visit = only_visit(db_session)
    assert visit.mobile == "+919830012345"
    assert (visit.client_name, visit.language, visit.service) == (
        "Sudipta Ghosh",
        "bn",
        "microneedling",
    )
    assert visit.status == "invited"
    tomorrow = clinic_today() + timedelta(days=1)
    assert visit.visit_date == tomorrow
    # 11:30 in Kolkata is 06:00 UTC.
    assert visit.starts_at == datetime.combine(tomorrow, datetime.min.time(), UTC).replace(hour=6)

    link = invitation_link(html)
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 22  # at least 128 bits, URL-safe base64
    assert token not in (visit.invitation_hash or "")

    whatsapp = urlsplit(whatsapp_link(html))
    assert (whatsapp.scheme, whatsapp.netloc, whatsapp.path) == ("https", "wa.me", "/919830012345")
    text = parse_qs(whatsapp.query)["text"][0]
    # Booked in Bengali: the time as the client reads it, in the page's digits.
    assert link in text and "Sudipta Ghosh" in text and "সকাল ১১:৩০" in text
    assert 'href="sms:+919830012345?body=' in html
    assert "<svg" in html and 'role="img"' in html

    # The plain link is on that one page: reloading it does not show it again.
    again = desk.get(f"/specialist/visits/{visit.id}/invite").get_data(as_text=True)
    assert token not in again and "Make a new link" in again


def test_booking_is_audited_without_the_clients_details(desk, db_session):
    book(desk)
    visit = only_visit(db_session)
    event = db_session.query(AuditEvent).filter_by(action="appointment_booked").one()
    assert event.username == "rina"
    assert event.detail == {"appointment": visit.id, "service": "microneedling"}
    assert "Sudipta" not in str(event.detail) and "98300" not in str(event.detail)


def test_a_malformed_number_is_refused_and_nothing_saved(desk, db_session):
    response = book(desk, mobile="98300 123")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "That number does not exist" in page
    # What was typed stays in the form.
    assert 'value="Sudipta Ghosh"' in page and 'value="98300 123"' in page
    assert _count(db_session, Appointment) == 0
    assert _count(db_session, AuditEvent) == 1  # only the sign-in


def test_a_date_in_the_past_is_refused_for_a_new_visit(desk, db_session):
    response = book(desk, day=(clinic_today() - timedelta(days=1)).isoformat())
    assert response.status_code == 400
    assert "this one has passed" in response.get_data(as_text=True)
    assert _count(db_session, Appointment) == 0


def test_two_visits_for_one_number_at_one_time_are_refused(desk, db_session):
    assert book(desk).status_code == 303
    response = book(desk, mobile="098300 12345", client_name="Someone Else")
    assert response.status_code == 400
    assert "already a visit for this mobile number at that time" in response.get_data(as_text=True)
    assert _count(db_session, Appointment) == 1
    # Another time is fine, and so is the same time once the first visit is cancelled.
    assert book(desk, at="12:30").status_code == 303
    first = db_session.query(Appointment).order_by(Appointment.id).first()
    post(desk, f"/specialist/visits/{first.id}/cancel")
    assert book(desk).status_code == 303
    assert _count(db_session, Appointment) == 3


def test_missing_fields_are_each_explained(desk, db_session):
    response = book(desk, client_name="", mobile="", day="", at="", language="")
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    for message in (
        "Enter the client's name.",
        "Enter a mobile number",
        "Enter the date of the visit.",
        "Enter the time of the visit.",
        "Choose the client's language.",
    ):
        assert message in page
    assert _count(db_session, Appointment) == 0


def test_moving_a_visit_to_another_day_reassesses_its_intake(desk, db_session):
    book(desk)
    visit = only_visit(db_session)
    submission = reviewed_submission(db_session)
    visit.submission_id = submission.id
    db_session.commit()
    before = _count(db_session, Assessment)

    later = clinic_today() + timedelta(days=9)
    url = f"/specialist/visits/{visit.id}"
    response = post(desk, url, visit_fields(day=later.isoformat()), url)
    assert response.status_code == 303
    assert _count(db_session, Assessment) == before + 1
    moved = only_visit(db_session)
    assert moved.visit_date == later
    actions = [e.action for e in db_session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions[-2:] == ["appointment_moved", "reassessed"]

    # A new time on the same day moves the visit but leaves the assessment alone.
    response = post(desk, url, visit_fields(day=later.isoformat(), at="16:00"), url)
    assert response.status_code == 303
    assert _count(db_session, Assessment) == before + 1


def test_editing_refuses_a_bad_number_and_keeps_the_visit_as_it_was(desk, db_session):
    book(desk)
    visit = only_visit(db_session)
    url = f"/specialist/visits/{visit.id}"
    response = post(desk, url, visit_fields(mobile="12", client_name="Changed"), url)
    assert response.status_code == 400
    kept = only_visit(db_session)
    assert (kept.client_name, kept.mobile) == ("Sudipta Ghosh", "+919830012345")


def test_cancelling_stops_the_invitation_and_the_visit_cannot_be_edited(desk, db_session):
    link = invitation_link(invitation_page(desk, book(desk)))
    visit = only_visit(db_session)
    post(desk, f"/specialist/visits/{visit.id}/cancel")
    assert only_visit(db_session).status == "cancelled"
    assert db_session.query(AuditEvent).filter_by(action="appointment_cancelled").count() == 1

    url = f"/specialist/visits/{visit.id}"
    response = post(desk, url, visit_fields(client_name="Changed"), url)
    assert response.status_code == 303
    assert only_visit(db_session).client_name == "Sudipta Ghosh"
    # No new link for a cancelled visit either: back to the visit, with no link made.
    response = post(desk, f"/specialist/visits/{visit.id}/link", {"reason": "reminder"})
    assert response.location.endswith(url)
    assert db_session.query(AuditEvent).filter_by(action="invitation_issued").count() == 0
    assert desk.get(path_of(link)).status_code == 410


def test_the_front_desk_marks_arrival(desk, db_session):
    book(desk)
    visit = only_visit(db_session)
    post(desk, f"/specialist/visits/{visit.id}/mark", {"status": "arrived"})
    assert only_visit(db_session).status == "arrived"
    assert (
        post(desk, f"/specialist/visits/{visit.id}/mark", {"status": "decided"}).status_code == 400
    )


def test_a_walk_ins_intake_is_attached_by_reference(desk, db_session):
    book(desk)
    visit = only_visit(db_session)
    submission = reviewed_submission(db_session)
    url = f"/specialist/visits/{visit.id}/attach"

    response = post(desk, url, {"reference": "ZZZZ-ZZZZ"}, f"/specialist/visits/{visit.id}")
    assert response.status_code == 400
    assert "No intake has that reference" in response.get_data(as_text=True)
    assert only_visit(db_session).submission_id is None

    # Typed as people read it aloud: lower case, no hyphen.
    typed = submission.reference.replace("-", "").lower()
    response = post(desk, url, {"reference": typed}, f"/specialist/visits/{visit.id}")
    assert response.status_code == 303
    attached = only_visit(db_session)
    assert attached.submission_id == submission.id and attached.status == "intake_sent"

    # The same intake cannot belong to a second visit.
    book(desk, at="15:00")
    other = db_session.query(Appointment).order_by(Appointment.id.desc()).first()
    response = post(
        desk,
        f"/specialist/visits/{other.id}/attach",
        {"reference": submission.reference},
        f"/specialist/visits/{other.id}",
    )
    assert response.status_code == 400
    assert "already belongs to another visit" in response.get_data(as_text=True)
