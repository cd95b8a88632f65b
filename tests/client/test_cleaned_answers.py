"""Typed answers are cleaned and cut when saved, and the client is told on the next page."""

from html import unescape

import pytest
from sqlalchemy import select

from intake.models import Draft, Submission
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers

HOSTILE_GOALS = "\u202eSmooth\u200b cheeks\x00 \u2067please\u2069\u202d"
CLEANED_GOALS = "Smooth cheeks please"
GOALS_QUESTION = {
    "en": "In your own words, what would you like to change about your skin? (optional)",
    "bn": "নিজের কথায় লিখুন",
    "hi": "अपने शब्दों में लिखें",
}
REMOVED = {
    "en": "We removed invisible or control characters from your answer to",
    "bn": "প্রশ্নের উত্তর থেকে আমরা কিছু অদৃশ্য বা নিয়ন্ত্রণ-চিহ্ন সরিয়ে দিয়েছি।",
    "hi": "के आपके जवाब से हमने कुछ अदृश्य या नियंत्रण-चिह्न हटा दिए हैं।",
}
SHORTENED = {
    "en": "was longer than 1,000 characters, so we saved only the first 1,000.",
    "bn": "অক্ষরের চেয়ে বড় ছিল, তাই আমরা শুধু প্রথম",
    "hi": "अक्षरों से लंबा था, इसलिए हमने सिर्फ़ पहले",
}


def _draft_answers(app) -> dict:
    with app.extensions["db_sessionmaker"]() as db:
        return db.scalars(select(Draft)).one().answers


def _session(app, client) -> dict:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


def _started(client, language: str) -> tuple[Intake, dict]:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    intake = Intake(client)
    intake.start()
    fields = full_answers(clinic_today())
    assert intake.post("about", fields["about"]).status_code == 302
    return intake, fields


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_removed_characters_are_named_on_the_next_page_in_the_clients_language(
    app, client, language
):
    intake, fields = _started(client, language)
    response = intake.post("skin", {**fields["skin"], "goals": HOSTILE_GOALS})
    assert response.location == "/intake/photos"
    # Which answer was cleaned waits in the draft, not in the (readable) session cookie.
    assert "goals" not in str(_session(app, client))

    page = unescape(client.get(response.location).text)
    assert REMOVED[language] in page
    assert GOALS_QUESTION[language] in page[page.index(REMOVED[language]) - 200 :]
    assert _draft_answers(app)["skin"]["goals"] == CLEANED_GOALS
    # Told once: the page after that is quiet.
    assert REMOVED[language] not in unescape(client.get(response.location).text)


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_save_keeps_at_most_the_limit_and_says_so(app, client, language):
    intake, fields = _started(client, language)
    too_long = "My cheeks " + "x" * 1500
    response = intake.post("skin", {**fields["skin"], "goals": too_long}, button="save")
    assert response.status_code == 302

    page = unescape(client.get(response.location).text)
    assert SHORTENED[language] in page
    assert _draft_answers(app)["skin"]["goals"] == too_long[:1000]


def test_an_answer_that_needs_no_cleaning_brings_no_notice(app, client):
    intake, fields = _started(client, "en")
    response = intake.post("skin", {**fields["skin"], "goals": "Smooth cheeks\r\n  please  "})
    page = client.get(response.location).text
    assert REMOVED["en"] not in page
    assert _draft_answers(app)["skin"]["goals"] == "Smooth cheeks\n  please"


def test_a_name_typed_with_invisible_characters_is_submitted_clean(app, client):
    answers = full_answers(clinic_today())
    answers["about"]["full_name"] = "Pri\u200bya\u2060 Das\ufeff"
    Intake(client).submit(answers)
    with app.extensions["db_sessionmaker"]() as db:
        submission = db.scalars(select(Submission)).one()
        assert (submission.full_name, submission.name_key) == ("Priya Das", "priya das")
