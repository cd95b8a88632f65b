"""The whole journey in Bengali and in Hindi: every page, every error, no English left over."""

import re
from datetime import timedelta

import pytest
from babel.dates import format_date
from flask_babel import force_locale
from sqlalchemy import select

from intake.i18n import page_digits
from intake.models import Consent, Draft, Submission
from intake.questionnaire import CONSENT_VERSIONS, STEPS
from intake.questionnaire.forms import CONCERNS, PROCEDURES, SKIN_CONDITIONS
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import date_fields, full_answers
from tests.support.forms import csrf_token
from tests.support.page_text import PAGE_DIGITS, english_left

# What a Bengali or a Hindi speaker might type: names and free text in their own script.
TYPED = {
    "bn": {
        "full_name": "আশা রায়",
        "medicines_list": "মেটফরমিন 500 mg দিনে দুবার\nসেটিরিজিন",
        "goals": "গালের গর্তগুলো মসৃণ হোক",
    },
    "hi": {
        "full_name": "आशा राय",
        "medicines_list": "मेटफ़ॉर्मिन 500 mg दिन में दो बार\nसेटिरिज़िन",
        "goals": "गालों के गड्ढे भर जाएँ",
    },
}
_REFERENCE = re.compile(r'class="reference">([^<]+)<')


def only_language(response, language: str, typed: tuple[str, ...] = ()) -> str:
    """Assert the page is in the language with no English left; return its HTML."""
    html = response.text
    assert f'<html lang="{language}">' in html
    assert english_left(html, typed) == []
    return html


def every_followup_unanswered(today) -> dict[str, dict]:
    """Answers that open every follow-up and leave its questions empty: each step then shows
    all the messages it has for missing answers, and a few for wrong ones."""
    fifteen = today - timedelta(days=15 * 366)
    return {
        "about": {**date_fields("date_of_birth", fifteen), "phone": "12", "email": "no-at-sign"},
        "skin": {"concerns": [value for value, *_ in CONCERNS], "goals": "দ" * 1001},
        "health": {"autoimmune": "yes", "cancer_treatment": "yes"},
        "skin_health": {
            "skin_conditions": [value for value, *_ in SKIN_CONDITIONS if value != "none"],
            "allergies": ["other"],
        },
        "medicines": {
            "isotretinoin": "stopped",
            "topical_retinoid": "yes",
            "procedures": [value for value, _ in PROCEDURES if value != "none"],
            **date_fields("microneedling_date", day="5", month="13", year="2024"),
        },
        "review": {},
    }


@pytest.fixture(params=["bn", "hi"])
def language(request):
    return request.param


def test_every_page_and_every_validation_message_is_in_the_language(
    app, client, speaking, language
):
    speaking(language)
    intake = Intake(client)
    only_language(client.get("/"), language)
    intake.start()
    today = clinic_today()

    errors = 0
    for step, fields in every_followup_unanswered(today).items():
        page = intake.post(step, fields)
        assert page.status_code == 200, step
        html = only_language(page, language, typed=("no-at-sign",))
        assert 'class="error-summary"' in html
        errors += html.count('class="field-error"')
    # Every follow-up's questions were asked, and each one missing said so.
    assert errors > 40

    fields = full_answers(today)
    fields["about"]["full_name"] = TYPED[language]["full_name"]
    fields["medicines"]["medicines_list"] = TYPED[language]["medicines_list"]
    fields["skin"]["goals"] = TYPED[language]["goals"]
    typed = (fields["about"]["email"], *TYPED[language]["medicines_list"].split("\n"))
    for step in STEPS[:-1]:
        assert intake.post(step, fields[step]).status_code == 302, step
    review = only_language(client.get("/intake/review"), language, typed)
    # Free text is shown as the client wrote it, in their script.
    assert TYPED[language]["full_name"] in review
    assert TYPED[language]["medicines_list"].split("\n")[0] in review
    assert TYPED[language]["goals"] in review
    # Dates read with the month's name and the digits of the language: never 05/03 against
    # 03/05, and never 0-9 in a Bengali or Hindi sentence.
    last_dose = today - timedelta(days=400)
    born = today.replace(year=today.year - 30)
    for shown in (last_dose, born):
        written = format_date(shown, "d MMMM y", locale=language)
        assert written.translate(PAGE_DIGITS[language]) in review
        assert written not in review
    # The boxes the client edits keep 0-9, as a phone's number pad types them.
    medicines = client.get("/intake/medicines").text
    assert f'value="{last_dose.year}"' in medicines and f'value="{last_dose.month}"' in medicines

    done = intake.post("review", fields["review"])
    assert done.status_code == 302 and done.location == "/intake/done"
    page = client.get("/intake/done")
    reference = _REFERENCE.search(page.text).group(1)
    only_language(page, language, typed=(reference,))
    only_language(client.get("/"), language)

    with app.extensions["db_sessionmaker"]() as db:
        submission = db.scalars(select(Submission)).one()
        assert submission.language == language
        assert submission.answers["about"]["full_name"] == TYPED[language]["full_name"]
        assert submission.answers["skin"]["goals"] == TYPED[language]["goals"]
        consents = db.scalars(select(Consent)).all()
        assert {(c.language, c.text_version) for c in consents} == {
            (language, CONSENT_VERSIONS[language])
        }


