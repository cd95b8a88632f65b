"""The health questions the rules need, and "None of these" as an answer of its own."""

import re
from html import unescape

import pytest

from intake.facts import facts_from_answers
from intake.models import Submission
from intake.questionnaire import STEPS, answer_sections
from tests.support.client_journey import clinic_today
from tests.support.factories import QUIET_SKIN_HEALTH, full_answers

NONE_QUESTIONS = [
    ("skin_health", "infection_now", "cold_sore"),
    ("skin_health", "skin_conditions", "eczema"),
    ("skin_health", "allergies", "nickel"),
    ("medicines", "procedures", "laser"),
]


def _through_health(intake):
    answers = full_answers(clinic_today())
    intake.start()
    for step in STEPS[: STEPS.index("health") + 1]:
        assert intake.post(step, answers[step]).status_code == 302
    return answers


def _stored(app, reference) -> tuple[dict, dict, dict, str]:
    """Return the stored answers, facts, latest assessment and form version."""
    with app.extensions["db_sessionmaker"]() as db:
        found = db.query(Submission).filter_by(reference=reference).one()
        return found.answers, found.facts, found.latest_assessment.result, found.form_version


def test_the_health_step_asks_the_new_questions_in_plain_words(intake):
    _through_health(intake)
    history = unescape(intake.client.get("/intake/health").text)
    assert "a raised, thick scar that stayed within the edges of the wound" in history
    assert "For example a scar from a cut, a burn or an operation" in history
    page = unescape(intake.client.get("/intake/skin_health").text)
    assert "skin cancer on the parts of your face you want treated" in page
    assert "tanned, or has it had a lot of strong sun lately" in page
    assert 'value="shingles"' in page and "Another infection there" in page
    assert "For example infected spots." in page
    # Several infections can be ticked at once.
    assert re.search(r'type="checkbox" id="infection_now-0"\s+name="infection_now"', page)


def test_several_infections_and_the_new_answers_reach_the_facts(app, intake):
    answers = full_answers(clinic_today())
    answers["health"] = {**answers["health"], "raised_scars": "yes"}
    answers["skin_health"] = {
        **answers["skin_health"],
        "infection_now": ["cold_sore", "warts"],
        "tan_now": "yes",
        "skin_cancer": "yes",
    }
    reference = intake.submit(answers)
    _answers, facts, assessment, form_version = _stored(app, reference)
    assert facts["active_infection_in_area"] == ["cold_sore", "warts"]
    assert facts["hypertrophic_scar_history"] is True
    assert facts["tan_or_recent_sun_in_area"] is True
    assert facts["skin_cancer_in_area"] is True
    flags = {flag["id"] for flag in assessment["flags"]}
    assert {"active_infection_in_area", "known_skin_cancer_in_area"} <= flags
    assert {"hypertrophic_scar_history", "tan_or_recent_sun"} <= flags
    assert form_version == "2026-12-v4"


@pytest.mark.parametrize(("step", "name", "other"), NONE_QUESTIONS)
def test_none_of_these_cannot_be_ticked_with_another_choice(intake, step, name, other):
    answers = _through_health(intake)
    if step == "medicines":
        assert intake.post("skin_health", answers["skin_health"]).status_code == 302
    fields = {**answers[step], name: ["none", other]}
    response = intake.post(step, fields)
    assert response.status_code == 200
    page = unescape(response.text)
    assert "You ticked “None of these” and another answer. Untick one of them." in page
    assert f'href="#{name}-0"' in page
    # Nothing is lost: both ticks are still there to untick one.
    assert re.search(rf'name="{name}" value="none" checked', page)
    assert re.search(rf'name="{name}" value="{other}" checked', page)


@pytest.mark.parametrize(("step", "name", "other"), NONE_QUESTIONS)
def test_an_unanswered_multiple_choice_is_asked_again_not_taken_as_none(intake, step, name, other):
    answers = _through_health(intake)
    if step == "medicines":
        assert intake.post("skin_health", answers["skin_health"]).status_code == 302
    fields = {k: v for k, v in answers[step].items() if k != name}
    response = intake.post(step, fields)
    assert response.status_code == 200
    assert f'href="#{name}-0"' in response.text
    assert "None of these" in unescape(response.text)


def test_none_and_not_answered_read_differently_on_review_and_for_the_specialist(app, intake):
    answers = full_answers(clinic_today())
    answers["skin_health"] = {**QUIET_SKIN_HEALTH, "allergies": ["none"]}
    reference = intake.submit(answers)
    stored = _stored(app, reference)[0]
    assert stored["skin_health"]["allergies"] == ["none"]
    assert facts_from_answers(stored, clinic_today())["allergies"] == []
    older = {**stored, "skin_health": {**stored["skin_health"], "allergies": []}}
    with app.test_request_context():
        now = dict(dict(answer_sections(stored))["Your skin now, and allergies"])
        before = dict(dict(answer_sections(older))["Your skin now, and allergies"])
    assert now["Are you allergic to any of these?"] == "None of these"
    assert before["Are you allergic to any of these?"] == "Not answered"
