"""Wording that could change an answer or hurt: the coil, complexion words, errors, digits."""

import re

import pytest
from babel.messages.pofile import read_po

from intake.config import PROJECT_ROOT
from intake.questionnaire import STEPS
from intake.questionnaire.forms import SEX, HealthForm
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import page_token
from tests.support.page_text import in_language, visible_text

# How each language names the hormonal coil, and how it says the copper one is not meant.
MIRENA = {"en": "Mirena", "bn": "মিরেনা", "hi": "मिरेना"}
NOT_COPPER_T = {"en": "not a copper coil", "bn": "কপার-টি নয়", "hi": "कॉपर-टी नहीं"}
COPPER_T = {"en": "copper", "bn": "কপার", "hi": "कॉपर"}
ERROR = {"en": "Error:", "bn": "ত্রুটি:", "hi": "त्रुटि:"}
# Words that rank complexions (skin colour as looks, "dusky"), not describe a tan or a patch.
COMPLEXION_WORDS = ("গায়ের রং", "কালো", "साँवल", "सांवल", "रंगत", "काले")


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_the_hormonal_coil_is_mirena_and_never_copper_t(app, language):
    hint = in_language(app, language, HealthForm.hormonal_contraception.kwargs["description"])
    assert MIRENA[language] in hint
    # Copper-T appears only where it is ruled out: the non-hormonal coil would change the answer.
    assert hint.count(COPPER_T[language]) == 1 and NOT_COPPER_T[language] in hint


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_the_health_and_skin_steps_use_no_complexion_words(app, client, speaking, language):
    speaking(language)
    intake = Intake(client)
    intake.start()
    answers = full_answers(clinic_today())
    assert intake.post("about", answers["about"]).status_code == 302
    skin = visible_text(client.get("/intake/skin").text)
    health = visible_text(client.get("/intake/health").text)
    done_advice = in_language(
        app,
        language,
        "Protect your face from the sun in the days before: use sunscreen and shade, and "
        "avoid getting tanned or sunburnt.",
    )
    for word in COMPLEXION_WORDS:
        assert word not in skin and word not in health and word not in done_advice


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_errors_are_announced_with_the_neutral_word_for_error(client, speaking, language):
    speaking(language)
    intake = Intake(client)
    intake.start()
    page = intake.post("about", {}).text
    assert re.search(rf"<title>{ERROR[language]} ", page)
    assert f'<span class="visually-hidden">{ERROR[language]}</span>' in page


def test_sex_options_read_naturally_and_hindi_says_who_would_rather_not_say(app):
    labels = dict((value, label) for value, label in SEX)
    assert str(labels["other"]).startswith("Something else")
    assert in_language(app, "bn", labels["other"]).startswith("অন্য কিছু")
    assert in_language(app, "hi", labels["other"]).startswith("कुछ और")
    assert in_language(app, "hi", labels["prefer_not"]).startswith("मुझे")


@pytest.mark.parametrize(
    ("language", "step_label", "minutes"),
    [
        ("bn", "ধাপ ৩ / ৬", "১০ মিনিট"),
        ("hi", "चरण ३ / ६", "१० मिनट"),
        ("en", "Step 3 of 6", "10 minutes"),
    ],
)
def test_shown_numbers_use_the_pages_digits(client, speaking, language, step_label, minutes):
    speaking(language)
    landing = visible_text(client.get("/").text)
    assert minutes in landing
    intake = Intake(client)
    intake.start()
    answers = full_answers(clinic_today())
    for step in STEPS[: STEPS.index("health")]:
        assert intake.post(step, answers[step]).status_code == 302
    room = {"bn": "আরও ৩টি", "hi": "आप ३ और", "en": "You can add 3 more"}[language]
    consent = {"consent_photos": "yes", "consent_choice": "1"}
    token = page_token(client, "/intake/photos")
    photos = client.post("/intake/photos", data={**consent, "csrf_token": token})
    assert room in visible_text(client.get(photos.location or "/intake/photos").text)
    assert step_label in visible_text(client.get("/intake/health").text)
    saved = intake.post("health", {}, button="save")
    page = visible_text(client.get(saved.location).text)
    days = {"bn": "১৪", "hi": "१४", "en": "14"}[language]
    assert f" {days} " in page
    if language != "en":
        # The expiry date as well as the count of days (the link itself keeps its letters).
        expiry = page[page.rindex(days) - 80 : page.rindex(days)]
        assert not re.search(r"[0-9]", expiry)


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_every_number_a_translation_writes_is_in_the_pages_digits(language):
    path = PROJECT_ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        catalog = read_po(po)
    # Examples of what to type (a date, a phone number, a dose) keep the digits a phone's
    # number pad types; every other number reads in the page's own digits.
    in_latin = [
        message.id
        for message in catalog
        if message.id
        and "for example" not in message.id.lower()
        and re.search(r"[0-9]", re.sub(r"%\(\w+\)[sd]", "", message.string))
    ]
    assert not in_latin
