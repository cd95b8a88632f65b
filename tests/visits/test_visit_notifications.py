"""A flagged intake for a visit in the next days is e-mailed to the specialists, after the
response, through a real SMTP server (aiosmtpd) listening on this machine."""

import logging
import re
from datetime import timedelta
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

import pytest

from intake.db import utcnow
from intake.models import Submission
from tests.support.bookings import (
    book,
    flagged_answers,
    only_visit,
    post,
    quiet_answers,
    send_invited_intake,
)
from tests.support.client_journey import clinic_today
from tests.support.factories import (
    QUIET_MEDICINES,
    make_submission,
    typical_answers,
)
from tests.support.mailserver import Mailbox, configure, free_port, serve
from tests.support.workspace import PASSWORD, add_user, sign_in

CLIENT_NAME = "Asha Roy"  # the name full_answers() posts
# The active specialist and administrator with an address; never the front desk or the inactive.
TEAM = ["boss@clinic.example", "meera@clinic.example"]


@pytest.fixture
def mailbox(app):
    box = Mailbox()
    controller = serve(app, box)
    yield box
    controller.stop()


@pytest.fixture
def team(app, db_session, specialist, admin):
    """Who can be told: two specialists with addresses, and accounts that must never be."""
    specialist.email = "meera@clinic.example"
    admin.email = "boss@clinic.example"
    add_user(app, db_session, "gone", PASSWORD, email="gone@clinic.example", is_active=False)
    add_user(app, db_session, "desk2", PASSWORD, role="front_desk", email="desk@clinic.example")
    add_user(app, db_session, "nomail", PASSWORD)
    db_session.commit()
    return specialist


def _submission(db_session) -> Submission:
    return db_session.get(Submission, only_visit(db_session).submission_id)


def test_a_flagged_intake_for_a_visit_soon_is_mailed_after_the_response(
    finish, app, desk, db_session, team, mailbox
):
    browser, sent = send_invited_intake(app, desk, flagged_answers())
    # The client has their answer before the mail server is even spoken to.
    assert mailbox.attempts == 0
    finish(sent)

    submission = _submission(db_session)
    assert submission.outcome == "needs_specialist_review"
    assert len(mailbox.received) == 1
    envelope = mailbox.received[0]
    assert envelope.mail_from == "intake@clinic.example"
    assert sorted(envelope.rcpt_tos) == TEAM
    mail = message_from_bytes(envelope.content, policy=policy.default)
    assert submission.reference in mail["Subject"]
    body = mail.get_body().get_content()
    visit = only_visit(db_session)
    assert f"Reference: {submission.reference}" in body
    assert "Rules' outcome: Needs specialist review" in body
    assert f"{visit.visit_date.day} {visit.visit_date:%B %Y} at 11:30" in body
    # Nothing that says who the client is or what they answered.
    text = envelope.content.decode().casefold()
    for private in (CLIENT_NAME, "Asha", "Sudipta", "98300", "toxin", "asha@example.com"):
        assert private.casefold() not in text, private
    # The client's confirmation page is there as always.
    assert submission.reference in browser.get(sent.location).get_data(as_text=True)
    assert visit.specialists_told_at is not None


def test_the_visits_own_specialist_alone_is_told(finish, app, desk, db_session, team, mailbox):
    _, sent = send_invited_intake(app, desk, flagged_answers(), specialist=str(team.id))
    finish(sent)
    assert [e.rcpt_tos for e in mailbox.received] == [["meera@clinic.example"]]


