"""The health questions the rules need, and "None of these" as an answer of its own."""

import re
from html import unescape

import pytest

from intake.facts import facts_from_answers
from intake.models import Draft, Submission
from intake.questionnaire import STEPS, answer_sections
from tests.support.client_journey import clinic_today
from tests.support.factories import QUIET_SKIN_HEALTH, full_answers

# Each list a Yes/No question opens, with its gate and a choice of its own.
GATED_LISTS = [
    ("skin_health", "any_infection", "infection_now", "cold_sore"),
    ("skin_health", "any_skin_condition", "skin_conditions", "psoriasis"),
    ("skin_health", "any_allergy", "allergies", "nickel"),
    ("medicines", "any_procedure", "procedures", "laser"),
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
        "any_infection": "yes",
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
    assert form_version == "2026-12-v5"


def _at(intake, step) -> dict:
    """Reach a step with every earlier one answered; return the full answers."""
    answers = _through_health(intake)
    if step == "medicines":
        assert intake.post("skin_health", answers["skin_health"]).status_code == 302
    return answers


def _stored_draft(app, step) -> dict:
    with app.extensions["db_sessionmaker"]() as db:
        return db.query(Draft).one().answers[step]


@pytest.mark.parametrize(("step", "gate", "name", "other"), GATED_LISTS)
def test_no_to_the_question_stores_none_of_these_and_yes_opens_its_list(
    app, intake, step, gate, name, other
):
    answers = _at(intake, step)
    page = unescape(intake.client.get(f"/intake/{step}").text)
    # The list is on the page, closed until Yes, without a "None of these" box: No says it.
    assert re.search(rf'data-when-field="{gate}" data-when-values="yes"\s+hidden', page)
    assert f'name="{name}" value="none"' not in page
    fields = {k: v for k, v in answers[step].items() if k not in (gate, name)}
    assert intake.post(step, {**fields, gate: "no", name: [other]}).status_code == 302
    assert _stored_draft(app, step)[name] == ["none"]
    intake.post(step, {**fields, gate: "yes", name: [other]})
    assert _stored_draft(app, step)[name] == [other]
    # Back on the step, the stored list gives the answer to its question.
    page = intake.client.get(f"/intake/{step}").text
    assert re.search(rf'name="{gate}" value="yes" checked', page)


@pytest.mark.parametrize(("step", "gate", "name", "other"), GATED_LISTS)
def test_yes_without_a_choice_asks_for_the_list_and_none_is_not_a_choice_then(
    intake, step, gate, name, other
):
    answers = _at(intake, step)
    fields = {k: v for k, v in answers[step].items() if k not in (gate, name)}
    for chosen in ([], ["none"]):
        response = intake.post(step, {**fields, gate: "yes", name: chosen})
        assert response.status_code == 200
        assert f'href="#{name}-0"' in response.text
        assert re.search(rf'name="{gate}" value="yes" checked', response.text)


@pytest.mark.parametrize(("step", "gate", "name", "other"), GATED_LISTS)
def test_an_unanswered_question_is_asked_again_not_taken_as_none(intake, step, gate, name, other):
    answers = _at(intake, step)
    fields = {k: v for k, v in answers[step].items() if k not in (gate, name)}
    response = intake.post(step, fields)
    assert response.status_code == 200
    assert f'href="#{gate}-0"' in response.text
    assert f'href="#{name}-0"' not in response.text


@pytest.mark.parametrize(("step", "gate", "name", "other"), GATED_LISTS)
def test_a_page_from_before_the_question_posts_its_list_and_is_understood(
    app, intake, step, gate, name, other
):
    # A client who opened the step before the Yes/No question existed posts the list alone.
    answers = _at(intake, step)
    fields = {k: v for k, v in answers[step].items() if k not in (gate, name)}
    assert intake.post(step, {**fields, name: ["none"]}).status_code == 302
    assert _stored_draft(app, step)[name] == ["none"]
    # The choice may open questions of its own: whether or not the step passes, it is kept.
    response = intake.post(step, {**fields, name: [other]})
    assert _stored_draft(app, step)[name] == [other]
    if response.status_code == 200:
        assert f'href="#{gate}-0"' not in response.text
    # "None of these" with another choice says neither: the question is asked.
    response = intake.post(step, {**fields, name: ["none", other]})
    assert response.status_code == 200
    assert f'href="#{gate}-0"' in response.text


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
    assert now["Do you have any allergies?"] == "No"
    assert "What are you allergic to?" not in now
    assert before["Do you have any allergies?"] == "Not answered"
