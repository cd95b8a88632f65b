"""answer_sections: the answers read back as the client saw them (review page, specialist, PDF)."""

from datetime import date

from flask import g
from sqlalchemy import select

from intake.models import Submission
from intake.questionnaire import STEPS, answer_sections
from tests.support.client_journey import clinic_today
from tests.support.factories import date_fields, full_answers


def _submitted(app, intake, **overrides) -> dict:
    fields = full_answers(clinic_today())
    for step, values in overrides.items():
        fields[step] = {**fields[step], **values}
    intake.start()
    # A minor's guardian questions appear once the date of birth is known.
    intake.post("about", fields["about"], shown="page")
    for step in STEPS:
        assert intake.post(step, fields[step]).status_code == 302
    with app.extensions["db_sessionmaker"]() as db:
        return db.scalars(select(Submission)).one().answers


def test_sections_follow_the_steps_with_readable_answers(app, intake):
    answers = _submitted(app, intake, about=date_fields("date_of_birth", date(1990, 3, 27)))
    with app.test_request_context():
        g.force_locale = "en"
        sections = answer_sections(answers)
    assert [title for title, _ in sections] == [
        "About you",
        "Your skin",
        "Your health",
        "Your skin now, and allergies",
        "Medicines and recent treatments",
        "Consent",
    ]
    rows = dict(sections[0][1])
    assert rows["Full name"] == "Asha Roy"
    assert rows["Date of birth"] == "27 March 1990"
    skin = dict(sections[1][1])
    assert skin["What do your scars look like?"] == "Wide, soft dips\nNarrow, deep pits"
    assert skin["Which kind do you have most of? (optional)"] == "Wide, soft dips"
    health = dict(sections[2][1])
    skin_health = dict(sections[3][1])
    assert skin_health["Eczema (dermatitis): where is it?"] == "Only elsewhere on my face or body"
    medicines = dict(sections[4][1])
    assert medicines["A chemical peel: when did you last have it?"]
    assert medicines["How strong was the peel?"] == "I am not sure"
    consent = dict(sections[5][1])
    assert consent["Using your answers"] == "I agree"
    assert consent["Photos of your skin"] == "No photos, thank you"
    # Questions that did not apply are not listed.
    assert "What is it called?" not in health
    assert "Your parent or guardian's full name" not in rows


def test_guardian_answers_stay_visible_after_the_client_turns_18(app, intake):
    today = clinic_today()
    seventeen = date_fields("date_of_birth", today.replace(year=today.year - 17))
    guardian = {
        "guardian_name": "Mita Roy",
        "guardian_relationship": "Mother",
        "guardian_phone": "98300 54321",
    }
    answers = _submitted(
        app, intake, about={**seventeen, **guardian}, review={"guardian_consent": "yes"}
    )
    with app.test_request_context():
        # Read years later, without a "today": what was asked is what is shown.
        about, *_, consent = answer_sections(answers)
    assert dict(about[1])["Your parent or guardian's full name"] == "Mita Roy"
    assert "I am the parent or guardian" in dict(consent[1])["Your parent or guardian's agreement"]


def test_month_only_dates_and_unanswered_optional_questions(app):
    answers = {
        "medicines": {
            "isotretinoin": "stopped",
            "isotretinoin_last_dose": "2026-02",
            "medicines_list": "",
        }
    }
    with app.test_request_context():
        medicines = dict(answer_sections(answers)[4][1])
    assert medicines["When did you take your last isotretinoin tablet?"] == "February 2026"
    assert medicines["Which medicines, vitamins or supplements do you take? (optional)"] == (
        "Not answered"
    )


def test_answers_from_before_the_health_step_was_split_still_read_in_both_steps(app):
    # Form v3 and earlier kept the skin questions and allergies under "health".
    older = {"health": {"diabetes": "controlled", "moles": "benign", "allergies": ["nickel"]}}
    with app.test_request_context():
        sections = dict(answer_sections(older))
    health = dict(sections["Your health"])
    skin_health = dict(sections["Your skin now, and allergies"])
    assert health["Do you have diabetes?"] == "Yes, and it is well controlled"
    assert not any("moles" in question for question in health)
    moles = "Do you have moles or raised spots on the parts of your face you want treated?"
    assert skin_health[moles] == "Yes, and they have not changed"
    assert skin_health["Do you have any allergies?"] == "Yes"
    assert skin_health["What are you allergic to?"] == "Nickel"
    # Questions the older form never asked are left out, not shown as unanswered.
    assert "Do you have an infection on your face right now?" not in skin_health