def test_a_walk_ins_flagged_intake_attached_to_a_visit_soon_is_mailed(
    finish, app, desk, db_session, team, mailbox
):
    answers = typical_answers()
    answers["medicines"] = {
        **QUIET_MEDICINES,
        "procedures": ["botulinum_toxin"],
        "botulinum_toxin_date": (clinic_today() - timedelta(days=3)).isoformat(),
    }
    walk_in = make_submission(db_session, answers, reference="T0XN-WALK", submitted_at=utcnow())
    db_session.commit()
    book(desk)
    url = f"/specialist/visits/{only_visit(db_session).id}/attach"
    attached = post(desk, url, {"reference": walk_in.reference}, url[:-7])
    assert attached.status_code == 303 and mailbox.attempts == 0
    finish(attached)
    assert _submission(db_session).outcome == "needs_specialist_review"
    assert [sorted(e.rcpt_tos) for e in mailbox.received] == [TEAM]
    assert "T0XN-WALK" in mailbox.received[0].content.decode()


def test_a_visit_five_days_away_sends_nothing(finish, app, desk, db_session, team, mailbox):
    _, sent = send_invited_intake(app, desk, flagged_answers(), days_ahead=5)
    finish(sent)
    assert _submission(db_session).outcome == "needs_specialist_review"
    assert mailbox.attempts == 0
    assert only_visit(db_session).specialists_told_at is None


def test_a_suitable_intake_sends_nothing(finish, app, desk, db_session, team, mailbox):
    _, sent = send_invited_intake(app, desk, quiet_answers())
    finish(sent)
    assert _submission(db_session).outcome in ("suitable", "suitable_with_precautions")
    assert mailbox.attempts == 0


def test_without_mail_settings_nothing_is_sent(finish, app, desk, db_session, team, mailbox):
    app.config["MAIL_SERVER"] = ""
    _, sent = send_invited_intake(app, desk, flagged_answers())
    finish(sent)
    assert mailbox.attempts == 0
    assert only_visit(db_session).specialists_told_at is None


def test_a_refused_first_try_is_retried_once(finish, app, desk, db_session, team):
    box = Mailbox(refuse_first=True)
    controller = serve(app, box)
    try:
        _, sent = send_invited_intake(app, desk, flagged_answers())
        finish(sent)
    finally:
        controller.stop()
    assert box.attempts == 2
    assert len(box.received) == 1
    assert only_visit(db_session).specialists_told_at is not None


def test_a_mail_server_that_is_down_never_fails_the_client(
    finish, app, desk, db_session, team, caplog
):
    configure(app, free_port())  # nothing listens there: every connection is refused
    caplog.set_level(logging.WARNING, logger="intake.visits.notifications")
    browser, sent = send_invited_intake(app, desk, flagged_answers())
    finish(sent)

    submission = _submission(db_session)
    done = browser.get(sent.location)
    assert done.status_code == 200 and submission.reference in done.get_data(as_text=True)
    lines = [r.getMessage() for r in caplog.records if r.name == "intake.visits.notifications"]
    assert len(lines) == 2, lines  # the first try and one retry
    assert f"submission {submission.id} failed, attempt 1 of 2" in lines[0]
    assert "attempt 2 of 2" in lines[1] and "giving up" in lines[1]
    for line in lines:
        assert CLIENT_NAME not in line and submission.reference not in line
    assert only_visit(db_session).specialists_told_at is None


def test_the_board_marks_a_visit_the_specialists_were_told_of(
    finish, app, desk, db_session, team, mailbox
):
    finish(send_invited_intake(app, desk, flagged_answers(), days_ahead=1)[1])
    told = only_visit(db_session).specialists_told_at
    clock = told.astimezone(ZoneInfo(app.config["CLINIC_TIMEZONE"])).strftime("%H:%M")
    specialist_view = app.test_client()
    assert sign_in(specialist_view, "meera", PASSWORD).status_code == 303
    board = specialist_view.get("/specialist/visits").get_data(as_text=True)
    assert re.search(rf"Flagged, specialists told at <time[^>]*>{clock}</time>", board)
    assert 'id="told-note"' in board  # what the mark means, on the page itself
    # The front desk never learns which intakes the rules flagged.
    assert "specialists told" not in desk.get("/specialist/visits").get_data(as_text=True)
