"""Submissions for the PDF tests, made through the models and assessed by the shipped rules."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from intake.models import Assessment, Consent, Decision, Submission, SubmissionConcern, User
from intake.rules import get_ruleset

FORM_VERSION = "2026-11-v1"
CONSENT_VERSION = "2026-11-v1"
SUBMITTED_AT = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)

# Acne scars with post-acne marks in Fitzpatrick IV skin: the clinic's everyday intake.
TYPICAL_FACTS = {
    "age": 27,
    "sex": "female",
    "fitzpatrick": 4,
    "concerns": [
        {
            "type": "acne_scars",
            "scar_types": ["rolling", "boxcar_shallow"],
            "predominant_type": "rolling",
            "severity": 3,
        },
        {"type": "pigmentation", "pigmentation_type": "post_inflammatory_hyperpigmentation"},
    ],
    "herpes_history": True,
    "active_acne": "mild",
    "topical_retinoid_or_aha_last_used_days_ago": 3,
    "recent_procedures": [{"type": "chemical_peel_superficial", "weeks_ago": 12}],
    "medications": "Adapalene gel at night",
}

# Every concern and as many findings as one person can plausibly raise.
WORST_FACTS = {
    "age": 17,
    "sex": "female",
    "fitzpatrick": 5,
    "concerns": [
        {"type": "wrinkles", "glogau": 4},
        {
            "type": "acne_scars",
            "scar_types": ["ice_pick", "boxcar_deep", "rolling"],
            "predominant_type": "ice_pick",
            "severity": 4,
        },
        {"type": "pigmentation", "pigmentation_type": "melasma"},
        {"type": "enlarged_pores"},
        {"type": "texture"},
    ],
    "pregnant": False,
    "breastfeeding": True,
    "isotretinoin_last_dose_months_ago": 2,
    "anticoagulants": True,
    "antiplatelets": True,
    "bleeding_disorder": "controlled",
    "keloid_history": True,
    "active_acne": "moderate",
    "active_infection_in_area": "cold_sore",
    "herpes_history": True,
    "diabetes": "uncontrolled",
    "immunosuppressed": True,
    "autoimmune_disease": "Systemic lupus erythematosus",
    "recent_procedures": [
        {"type": "botulinum_toxin", "weeks_ago": 1},
        {"type": "dermal_filler", "weeks_ago": 2.5},
        {"type": "chemical_peel_medium", "weeks_ago": 3},
        {"type": "laser_ablative", "weeks_ago": 4},
        {"type": "microneedling", "weeks_ago": 2},
    ],
    "skin_conditions_in_area": [{"condition": "rosacea", "status": "quiescent"}],
    "skin_conditions_elsewhere": [
        {"condition": "psoriasis", "status": "quiescent"},
        {"condition": "vitiligo", "status": "quiescent"},
    ],
    "allergies": ["local_anaesthetic", "nickel", "gold", "topical_product"],
    "cancer_treatment_in_last_months": 6,
    "radiotherapy_to_treatment_area": False,
    "sunburn_now": True,
    "moles_or_raised_lesions_in_area": "changing_or_undiagnosed",
    "topical_retinoid_or_aha_last_used_days_ago": 1,
    "thrombosis_history": True,
    "hormonal_contraception": True,
    "medications": "",
    "guardian_present_and_consenting": True,
}

BENGALI = "আমার মুখে ব্রণের দাগ আছে এবং আমি ত্বক মসৃণ করতে চাই। "
HINDI = "मेरे चेहरे पर मुंहासों के निशान हैं और मैं त्वचा को चिकना करना चाहती हूँ। "
ENGLISH = "I would like smoother skin before my sister's wedding in February. "
LONG_WORD = "Supercalifragilistic" * 12


def typical_answers(free_text: str | None = None) -> dict:
    """Return a typical client's answers as the journey stores them.

    ``free_text`` replaces every answer the client types, and opens the questions that ask
    for typed text (autoimmune condition, other skin condition, other allergy).
    """

    def typed(default: str) -> str:
        return default if free_text is None else free_text

    health = {
        "pregnant": "no",
        "breastfeeding": "no",
        "hormonal_contraception": "no",
        "diabetes": "no",
        "bleeding_disorder": "no",
        "thrombosis": "no",
        "immune_weakened": "no",
        "autoimmune": "no",
        "cancer_treatment": "no",
        "keloids": "no",
        "cold_sores": "yes",
        "infection_now": "none",
        "active_acne": "mild",
        "sunburn_now": "no",
        "moles": "none",
        "skin_conditions": [],
        "allergies": [],
    }
    if free_text is not None:
        health.update(
            autoimmune="yes",
            autoimmune_name=free_text,
            skin_conditions=["other"],
            condition_other_name=free_text,
            condition_other_where="area",
            condition_other_now="calm",
            allergies=["other"],
            allergy_other=free_text,
        )
    return {
        "about": {
            "full_name": typed("Priya Sen"),
            "date_of_birth": "1999-03-02",
            "sex": "female",
            "phone": typed("+91 98300 00000"),
            "email": typed("priya@example.com"),
        },
        "skin": {
            "concerns": ["acne_scars", "pigmentation"],
            "acne_scars_areas": ["cheeks"],
            "acne_scars_types": ["rolling", "boxcar_shallow"],
            "acne_scars_main_type": "rolling",
            "acne_scars_visibility": "visible_flatten",
            "pigmentation_areas": ["cheeks"],
            "pigmentation_type": "post_inflammatory_hyperpigmentation",
            "sun_reaction": "rarely_burns_tans_easily",
        },
        "health": health,
        "medicines": {
            "isotretinoin": "never",
            "anticoagulant": "no",
            "antiplatelet": "no",
            "topical_retinoid": "yes",
            "topical_retinoid_last_used": "2026-11-17",
            "procedures": ["chemical_peel"],
            "chemical_peel_date": "2026-08-28",
            "chemical_peel_depth": "superficial",
            "medicines_list": typed("Adapalene gel at night"),
        },
        "review": {"consent_treatment_data": "yes", "consent_photos": "no"},
    }


def worst_answers() -> dict:
    """Return a worst-case client's answers: a minor, every concern, long text in three scripts."""
    long_text = (ENGLISH + BENGALI + HINDI) * 12 + LONG_WORD
    return {
        "about": {
            "full_name": "অনন্যা চক্রবর্তী (Ananya Chakraborty) अनन्या",
            "date_of_birth": "2009-05-14",
            "sex": "female",
            "phone": "+91 98300 11111",
            "email": "ananya.chakraborty.with.a.very.long.address@example.com",
            "guardian_name": "মিতা চক্রবর্তী",
            "guardian_relationship": "Mother (মা)",
            "guardian_phone": "+91 98300 22222",
        },
        "skin": {
            "concerns": ["wrinkles", "acne_scars", "pigmentation", "enlarged_pores", "texture"],
            "acne_scars_types": ["ice_pick", "boxcar_deep", "rolling"],
            "acne_scars_main_type": "ice_pick",
            "pigmentation_type": "melasma",
            "sun_reaction": "never_burns",
        },
        "health": {
            "pregnant": "no",
            "breastfeeding": "yes",
            "hormonal_contraception": "yes",
            "diabetes": "uncontrolled",
            "bleeding_disorder": "controlled",
            "thrombosis": "yes",
            "immune_weakened": "yes",
            "autoimmune": "yes",
            "autoimmune_name": "Systemic lupus erythematosus " + HINDI,
            "cancer_treatment": "yes",
            "keloids": "yes",
            "cold_sores": "yes",
            "infection_now": "cold_sore",
            "active_acne": "moderate",
            "sunburn_now": "yes",
            "moles": "changing",
            "skin_conditions": ["rosacea", "psoriasis", "vitiligo", "other"],
            "condition_other_name": BENGALI * 3,
            "allergies": ["local_anaesthetic", "nickel", "gold", "other"],
            "allergy_other": "Vitamin C serum; " + HINDI,
        },
        "medicines": {
            "isotretinoin": "stopped",
            "isotretinoin_last_dose": "2026-09",
            "anticoagulant": "yes",
            "antiplatelet": "yes",
            "procedures": ["botulinum_toxin", "dermal_filler", "chemical_peel"],
            "medicines_list": long_text,
        },
        "review": {
            "consent_treatment_data": "yes",
            "consent_photos": "yes",
            "guardian_consent": "yes",
        },
    }


