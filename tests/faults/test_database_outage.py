"""The database goes away mid-journey: the client is told to try again shortly, nothing is lost."""

from sqlalchemy import select

from intake.models import Draft, Submission
from intake.questionnaire import STEPS
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token


def test_health_check_follows_the_database_down_and_back(proxied_app, database_proxy):
    client = proxied_app.test_client()
    assert client.get("/healthz").status_code == 200
    database_proxy.cut()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"try again shortly" in response.data
    database_proxy.restore()
    assert client.get("/healthz").status_code == 200


def test_outage_mid_journey_keeps_earlier_steps_and_the_client_carries_on(
    app, proxied_app, database_proxy
):
    answers = full_answers(clinic_today())
    intake = Intake(proxied_app.test_client())
    intake.start()
    assert intake.post("about", answers["about"]).location == "/intake/skin"
    assert intake.post("skin", answers["skin"]).location == "/intake/photos"
    page = intake.client.get("/intake/health")

    database_proxy.cut()
    response = intake.client.post(
        "/intake/health",
        data={"csrf_token": csrf_token(page.text), "next": "1", **answers["health"]},
    )
    assert response.status_code == 503
    assert "We are busy for a moment" in response.text
    assert "Your earlier answers are saved. Please try again shortly." in response.text
    assert intake.client.get("/intake/about").status_code == 503

    database_proxy.restore()
    # Back: the steps saved before the outage are all there, and the client goes on.
    assert 'value="Asha Roy"' in intake.client.get("/intake/about").text
    with app.extensions["db_sessionmaker"]() as session:
        draft = session.scalars(select(Draft)).one()
        assert set(draft.answers) == {"about", "skin"}
    for step in STEPS[STEPS.index("health") :]:
        assert intake.post(step, answers[step]).status_code == 302
    assert intake.client.get("/intake/done").status_code == 200
    with app.extensions["db_sessionmaker"]() as session:
        submission = session.scalars(select(Submission)).one()
        assert submission.answers["about"]["full_name"] == "Asha Roy"
        assert submission.assessments and len(submission.consents) == 2
