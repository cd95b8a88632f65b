"""Bad input: messages next to each field and in a focused summary; nothing lost; no 500s."""

import re
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from itsdangerous import TimestampSigner
from sqlalchemy import select

from intake.models import Draft, Submission
from intake.questionnaire import STEPS
from intake.questionnaire.fields import DatePartsField, FormContext
from intake.questionnaire.forms import STEP_FORMS
from tests.support.client_journey import clinic_today
from tests.support.factories import date_fields, full_answers
from tests.support.forms import csrf_token


def _errors(html: str) -> list[str]:
    return re.findall(
        r'class="field-error"[^>]*><span class="visually-hidden">Error:</span> ([^<]+)<', html
    )


def _summary_links(html: str) -> list[str]:
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="([^"]+)">', summary)


def test_empty_step_explains_each_problem_next_to_the_field_and_in_a_summary(intake):
    intake.start()
    response = intake.post("about", {})
    assert response.status_code == 200
    html = response.text
    assert 'class="error-summary" tabindex="-1" data-autofocus' in html
    assert _summary_links(html) == ["#full_name", "#date_of_birth-day", "#sex-0", "#phone"]
    assert _errors(html) == [
        "Enter your full name.",
        "Enter your date of birth.",
        "Choose one of the options for sex.",
        "Enter a mobile number so the clinic can reach you.",
    ]
    for anchor in ("full_name", "date_of_birth-day", "sex-0", "phone"):
        assert f'id="{anchor}"' in html
    assert 'aria-describedby="full_name-error"' in html
    assert "<title>Error: About you" in html
    # The summary is focused by the static script (no inline script under the CSP).
    assert '<script src="/static/js/intake.js" defer></script>' in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"full_name": "x" * 121}, "Shorten this answer to 120 characters or fewer (it has 121)."),
        (date_fields("date_of_birth", day="31", month="2", year="2000"), "That day does not exist"),
        (date_fields("date_of_birth", day="1", month="13", year="2000"), "from 1 to 12"),
        (date_fields("date_of_birth", day="1", month="2", year="90"), "with 4 digits"),
        (date_fields("date_of_birth", day="a", month="b", year="c"), "in numbers"),
        (date_fields("date_of_birth", day="1", month="", year="1990"), "Add the month"),
        (date_fields("date_of_birth", day="", month="3", year="1990"), "Add the day"),
        (date_fields("date_of_birth", day="1", month="3", year="1850"), "too long ago"),
        (date_fields("date_of_birth", day="1", month="3", year="1901"), "over 110"),
        (date_fields("date_of_birth", day="1", month="3", year="2099"), "must be in the past"),
        ({"phone": "call me"}, "Enter a phone number in digits"),
        ({"phone": "12"}, "Enter a phone number in digits"),
        ({"email": "asha@"}, "Enter an email address like name@example.com"),
        ({"sex": "robot"}, "Choose from the options listed."),
    ],
)
def test_each_kind_of_bad_answer_says_what_to_fix(intake, fields, message):
    intake.start()
    html = intake.post("about", fields).text
    assert any(message in error for error in _errors(html)), _errors(html)


def test_dates_that_cannot_be_in_the_future_are_refused(intake):
    tomorrow = clinic_today() + timedelta(days=1)
    intake.start()
    html = intake.post(
        "medicines",
        {
            "isotretinoin": "stopped",
            **date_fields("isotretinoin_last_dose", tomorrow),
            "topical_retinoid": "yes",
            **date_fields("topical_retinoid_last_used", day="", month="1", year="2020"),
        },
    ).text
    errors = _errors(html)
    assert "This date is in the future. Enter a date that has already passed." in errors
    assert "Add the day as well as the month and year." in errors


def test_follow_ups_appear_on_the_server_rendered_page_without_javascript(intake):
    intake.start()
    fields = {"concerns": ["wrinkles", "texture"], "sun_reaction": "never_burns"}
    response = intake.post("skin", fields, shown="page")
    html = response.text
    assert response.status_code == 200
    assert "A few more questions" in html
    assert 'href="#followup-wrinkles"' in html and 'href="#followup-texture"' in html
    # Shown now, and not marked as errors: the client had not seen them yet.
    assert 'id="followup-wrinkles" data-when-field' in html
    assert (
        'id="followup-wrinkles" data-when-field="concerns" data-when-values="wrinkles" hidden'
        not in html
    )
    assert _errors(html) == []
    # Unchosen concerns stay hidden and are never required.
    assert 'data-when-values="acne_scars" hidden' in html
    more = {
        "wrinkles_areas": ["forehead"],
        "wrinkles_look": "when_moving",
        "texture_areas": ["nose"],
    }
    response = intake.post("skin", {**fields, **more}, shown="page")
    assert response.status_code == 302 and response.location == "/intake/photos"


