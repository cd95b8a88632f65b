"""The whole client journey over HTTP with CSRF on: six steps, resume elsewhere, submit."""

from datetime import timedelta

from sqlalchemy import func, select

from intake.facts import facts_from_answers
from intake.models import Assessment, Consent, Draft, Submission, SubmissionConcern
from intake.questionnaire import CONSENT_VERSIONS, FORM_VERSION, STEPS
from intake.rules import validate_facts
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token


def _db(app):
    return app.extensions["db_sessionmaker"]()


def test_walk_resume_elsewhere_and_submit(app, intake):
    today = clinic_today()
    fields = full_answers(today)
    intake.start()
    response = intake.post("about", fields["about"])
    assert response.status_code == 302 and response.location == "/intake/skin"
    # The private link is shown right after step 1, with a copy button for JavaScript.
    page = intake.client.get("/intake/skin")
    assert "/resume/" in page.text and "data-copy" in page.text
    assert intake.post("skin", fields["skin"]).location == "/intake/photos"
    link = intake.resume_link("health")

    # A fresh device: no cookies, only the link.
    other = Intake(app.test_client())
    response = other.client.get(link)
    assert response.status_code == 302 and response.location == "/intake/health"
    assert 'value="Asha Roy"' in other.client.get("/intake/about").text
    assert other.post("health", fields["health"]).location == "/intake/skin_health"
    assert other.post("skin_health", fields["skin_health"]).location == "/intake/medicines"
    assert other.post("medicines", fields["medicines"]).location == "/intake/review"
    review = other.client.get("/intake/review")
    for shown in ("Asha Roy", "asha@example.com", "Wide, soft dips", "Narrow, deep pits"):
        assert shown in review.text
    response = other.post("review", fields["review"])
    assert response.status_code == 302 and response.location == "/intake/done"

    done = other.client.get("/intake/done")
    with _db(app) as db:
        submission = db.scalars(select(Submission)).one()
        assert submission.reference in done.text
        assert submission.form_version == FORM_VERSION
        assert submission.language == "en"
        assert submission.full_name == "Asha Roy" and submission.name_key == "asha roy"
        assert submission.age == 30
        answers = submission.answers
        assert answers["about"]["date_of_birth"] == today.replace(year=today.year - 30).isoformat()
        assert answers["skin"]["acne_scars_types"] == ["rolling", "ice_pick"]
        assert answers["medicines"]["chemical_peel_date"] == (today - timedelta(21)).isoformat()
        assert answers["medicines"]["medicines_list"] == "metformin 500 mg twice a day\ncetirizine"
        assert answers["review"] == {
            "consent_treatment_data": ["yes"],
            "consent_photos": "no",
        }
        # Questions that did not apply are not part of the submission.
        assert "condition_psoriasis_where" not in answers["skin_health"]
        assert "guardian_name" not in answers["about"]

        facts = submission.facts
        assert facts == facts_from_answers(answers, today)
        assert validate_facts(facts)
        assert facts["age"] == 30
        assert facts["fitzpatrick"] == 4
        assert facts["concerns"] == [
            {
                "type": "acne_scars",
                "scar_types": ["rolling", "ice_pick"],
                "predominant_type": "rolling",
                "severity": 3,
            },
            {"type": "pigmentation", "pigmentation_type": "melasma"},
        ]
        assert facts["isotretinoin_last_dose_months_ago"] == 13
        assert facts["topical_retinoid_or_aha_last_used_days_ago"] == 3
        assert facts["recent_procedures"] == [{"type": "chemical_peel_medium", "weeks_ago": 3.0}]
        eczema = {"condition": "eczema", "status": "quiescent"}
        assert facts["skin_conditions_elsewhere"] == [eczema]
        assert facts["skin_conditions_in_area"] == []
        assert facts["allergies"] == ["nickel"]
        assert facts["antiplatelets"] is True and facts["anticoagulants"] is False
        assert facts["diabetes"] == "controlled" and facts["herpes_history"] is True
        assert facts["hormonal_contraception"] is True
        assert facts["guardian_present_and_consenting"] is False

        assessment = db.scalars(select(Assessment)).one()
        assert assessment.submission_id == submission.id
        assert submission.outcome == assessment.overall == assessment.result["overall"]
        assert assessment.rules_version == app.extensions["ruleset"].version
        flags = {flag["id"] for flag in assessment.result["flags"]}
        assert "recent_chemical_peel" in flags and "isotretinoin_within_6_months" not in flags
        assert "anticoagulant_or_antiplatelet" in flags

        concerns = db.scalars(select(SubmissionConcern.concern)).all()
        assert sorted(concerns) == ["acne_scars", "pigmentation"]
        consents = {c.kind: c for c in db.scalars(select(Consent))}
        assert consents["treatment_data"].given is True
        assert consents["photos"].given is False
        assert {c.text_version for c in consents.values()} == {CONSENT_VERSIONS["en"]}
        # The draft keeps only its link to the submission: the answers exist once.
        draft = db.scalars(select(Draft)).one()
        assert draft.submission_id == submission.id and draft.answers == {}


def test_confirmation_explains_the_visit_and_never_gives_a_verdict(intake):
    fields = full_answers(clinic_today())
    intake.start()
    for step in STEPS:
        assert intake.post(step, fields[step]).status_code == 302
    done = intake.client.get("/intake/done").text
    assert "30 to 60 minutes" in done
    assert "numbing cream" in done
    assert "mild sunburn" in done
    for verdict in ("suitable", "not suitable", "precaution", "specialist review", "contraindicat"):
        assert verdict not in done.lower()


def test_answers_are_immutable_after_submission(app, intake):
    fields = full_answers(clinic_today())
    intake.start()
    for step in STEPS:
        intake.post(step, fields[step])
    with _db(app) as db:
        before = db.scalars(select(Submission)).one().answers
    # The steps now lead to the confirmation; a crafted post changes nothing.
    assert intake.client.get("/intake/about").location == "/intake/done"
    page = intake.client.get("/intake/done")
    token = csrf_token(page)
    response = intake.client.post(
        "/intake/about",
        data={"csrf_token": token, "next": "1", "full_name": "Someone Else"},
    )
    assert response.location == "/intake/done"
    with _db(app) as db:
        assert db.scalar(select(func.count()).select_from(Submission)) == 1
        assert db.scalars(select(Submission)).one().answers == before


def test_back_keeps_unchecked_answers_and_next_moves_on(intake):
    intake.start()
    response = intake.post("skin", {"concerns": ["texture"], "sun_reaction": "never_burns"}, "back")
    assert response.location == "/intake/about"
    page = intake.client.get("/intake/skin").text
    assert 'value="texture" checked' in page and 'value="never_burns" checked' in page
    # Back from the first step goes to the landing page, still keeping what was typed.
    response = intake.post("about", {"full_name": "Half Typed", "date_of_birth-year": "19"}, "back")
    assert response.location == "/"
    page = intake.client.get("/intake/about").text
    assert 'value="Half Typed"' in page and 'value="19"' in page