def make_submission(
    session: Session,
    *,
    facts: dict,
    answers: dict,
    reference: str = "K7QH-3MWD",
    language: str = "en",
    date_of_birth: date = date(1999, 3, 2),
) -> Submission:
    """Store a submission, its consents and its assessment by the shipped rule set."""
    result = get_ruleset().assess(facts)
    name = answers["about"]["full_name"]
    submission = Submission(
        reference=reference,
        submitted_at=SUBMITTED_AT,
        language=language,
        form_version=FORM_VERSION,
        full_name=name,
        name_key=name.casefold(),
        date_of_birth=date_of_birth,
        age=facts["age"],
        answers=answers,
        facts=facts,
        outcome=result["overall"],
        concerns=[SubmissionConcern(concern=c["type"]) for c in facts["concerns"]],
        consents=[
            Consent(
                kind="treatment_data",
                given=True,
                text_version=CONSENT_VERSION,
                language=language,
                given_at=SUBMITTED_AT,
            ),
            Consent(
                kind="photos",
                given=False,
                text_version=CONSENT_VERSION,
                language=language,
                given_at=SUBMITTED_AT,
            ),
        ],
        assessments=[
            Assessment(
                created_at=SUBMITTED_AT,
                rules_version=result["rules_version"],
                overall=result["overall"],
                result=result,
            )
        ],
    )
    session.add(submission)
    session.flush()
    return submission


def typical_submission(session: Session, free_text: str | None = None) -> Submission:
    """Store the typical intake."""
    facts = dict(TYPICAL_FACTS)
    if free_text is not None:
        facts["medications"] = free_text
    return make_submission(session, facts=facts, answers=typical_answers(free_text))


def worst_submission(session: Session) -> Submission:
    """Store the worst-case intake: every concern, many findings, three scripts."""
    facts = dict(WORST_FACTS, medications=worst_answers()["medicines"]["medicines_list"])
    return make_submission(
        session,
        facts=facts,
        answers=worst_answers(),
        reference="B2XR-9TLN",
        language="bn",
        date_of_birth=date(2009, 5, 14),
    )


def make_specialist(session: Session, username: str = "dr.roy") -> User:
    """Store a specialist (no usable password: these tests never sign in as them)."""
    user = User(username=username, display_name="Dr Ishita Roy", password_hash="!")
    session.add(user)
    session.flush()
    return user


def add_decision(
    session: Session,
    submission: Submission,
    user: User,
    *,
    outcome: str = "proceed_with_precautions",
    reason: str | None = None,
    notes: str = "",
    after: timedelta = timedelta(days=1),
) -> Decision:
    """Record a specialist's decision on the latest assessment."""
    decision = Decision(
        submission=submission,
        assessment_id=submission.latest_assessment.id,
        user=user,
        created_at=SUBMITTED_AT + after,
        outcome=outcome,
        notes=notes,
        override_reason=reason,
    )
    session.add(decision)
    session.flush()
    return decision