def test_saved_page_and_resume_link_pages_are_in_the_language(app, client, speaking, language):
    speaking(language)
    intake = Intake(client)
    intake.start()
    # Named, so the link lasts its full time (a draft nobody claims lasts a day).
    link = intake.resume_link("about", {"full_name": TYPED[language]["full_name"]})
    page = client.get("/saved?step=about")
    # The token stands on its own after /resume/, so it never breaks: a code made for them.
    html = only_language(page, language, typed=(link.rsplit("/", 1)[1],))
    # The expiry date is written with the month's name, and the digits, of the language.
    expires = clinic_today() + timedelta(days=app.config["RESUME_TOKEN_DAYS"])
    written = format_date(expires, "d MMMM y", locale=language)
    with app.test_request_context(), force_locale(language):
        assert page_digits(written) in html
    path = link.split("localhost", 1)[1]
    assert client.get(path).status_code == 302
    unknown = client.get("/resume/not-a-token")
    assert unknown.status_code == 404
    only_language(unknown, language)


def test_switching_language_mid_form_keeps_every_answer(app, client, speaking):
    speaking("bn")
    intake = Intake(client)
    intake.start()
    about = {"full_name": "আশা রায়", **date_fields("date_of_birth", day="৫", month="৩", year="১৯৯০")}
    assert intake.post("about", about, button="lang", value="hi").status_code == 302
    html = only_language(client.get("/intake/about"), "hi")
    assert 'value="আশা রায়"' in html
    # The date was understood, so it comes back as the date it is, in digits 0-9.
    assert 'value="5"' in html and 'value="3"' in html and 'value="1990"' in html

    skin = {"concerns": ["acne_scars"], "acne_scars_areas": ["cheeks", "nose"]}
    assert intake.post("skin", skin, button="lang", value="bn").status_code == 302
    html = only_language(client.get("/intake/skin"), "bn")
    for name, value in (("concerns", "acne_scars"), ("acne_scars_areas", "cheeks")):
        assert f'name="{name}" value="{value}" checked' in html
    assert 'name="acne_scars_areas" value="nose" checked' in html
    with app.extensions["db_sessionmaker"]() as db:
        draft = db.scalars(select(Draft)).one()
        assert draft.language == "bn"
        assert draft.answers["about"]["full_name"] == "আশা রায়"
        assert draft.answers["skin"]["acne_scars_areas"] == ["cheeks", "nose"]


def test_the_language_switch_is_on_every_client_page_in_each_script(client, speaking):
    speaking("hi")
    intake = Intake(client)
    pages = [client.get("/")]
    intake.start()
    pages.append(client.get("/intake/about"))
    intake.post("about", {}, button="save")
    pages.append(client.get("/saved?step=about"))
    pages.append(client.get("/no-such-page"))
    for page in pages:
        for code, name in (("en", "English"), ("bn", "বাংলা"), ("hi", "हिन्दी")):
            assert f'<button type="submit" name="lang" value="{code}" lang="{code}"' in page.text
            assert f">{name}</button>" in page.text
        assert '<legend class="visually-hidden">भाषा</legend>' in page.text


def test_switching_language_on_a_page_without_a_form_returns_to_it(client, speaking):
    speaking("en")
    token = csrf_token(client.get("/"))
    response = client.post("/language", data={"csrf_token": token, "lang": "bn", "next": "/"})
    assert response.status_code == 302 and response.location == "/"
    only_language(client.get("/"), "bn")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bn-IN,bn;q=0.9,en;q=0.8", "bn"),
        ("bn-BD", "bn"),
        ("hi-IN,hi;q=0.9,en-US;q=0.8", "hi"),
        ("en-US,en;q=0.9,hi;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,bn;q=0.5", "bn"),
        ("fr-FR,fr;q=0.9", "en"),
        ("", "en"),
    ],
)
def test_the_first_page_speaks_the_browser_language(client, header, expected):
    page = client.get("/", headers={"Accept-Language": header})
    assert f'<html lang="{expected}">' in page.text


def test_the_language_the_journey_began_in_stays_when_the_browser_changes(client, speaking):
    speaking("bn")
    intake = Intake(client)
    intake.start()
    speaking("en")
    only_language(client.get("/intake/about"), "bn")
    assert intake.post("about", {}).status_code == 200
    only_language(intake.post("about", {}), "bn")


def test_resuming_on_another_device_restores_the_drafts_language(app, client, speaking):
    speaking("hi")
    intake = Intake(client)
    intake.start()
    assert intake.post("about", full_answers(clinic_today())["about"]).status_code == 302
    link = intake.resume_link("skin")

    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-GB,en;q=0.9"
    response = other.get(link.split("localhost", 1)[1])
    assert response.status_code == 302 and response.location == "/intake/skin"
    only_language(other.get("/intake/skin"), "hi")
    only_language(other.get("/"), "hi")


def test_the_english_check_finds_english_on_an_english_page(client, speaking):
    speaking("en")
    left = english_left(client.get("/").text)
    assert {"Before", "microneedling", "Start"} <= set(left)
    # What the client typed is theirs, in any script, and is not counted.
    assert english_left("<p>আশা Asha Roy</p>", typed=("Asha Roy",)) == []
    assert english_left("<p>আশা Asha Roy</p>") == ["Asha", "Roy"]