def test_a_shown_follow_up_left_empty_is_an_error(intake):
    intake.start()
    html = intake.post("skin", {"concerns": ["acne_scars"], "sun_reaction": "never_burns"}).text
    assert _errors(html) == [
        "Choose at least one area.",
        "Choose at least one kind of scar.",
        "Choose how visible your scars are.",
    ]
    wrong_main = {
        "acne_scars_types": ["rolling", "boxcar_deep"],
        "acne_scars_main_type": "ice_pick",
    }
    html = intake.post("skin", {"concerns": ["acne_scars"], **wrong_main}).text
    assert "Choose one of the kinds of scar you ticked above." in _errors(html)


def test_which_kind_of_scar_is_most_is_asked_only_of_more_than_one_kind(app, intake):
    intake.start()
    one_kind = {
        "concerns": ["acne_scars"],
        "acne_scars_areas": ["cheeks"],
        "acne_scars_types": ["rolling"],
        "acne_scars_visibility": "close_up",
        "sun_reaction": "never_burns",
    }
    page = intake.client.get("/intake/skin").text
    # Closed until a second kind is ticked, in the browser as on the server.
    assert re.search(r'id="followup-acne_scars_main_type"[^>]*data-when-least="2"[^>]*hidden', page)
    # With one kind, an answer left from an earlier choice is neither checked nor kept.
    assert intake.post("skin", {**one_kind, "acne_scars_main_type": "ice_pick"}).status_code == 302
    with app.extensions["db_sessionmaker"]() as db:
        skin = db.query(Draft).one().answers["skin"]
    assert "acne_scars_main_type" not in skin
    # Unticking the concern closes the question too, whatever kinds were ticked.
    two_kinds = {**one_kind, "acne_scars_types": ["rolling", "ice_pick"]}
    fields = {**two_kinds, "concerns": ["texture"], "texture_areas": ["cheeks"]}
    assert intake.post("skin", fields).status_code == 302
    with app.extensions["db_sessionmaker"]() as db:
        skin = db.query(Draft).one().answers["skin"]
    assert "acne_scars_main_type" not in skin and "acne_scars_types" not in skin


def test_pregnancy_questions_are_not_asked_of_men(intake):
    fields = full_answers(clinic_today())
    intake.start()
    intake.post("about", {**fields["about"], "sex": "male"})
    html = intake.client.get("/intake/health").text
    assert "Are you pregnant" not in html
    health = {k: v for k, v in fields["health"].items() if k not in ("pregnant", "breastfeeding")}
    health.pop("hormonal_contraception")
    assert intake.post("health", health).location == "/intake/skin_health"


def test_under_18_gives_guardian_details_and_guardian_consent(app, intake):
    today = clinic_today()
    fields = full_answers(today)
    sixteen = today.replace(year=today.year - 16) - timedelta(days=1)
    about = {**fields["about"], **date_fields("date_of_birth", sixteen)}
    intake.start()
    html = intake.post("about", about, shown="page").text
    assert "Because you are under 18" in html and _errors(html) == []
    html = intake.post("about", about).text
    assert "Enter your parent or guardian's full name." in _errors(html)
    guardian = {
        "guardian_name": "Mita Roy",
        "guardian_relationship": "Mother",
        "guardian_phone": "98300 54321",
    }
    assert intake.post("about", {**about, **guardian}).location == "/intake/skin"
    for step in STEPS[1:-1]:
        intake.post(step, fields[step])
    html = intake.post("review", fields["review"]).text
    assert "Say whether your parent or guardian agrees." in _errors(html)
    response = intake.post("review", {**fields["review"], "guardian_consent": "yes"})
    assert response.location == "/intake/done"
    with app.extensions["db_sessionmaker"]() as db:
        submission = db.scalars(select(Submission)).one()
        assert submission.answers["about"]["guardian_name"] == "Mita Roy"
        assert submission.facts["age"] == 16
        assert submission.facts["guardian_present_and_consenting"] is True
        flags = {flag["id"] for flag in submission.assessments[0].result["flags"]}
    assert "minor_guardian_consent" in flags and "minor_without_guardian_consent" not in flags


def test_review_lists_unfinished_steps_and_will_not_submit_them(intake):
    intake.start()
    fields = full_answers(clinic_today())
    intake.post("about", fields["about"])
    response = intake.post("review", fields["review"])
    assert response.status_code == 200
    links = _summary_links(response.text)
    assert links == ["/intake/skin", "/intake/health", "/intake/skin_health", "/intake/medicines"]
    assert "Finish step 2: Your skin" in response.text


def test_expired_csrf_token_shows_the_posted_answers_again_and_saves_nothing(
    app, intake, monkeypatch
):
    intake.start()
    page = intake.client.get("/intake/about")
    token = csrf_token(page.text)
    # An hour and a bit later, the token has expired.
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + 3700)
    response = intake.client.post(
        "/intake/about",
        data={"csrf_token": token, "next": "1", "full_name": "Asha Roy", "phone": "98300 12345"},
    )
    assert response.status_code == 400
    assert 'value="Asha Roy"' in response.text and 'value="98300 12345"' in response.text
    assert "This page was open for a long time" in response.text
    fresh = csrf_token(response.text)
    assert fresh != token
    with app.extensions["db_sessionmaker"]() as db:
        assert db.scalars(select(Draft)).one().answers == {}
    # Pressing the button again, with the fresh token, saves the answers.
    response = intake.client.post(
        "/intake/about", data={"csrf_token": fresh, "save": "1", "full_name": "Asha Roy"}
    )
    assert response.status_code == 302


