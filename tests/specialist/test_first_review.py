"""A new clinic's first day: the first admin signs in and reviews what a client just sent."""

import re

from intake.questionnaire import STEPS
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import page_token
from tests.support.workspace import sign_in


def _client_submits(app) -> str:
    client = Intake(app.test_client())
    fields = full_answers(clinic_today())
    client.start()
    for step in STEPS:
        assert client.post(step, fields[step]).status_code == 302, step
    done = client.client.get("/intake/done").get_data(as_text=True)
    return re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", done).group(0)


def test_first_admin_signs_in_and_reviews_a_just_submitted_intake(app, runner):
    setup = runner.invoke(args=["ensure-admin"])
    one_time = re.search(r"password: (\S+)", setup.output).group(1)
    reference = _client_submits(app)

    specialist = app.test_client()
    assert sign_in(specialist, "admin", one_time).status_code == 303
    token = page_token(specialist, "/specialist/password")
    changed = specialist.post(
        "/specialist/password",
        data={
            "csrf_token": token,
            "current_password": one_time,
            "new_password": "saffron kettle harbour 31",
            "confirm": "saffron kettle harbour 31",
        },
    )
    assert changed.headers["Location"] == "/specialist/"

    dashboard = specialist.get("/specialist/").get_data(as_text=True)
    assert reference in dashboard and "Asha Roy" in dashboard
    assert "Acne scars, Pigmentation" in dashboard
    # Controlled diabetes, cold sores, recent peel, antiplatelet...: specialist review.
    assert "badge--needs_specialist_review" in dashboard and ">New<" in dashboard

    detail = specialist.get(f"/specialist/intakes/{reference}").get_data(as_text=True)
    assert "metformin 500 mg twice a day" in detail
    assert "Chemical peel" in detail or "chemical peel" in detail
    assert "Sources:" in detail and "Contested" in detail
    assessment_id = re.search(r'name="assessment_id" type="hidden" value="(\d+)"', detail)
    decided = specialist.post(
        f"/specialist/intakes/{reference}/decision",
        data={
            "csrf_token": page_token(specialist, f"/specialist/intakes/{reference}"),
            "assessment_id": assessment_id.group(1),
            "outcome": "needs_consultation",
            "notes": "Peel too recent; see in clinic in two weeks.",
        },
    )
    assert decided.status_code == 303
    dashboard = specialist.get("/specialist/?status=consultation").get_data(as_text=True)
    assert reference in dashboard
