"""Coming back: "Change" returns to the review, a resumed journey greets, the link is shareable."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from intake.questionnaire import STEPS
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers


def _to_review(intake) -> dict:
    answers = full_answers(clinic_today())
    intake.start()
    for step in STEPS[:-1]:
        assert intake.post(step, answers[step]).status_code == 302
    return answers


def test_change_on_the_review_page_saves_the_step_and_returns_to_the_review(intake):
    answers = _to_review(intake)
    review = intake.client.get("/intake/review").text
    assert 'href="/intake/skin?back_to=review"' in review
    page = intake.client.get("/intake/skin?back_to=review").text
    assert '<input type="hidden" name="back_to" value="review">' in page
    assert "Save and go back to check your answers" in page
    skin = {**answers["skin"], "goals": "Smoother cheeks", "back_to": "review"}
    response = intake.post("skin", skin)
    assert response.status_code == 302
    assert response.location.endswith("/intake/review")
    assert "Smoother cheeks" in intake.client.get("/intake/review").text


def test_a_change_with_a_problem_keeps_the_way_back_to_the_review(intake):
    answers = _to_review(intake)
    skin = {**answers["skin"], "sun_reaction": "", "back_to": "review"}
    response = intake.post("skin", skin)
    assert response.status_code == 200
    assert '<input type="hidden" name="back_to" value="review">' in response.text


def test_without_change_a_step_still_leads_to_the_next(intake):
    answers = _to_review(intake)
    response = intake.post("skin", answers["skin"])
    assert response.location.endswith("/intake/photos")


def test_a_resumed_journey_greets_the_client_once(intake, client):
    answers = full_answers(clinic_today())
    intake.start()
    assert intake.post("about", answers["about"]).status_code == 302
    assert intake.post("skin", answers["skin"]).status_code == 302
    link = intake.resume_link("health")
    fresh = client.application.test_client()
    landed = fresh.get(urlsplit(link).path)
    assert landed.location.endswith("/intake/health")
    page = unescape(fresh.get("/intake/health").text)
    assert "Welcome back: you were on step 3, Your health." in page
    assert "Welcome back" not in fresh.get("/intake/health").text


def test_the_resume_link_can_be_sent_to_oneself_and_never_breaks_in_its_token(intake):
    intake.start()
    link = intake.resume_link("about")
    token = link.rsplit("/", 1)[1]
    page = unescape(intake.client.get("/saved?step=about").text)
    assert f'/<wbr><span class="resume-link__token">{token}</span>' in page
    whatsapp = re.search(r'href="(https://wa\.me/\?text=[^"]+)"', page).group(1)
    sms = re.search(r'href="(sms:\?&body=[^"]+)"', page).group(1)
    for href in (whatsapp, sms):
        text = parse_qs(urlsplit(href.replace("sms:?&", "sms:?")).query)
        message = (text.get("text") or text.get("body"))[0]
        assert message.endswith(link)
    assert "Send it to myself on WhatsApp" in page and "Send it to myself by SMS" in page
