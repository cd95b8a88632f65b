"""The front desk reaches visits only: every other workspace route answers 403."""

import pytest

from intake.models import Appointment, Decision
from intake.specialist.access import FRONT_DESK_VIEWS
from tests.support.bookings import book, post
from tests.support.factories import reviewed_submission
from tests.support.workspace import DESK_PASSWORD, PASSWORD, sign_in


def _workspace_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("specialist.") and rule.endpoint not in FRONT_DESK_VIEWS:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def test_every_clinical_and_admin_route_is_refused_to_the_front_desk(
    app, desk, db_session, front_desk
):
    submission = reviewed_submission(db_session)
    values = {"reference": submission.reference, "user_id": front_desk.id, "photo_id": 1}
    routes = list(_workspace_routes(app))
    # The intake, its PDF, decision, re-assessment and export, the dashboard, accounts, audit.
    assert len(routes) >= 12
    for rule, method in routes:
        with app.test_request_context():
            url = rule.build(values)[1]
        if method == "GET":
            response = desk.get(url, headers={"Accept": "text/html"})
        else:
            response = post(desk, url, {"outcome": "proceed", "role": "admin"})
        assert response.status_code == 403, (method, url, response.status_code)
        assert "Priya Das" not in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.query(Decision).count() == 0
    assert front_desk.role == "front_desk"


def test_the_front_desk_lands_on_the_board_and_is_not_offered_intakes(client, front_desk):
    response = sign_in(client, "rina", DESK_PASSWORD)
    assert response.location.endswith("/specialist/visits")
    page = client.get("/specialist/visits").get_data(as_text=True)
    assert 'href="/specialist/"' not in page and "/specialist/audit" not in page


@pytest.fixture
def booked_with_intakes(desk, db_session):
    """Three visits tomorrow: a suitable intake at 10:00, none at 11:30, a flagged one at 12:00."""
    book(desk, at="10:00", client_name="Asha Suitable", mobile="98300 11111")
    book(desk)
    book(desk, at="12:00", client_name="Mou Flagged", mobile="98300 22222")
    visits = {v.client_name: v for v in db_session.query(Appointment)}
    clear = {"rules_version": "x", "overall": "suitable", "flags": [], "per_concern": {}}
    fine = reviewed_submission(db_session, assessment=clear)
    flagged = reviewed_submission(db_session, full_name="Mou Flagged")
    visits["Asha Suitable"].submission_id = fine.id
    visits["Mou Flagged"].submission_id = flagged.id
    db_session.commit()
    return flagged


def test_the_front_desk_board_shows_progress_but_no_clinical_detail(desk, booked_with_intakes):
    page = desk.get("/specialist/visits").get_data(as_text=True)
    assert page.index("Asha Suitable") < page.index("Sudipta Ghosh") < page.index("Mou Flagged")
    assert "Intake sent" in page and "Invited" in page
    for clinical in ("Isotretinoin", "Needs specialist review", booked_with_intakes.reference):
        assert clinical not in page
    # The visit without an intake can be reminded; those with one cannot.
    assert page.count("Remind on WhatsApp") == 1


def test_a_specialist_sees_flagged_intakes_first_with_their_reasons(
    app, specialist, booked_with_intakes
):
    browser = app.test_client()
    sign_in(browser, "meera", PASSWORD)
    page = browser.get("/specialist/visits").get_data(as_text=True)
    assert page.index("Mou Flagged") < page.index("Asha Suitable") < page.index("Sudipta Ghosh")
    assert "Isotretinoin now or in the last 6 months" in page
    assert "Cold sore history: antiviral prophylaxis" in page
    assert booked_with_intakes.reference in page


def test_the_board_shows_any_chosen_day_and_refuses_a_bad_date(desk):
    book(desk)
    assert "No visits booked" in desk.get("/specialist/visits?day=2031-01-01").get_data(
        as_text=True
    )
    assert desk.get("/specialist/visits?day=tomorrow").status_code == 400