def test_forged_or_missing_csrf_token_is_refused(app, intake):
    intake.start()
    for data in ({"csrf_token": "forged", "full_name": "X"}, {"full_name": "X"}):
        response = intake.client.post("/intake/about", data={"next": "1", **data})
        assert response.status_code == 400
        assert 'value="X"' in response.text
    assert intake.client.post("/start").status_code == 400
    assert intake.client.post("/language", data={"lang": "bn"}).status_code == 400
    with app.extensions["db_sessionmaker"]() as db:
        assert db.scalars(select(Draft)).one().answers == {}


def test_oversized_request_gets_a_clear_413_page(intake):
    intake.start()
    page = intake.client.get("/intake/about")
    response = intake.client.post(
        "/intake/about",
        data={"csrf_token": csrf_token(page.text), "full_name": "x" * 300_000},
    )
    assert response.status_code == 413
    assert "That was too much to send at once" in response.text


def test_language_switch_saves_what_was_typed_and_rerenders(app, intake):
    intake.start()
    response = intake.post("about", {"full_name": "Asha"}, button="lang", value="bn")
    assert response.location == "/intake/about"
    html = intake.client.get("/intake/about").text
    assert '<html lang="bn">' in html and 'value="Asha"' in html
    assert '<fieldset class="lang-switch lang-switch--light">' in html
    assert 'lang="bn" aria-current="true">বাংলা</button>' in html
    with app.extensions["db_sessionmaker"]() as db:
        assert db.scalars(select(Draft)).one().language == "bn"


def test_language_form_returns_only_to_this_site(client):
    token = csrf_token(client.get("/").text)
    for target, expected in (
        ("/intake/done", "/intake/done"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
    ):
        response = client.post(
            "/language", data={"csrf_token": token, "lang": "hi", "next": target}
        )
        assert response.location == expected
    assert '<html lang="hi">' in client.get("/").text


def _posted_names(app, step: str) -> list[str]:
    """Return every input name a step's page can post."""
    with app.test_request_context():
        form = STEP_FORMS[step](None, context=FormContext({}, None))
    names = ["shown"]
    for name, field in form._fields.items():
        parts = DatePartsField.PARTS if isinstance(field, DatePartsField) else None
        names.extend(f"{name}-{part}" for part in parts) if parts else names.append(name)
    return names


@settings(max_examples=40)
@given(data=st.data())
def test_arbitrary_text_in_every_field_never_gives_a_server_error(app, intake, data):
    if not intake.client.get_cookie(app.config["SESSION_COOKIE_NAME"]):
        intake.start()
    step = data.draw(st.sampled_from(list(STEP_FORMS)))
    names = _posted_names(app, step)
    posted = {name: data.draw(st.lists(st.text(max_size=40), max_size=2)) for name in names}
    button = data.draw(st.sampled_from(["next", "back", "save", "lang"]))
    page = intake.client.get(f"/intake/{step}")
    if page.status_code == 302:
        return  # submitted by an earlier example: nothing more to post
    posted |= {"csrf_token": csrf_token(page.text), button: data.draw(st.text(max_size=5))}
    response = intake.client.post(f"/intake/{step}", data=posted)
    assert response.status_code < 500
    assert intake.client.get(f"/intake/{step}").status_code < 500


def _summary_texts(html: str) -> list[str]:
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="#[^"]+">([^<]+)</a>', summary)


def test_every_summary_entry_names_its_question(intake):
    intake.start()
    about = intake.post("about", {"full_name": "Asha Roy"}).text
    assert _summary_texts(about)[0] == "Date of birth: Enter your date of birth."
    skin = intake.post("skin", {"concerns": ["wrinkles", "texture"]}).text
    assert _summary_texts(skin) == [
        "Where are your lines and wrinkles? Choose at least one area.",
        "How do your lines look? Choose how your lines look.",
        "Where is the skin rough or uneven? Choose at least one area.",
        "What happens to your skin in strong sun without sunscreen? "
        "Choose what happens to your skin in strong sun.",
    ]
    # Next to the question, the message stands alone.
    assert _errors(skin).count("Choose at least one area.") == 2

    peel = {
        "procedures": ["chemical_peel"],
        **date_fields("chemical_peel_date", day="1", month="1", year="2099"),
    }
    medicines = intake.post("medicines", peel).text
    assert (
        "A chemical peel: when did you last have it? "
        "This date is in the future. Enter a date that has already passed."
    ) in _summary_texts(medicines)
