"""The front desk through HTTP: booking visits, their invitations, and intakes sent from them."""

import re
from datetime import timedelta
from html import unescape

from intake.models import Appointment
from intake.questionnaire import STEPS
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import (
    QUIET_HEALTH,
    QUIET_MEDICINES,
    QUIET_SKIN_HEALTH,
    date_fields,
    full_answers,
)
from tests.support.forms import csrf_token
from tests.support.workspace import post_form

_LINK = re.compile(r'id="invitation-link">([^<]+)<')
_WHATSAPP = re.compile(r'id="whatsapp-link" href="([^"]+)"')


def post(client, url: str, data: dict | None = None, token_from: str = "/specialist/visits"):
    """Post a workspace form with a token read from a page the front desk can see."""
    return post_form(client, url, data, token_from)


def visit_fields(**overrides) -> dict:
    """Return the booking form's fields for a Bengali-speaking client tomorrow at 11:30."""
    return {
        "client_name": "Sudipta Ghosh",
        "mobile": "98300 12345",
        "language": "bn",
        "day": (clinic_today() + timedelta(days=1)).isoformat(),
        "at": "11:30",
        "service": "microneedling",
        "specialist": "",
        **overrides,
    }


def book(client, **overrides):
    """Post the booking form as the front desk would; return the response (not followed)."""
    return post(client, "/specialist/visits/new", visit_fields(**overrides))


def invitation_page(client, response) -> str:
    """Follow a booking or new-link response to the invitation page and return its HTML."""
    assert response.status_code == 303, response.status_code
    page = client.get(response.location)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def invitation_link(html: str) -> str:
    """Return the plain invitation link an invitation page shows."""
    return unescape(_LINK.search(html).group(1)).strip()


def whatsapp_link(html: str) -> str:
    return unescape(_WHATSAPP.search(html).group(1))


def only_visit(db_session) -> Appointment:
    db_session.expire_all()
    return db_session.query(Appointment).one()


def path_of(link: str) -> str:
    """Return the path of a full link, for the test client."""
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def quiet_answers():
    """Return an intake the rules find nothing to review in."""
    answers = full_answers(clinic_today())
    answers["health"] = dict(QUIET_HEALTH)
    answers["skin_health"] = dict(QUIET_SKIN_HEALTH)
    answers["medicines"] = dict(QUIET_MEDICINES)
    return answers


def flagged_answers():
    """Return the quiet intake with toxin 3 days ago: inside its 2 weeks for a visit this week."""
    answers = quiet_answers()
    answers["medicines"] = {
        **answers["medicines"],
        "procedures": ["botulinum_toxin"],
        **date_fields("botulinum_toxin_date", clinic_today() - timedelta(days=3)),
    }
    return answers


def send_invited_intake(app, desk, answers, days_ahead=2, **booking):
    """Book a visit and send its intake from the invitation; return the client and the last
    response, left open: what runs after a response waits for its close()."""
    day = (clinic_today() + timedelta(days=days_ahead)).isoformat()
    path = path_of(invitation_link(invitation_page(desk, book(desk, day=day, **booking))))
    browser = app.test_client()
    page = browser.get(path)
    browser.post(path, data={"csrf_token": csrf_token(page)})
    intake = Intake(browser)
    for step in STEPS[:-1]:
        assert intake.post(step, answers[step]).status_code == 302, step
    sent = intake.post("review", answers["review"])
    assert sent.status_code == 302 and sent.location.endswith("/intake/done")
    return browser, sent
